import { diffArrays } from "diff";
import { sameRichText } from "@/lib/drafting/canonical-text";
import {
  type DiffPart,
  diffWords,
  isRewrite,
  tallyWords,
  type WordTally,
} from "@/lib/drafting/diff";
import { type Mapping, mappingLine, sameMappings, sortMappings } from "@/lib/drafting/mappings";
import { plainTextOf, type RichText } from "@/lib/drafting/rich-text";
import { sameJson } from "@/lib/drafting/same-json";

/**
 * One paragraph of a field as a reader sees it: its words, and where it sits in a list. `indent`
 * counts the lists around it; `marker` is the bullet or number of a list item's first paragraph.
 */
export type Block = { text: string; marker: string | null; indent: number };

/** The paragraphs of a field, list items included, in reading order; empty ones left out. */
export function blocksOf(doc: RichText): Block[] {
  const blocks: Block[] = [];
  const walk = (node: RichText, indent: number, marker: string | null) => {
    if (node.type === "paragraph") {
      const text = plainTextOf(node);
      if (text.trim()) blocks.push({ text, marker, indent });
      return;
    }
    if (node.type === "bulletList" || node.type === "orderedList") {
      const start = Number(node.attrs?.start ?? 1);
      (node.content ?? []).forEach((item, index) => {
        const bullet = node.type === "bulletList" ? "•" : `${start + index}.`;
        (item.content ?? []).forEach((child, position) => {
          walk(child, indent + 1, position === 0 ? bullet : null);
        });
      });
      return;
    }
    for (const child of node.content ?? []) walk(child, indent, null);
  };
  walk(doc, 0, null);
  return blocks;
}

/** A field's text as one block: a title, a strength, a level's name (none when empty). */
export function blocksOfText(text: string): Block[] {
  return text.trim() ? [{ text, marker: null, indent: 0 }] : [];
}

type Change =
  | { kind: "same" | "added" | "removed"; block: Block }
  | {
      kind: "edited";
      before: Block;
      after: Block;
      parts: DiffPart[];
      /** Fewer than half its words kept: shown side by side unless the reader asks otherwise. */
      rewritten: boolean;
    };

/** A paragraph's change, named by where it stands in the old and new text. */
export type BlockChange = Change & { key: string };

/** Bullets and numbers are compared by kind: renumbering a list changes none of its items. */
const identity = (block: Block) =>
  `${block.indent}|${block.marker === null ? "" : block.marker === "•" ? "•" : "#"}|${block.text}`;

/** Beyond this many candidate pairs in one changed run, paragraphs are paired in order. */
const MAX_PAIRINGS = 400;

function edited(before: Block, after: Block): Change {
  const parts = diffWords(before.text, after.text);
  return { kind: "edited", before, after, parts, rewritten: isRewrite(tallyWords(parts)) };
}

/**
 * Pairs the removed and added paragraphs of one changed run so that the pairs keep as many words
 * as possible, in order: a paragraph inserted before an edited one is then shown as added, not
 * as a rewrite of its neighbour. Paragraphs with no word in common stay unpaired.
 */
