import { sameRichText } from "@/lib/drafting/canonical-text";
import { type DiffPart, diffWords } from "@/lib/drafting/diff";
import { type Mapping, mappingLine, sameMappings, sortMappings } from "@/lib/drafting/mappings";
import { plainTextOf, type RichText } from "@/lib/drafting/rich-text";
import { sameJson } from "@/lib/drafting/same-json";
import type { ReleaseClause } from "@/lib/releases/content";

export const comparedFields = [
  "title",
  "strength",
  "level",
  "body",
  "assessment",
  "examples",
  "mappings",
] as const;
export type ComparedField = (typeof comparedFields)[number];

export type FieldChange = { name: ComparedField; parts: DiffPart[] };

export type ChangedClause = {
  ref: string;
  from: ReleaseClause;
  to: ReleaseClause;
  /** Changed fields in reading order. A rich-text field whose words are the same but whose
   * formatting or links differ is listed with redlines that show no change. */
  fields: FieldChange[];
};

export type MovedClause = {
  clause: ReleaseClause;
  fromModule: string;
  toModule: string;
  fromPosition: number;
  toPosition: number;
};

export type Comparison = {
  /** In the newer release's order. */
  added: ReleaseClause[];
  /** In the older release's order. */
  removed: ReleaseClause[];
  moved: MovedClause[];
  changed: ChangedClause[];
  /** Clauses in both releases that neither moved nor changed. */
  unchanged: number;
  summary: { added: number; removed: number; moved: number; changed: number; unchanged: number };
};

function textField(name: ComparedField, from: string, to: string): FieldChange | null {
  return from === to ? null : { name, parts: diffWords(from, to) };
}

function richField(name: ComparedField, from: RichText, to: RichText): FieldChange | null {
  // A release published before text was stored canonically may carry rendering attributes.
  if (sameJson(from, to) || sameRichText(from, to)) return null;
  return { name, parts: diffWords(plainTextOf(from), plainTextOf(to)) };
}

function mappingsField(from: Mapping[], to: Mapping[]): FieldChange | null {
  if (sameMappings(from, to)) return null;
  const lines = (mappings: Mapping[]) => sortMappings(mappings).map(mappingLine).join("\n");
  return { name: "mappings", parts: diffWords(lines(from), lines(to)) };
}

/** The fields that differ between two states of one clause, with word-level redlines. */
export function changedFields(from: ReleaseClause, to: ReleaseClause): FieldChange[] {
  const changes = [
    textField("title", from.title, to.title),
    textField("strength", from.strength, to.strength),
    textField("level", from.level ?? "", to.level ?? ""),
    richField("body", from.body, to.body),
    richField("assessment", from.assessment, to.assessment),
    richField("examples", from.examples, to.examples),
    mappingsField(from.mappings ?? [], to.mappings ?? []),
  ];
  return changes.filter((change): change is FieldChange => change !== null);
}

/**
 * Indexes (into `values`) of one longest strictly increasing subsequence, by patience sorting in
 * O(n log n): a 1,000-clause module stays far inside the comparison budget.
 */
function longestIncreasing(values: number[]): Set<number> {
  const tails: number[] = []; // tails[k]: index of the smallest tail of a run of length k + 1
  const previous: number[] = new Array(values.length).fill(-1);
  values.forEach((value, index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((values[tails[middle] ?? 0] ?? 0) < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[index] = tails[low - 1] ?? -1;
    tails[low] = index;
  });
  const kept = new Set<number>();
  for (let index = tails.at(-1) ?? -1; index >= 0; index = previous[index] ?? -1) kept.add(index);
  return kept;
}

function byPosition(a: ReleaseClause, b: ReleaseClause): number {
  return a.position - b.position;
}

/**
 * Refs of the clauses that a reader would say moved. A clause that changed module moved. Within a
 * module, only clauses present there in both releases are ranked, so insertions and removals
 * around a clause do not make it look moved; of those, the fewest whose removal leaves the rest in
 * their old order are the moved ones (the complement of a longest increasing subsequence).
 */
function movedRefs(pairs: { from: ReleaseClause; to: ReleaseClause }[]): Set<string> {
  const moved = new Set<string>();
  const stayed = new Map<string, { from: ReleaseClause; to: ReleaseClause }[]>();
  for (const pair of pairs) {
    if (pair.from.moduleCode !== pair.to.moduleCode) {
      moved.add(pair.to.ref);
      continue;
    }
    const group = stayed.get(pair.to.moduleCode) ?? [];
    group.push(pair);
    stayed.set(pair.to.moduleCode, group);
  }
  for (const group of stayed.values()) {
    const newRank = new Map(
      group
        .map((pair) => pair.to)
        .sort(byPosition)
        .map((clause, rank) => [clause.ref, rank]),
    );
    const oldOrder = group.map((pair) => pair.from).sort(byPosition);
    const kept = longestIncreasing(oldOrder.map((clause) => newRank.get(clause.ref) ?? 0));
    oldOrder.forEach((clause, index) => {
      if (!kept.has(index)) moved.add(clause.ref);
    });
  }
  return moved;
}

function indexByRef(clauses: ReleaseClause[], side: string): Map<string, ReleaseClause> {
  const index = new Map<string, ReleaseClause>();
  for (const clause of clauses) {
    // Matching is by reference, so a repeated one would make the comparison silently wrong.
    if (index.has(clause.ref)) throw new Error(`${side} release repeats clause ${clause.ref}`);
    index.set(clause.ref, clause);
  }
  return index;
}

/** Clause-level and word-level differences between two sets of clauses, matched by reference. */
export function compareClauses(from: ReleaseClause[], to: ReleaseClause[]): Comparison {
  const before = indexByRef(from, "older");
  const after = indexByRef(to, "newer");
  const added = to.filter((clause) => !before.has(clause.ref));
  const removed = from.filter((clause) => !after.has(clause.ref));
  const pairs = to.flatMap((clause) => {
    const old = before.get(clause.ref);
    return old ? [{ from: old, to: clause }] : [];
  });
  const movedSet = movedRefs(pairs);
  const moved: MovedClause[] = [];
  const changed: ChangedClause[] = [];
  let unchanged = 0;
  for (const pair of pairs) {
    const fields = changedFields(pair.from, pair.to);
    if (fields.length > 0) changed.push({ ref: pair.to.ref, from: pair.from, to: pair.to, fields });
    if (movedSet.has(pair.to.ref)) {
      moved.push({
        clause: pair.to,
        fromModule: pair.from.moduleCode,
        toModule: pair.to.moduleCode,
        fromPosition: pair.from.position,
        toPosition: pair.to.position,
      });
    } else if (fields.length === 0) {
      unchanged += 1;
    }
  }
  return {
    added,
    removed,
    moved,
    changed,
    unchanged,
    summary: {
      added: added.length,
      removed: removed.length,
      moved: moved.length,
      changed: changed.length,
      unchanged,
    },
  };
}