function pairRun(removed: Block[], added: Block[]): Change[] {
  if (removed.length * added.length > MAX_PAIRINGS) {
    const paired = Math.min(removed.length, added.length);
    return [
      ...removed.slice(0, paired).map((block, index) => edited(block, added[index] as Block)),
      ...removed.slice(paired).map((block) => ({ kind: "removed" as const, block })),
      ...added.slice(paired).map((block) => ({ kind: "added" as const, block })),
    ];
  }
  const kept = removed.map((before) =>
    added.map((after) => tallyWords(diffWords(before.text, after.text)).kept),
  );
  // best[i][j]: words kept by the best pairing of the first i removed and first j added.
  const best = Array.from({ length: removed.length + 1 }, () =>
    new Array<number>(added.length + 1).fill(0),
  );
  const at = (i: number, j: number) => best[i]?.[j] ?? 0;
  for (let i = 1; i <= removed.length; i++) {
    for (let j = 1; j <= added.length; j++) {
      const score = kept[i - 1]?.[j - 1] ?? 0;
      const row = best[i] as number[];
      row[j] = Math.max(at(i - 1, j), at(i, j - 1), score > 0 ? at(i - 1, j - 1) + score : 0);
    }
  }
  const out: Change[] = [];
  let i = removed.length;
  let j = added.length;
  while (i > 0 || j > 0) {
    const score = i > 0 && j > 0 ? (kept[i - 1]?.[j - 1] ?? 0) : 0;
    if (score > 0 && at(i, j) === at(i - 1, j - 1) + score) {
      out.push(edited(removed[i - 1] as Block, added[j - 1] as Block));
      i -= 1;
      j -= 1;
    } else if (j > 0 && (i === 0 || at(i, j) === at(i, j - 1))) {
      out.push({ kind: "added", block: added[j - 1] as Block });
      j -= 1;
    } else {
      out.push({ kind: "removed", block: removed[i - 1] as Block });
      i -= 1;
    }
  }
  // Built from the end; between two pairs, removed paragraphs read before added ones.
  out.reverse();
  const ordered: Change[] = [];
  let pending: Change[] = [];
  for (const change of out) {
    if (change.kind === "edited") {
      ordered.push(...sortRemovedFirst(pending), change);
      pending = [];
    } else pending.push(change);
  }
  return [...ordered, ...sortRemovedFirst(pending)];
}

const sortRemovedFirst = (changes: Change[]) => [
  ...changes.filter((change) => change.kind === "removed"),
  ...changes.filter((change) => change.kind !== "removed"),
];

/** Paragraph by paragraph: unchanged ones kept, changed ones paired with what replaced them. */
export function diffBlocks(before: Block[], after: Block[]): BlockChange[] {
  const runs = diffArrays(before, after, {
    comparator: (left: Block, right: Block) => identity(left) === identity(right),
  });
  const changes: Change[] = [];
  let removed: Block[] = [];
  let added: Block[] = [];
  let next = 0; // index into `after` of the next paragraph not yet placed
  for (const run of runs) {
    if (run.removed) {
      removed.push(...run.value);
      continue;
    }
    const blocks = after.slice(next, next + run.value.length);
    next += run.value.length;
    if (run.added) {
      added.push(...blocks);
      continue;
    }
    changes.push(...pairRun(removed, added));
    removed = [];
    added = [];
    // The newer side's paragraphs: the same words and kind, with their current list numbers.
    for (const block of blocks) changes.push({ kind: "same", block });
  }
  changes.push(...pairRun(removed, added));
  let inBefore = 0;
  let inAfter = 0;
  return changes.map((change) => {
    if (change.kind !== "added") inBefore += 1;
    if (change.kind !== "removed") inAfter += 1;
    return { ...change, key: `${change.kind}-${inBefore}-${inAfter}` };
  });
}

/** Words kept and words on each side, over a whole field. */
export function tallyBlocks(changes: BlockChange[]): WordTally {
  const tally = { kept: 0, before: 0, after: 0 };
  for (const change of changes) {
    const words =
      change.kind === "edited"
        ? tallyWords(change.parts)
        : tallyWords([{ kind: change.kind, text: change.block.text }] satisfies DiffPart[]);
    tally.kept += words.kept;
    tally.before += words.before;
    tally.after += words.after;
  }
  return tally;
}

/** A clause as two versions of it are compared: a revision, the adopted text, a release's copy. */
export type ClauseVersion = {
  title: string;
  strength: string;
  /** The lowest level requiring it, as the reader should see it. */
  level: string;
  body: RichText;
  assessment: RichText;
  examples: RichText;
  /** Links to other frameworks; absent or empty when there are none. */
  mappings?: readonly Mapping[];
};

/** A clause as pages hold it (a revision, the working text, a release's copy). */
export type ComparableClause = Omit<ClauseVersion, "level"> & {
  /** Null: required at no level, recommended only. */
  level: string | null;
};

/** Every field of a clause, in reading order. */
export const versionFields = [
  "title",
  "strength",
  "level",
  "body",
  "assessment",
  "examples",
  "mappings",
] as const;
export type VersionField = (typeof versionFields)[number];

export type FieldDiff =
  | { name: VersionField; status: "unchanged" }
  /** The same words, with other emphasis or links. */
  | { name: VersionField; status: "formatting" }
  | {
      name: VersionField;
      status: "changed";
      changes: BlockChange[];
      /** Fewer than half the field's words kept: shown whole, old beside new. */
      rewritten: boolean;
    };

/**
 * `prose`: a field of paragraphs, where a rewrite is set beside the old text. A title, strength
 * or level is a few words that read plainly as struck and inserted, however many changed.
 */
function fieldDiff(name: VersionField, before: Block[], after: Block[], prose: boolean): FieldDiff {
  const compared = diffBlocks(before, after);
  if (compared.every((change) => change.kind === "same")) {
    // No words on either side (an empty paragraph for an empty field) is no change at all.
    return { name, status: compared.length > 0 ? "formatting" : "unchanged" };
  }
  if (prose) {
    return {
      name,
      status: "changed",
      changes: compared,
      rewritten: isRewrite(tallyBlocks(compared)),
    };
  }
  const changes = compared.map((change) =>
    change.kind === "edited" ? { ...change, rewritten: false } : change,
  );
  return { name, status: "changed", changes, rewritten: false };
}

const isRich = (name: VersionField): name is "body" | "assessment" | "examples" =>
  name === "body" || name === "assessment" || name === "examples";

/**
 * Every field of a clause, each compared on its own, in reading order. With no older version
 * (a clause never adopted, or one added by a release) every word is new; with no newer one,
 * every word is gone.
 */
export function diffClause(before: ClauseVersion | null, after: ClauseVersion | null): FieldDiff[] {
  const fields: FieldDiff[] = [];
  for (const name of versionFields) {
    if (name === "mappings") {
      // A clause that maps to nothing on either side has no mappings to speak of.
      const from = before?.mappings ?? [];
      const to = after?.mappings ?? [];
      if (from.length === 0 && to.length === 0) continue;
      fields.push(
        sameMappings(from, to)
          ? { name, status: "unchanged" }
          : fieldDiff(name, mappingBlocks(from), mappingBlocks(to), false),
      );
    } else if (isRich(name)) {
      const from = before?.[name] ?? null;
      const to = after?.[name] ?? null;
      // Canonical forms agree when only render-only attributes differ (older stored texts).
      if (from !== null && to !== null && (sameJson(from, to) || sameRichText(from, to))) {
        fields.push({ name, status: "unchanged" });
      } else fields.push(fieldDiff(name, from ? blocksOf(from) : [], to ? blocksOf(to) : [], true));
    } else {
      const from = before?.[name] ?? "";
      const to = after?.[name] ?? "";
      fields.push(
        from === to
          ? { name, status: "unchanged" }
          : fieldDiff(name, blocksOfText(from), blocksOfText(to), false),
      );
    }
  }
  return fields;
}

/** One block per mapping, in their one order, so each added or removed link reads as a line. */
function mappingBlocks(mappings: readonly Mapping[]): Block[] {
  return sortMappings(mappings).map((mapping) => ({
    text: mappingLine(mapping),
    marker: "•",
    indent: 1,
  }));
}

/** Whether two versions of a clause differ in any field, formatting included. */
export function clausesDiffer(a: ComparableClause, b: ComparableClause): boolean {
  const plain = (clause: ComparableClause): ClauseVersion => ({
    ...clause,
    level: clause.level ?? "",
  });
  return diffClause(plain(a), plain(b)).some((field) => field.status !== "unchanged");
}
