import "server-only";
import { and, desc, eq, inArray, lt, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { users } from "@/lib/auth/schema";
import { displayName } from "@/lib/community/rules";
import type { Executor } from "@/lib/db/client";
import type { Phase } from "@/lib/decisions/rules";
import {
  type callItemKinds,
  type callItemOutcomes,
  callItems,
  calls,
  positions,
} from "@/lib/decisions/schema";
import { threads } from "@/lib/discussion/schema";
import type { ComparableClause } from "@/lib/drafting/field-diff";
import { emptyRichText } from "@/lib/drafting/rich-text";
import { formatRef } from "@/lib/drafting/rules";
import {
  clauseRevisions,
  clauses,
  levels,
  modules,
  sectionRevisions,
  sections,
} from "@/lib/drafting/schema";

type Revision = typeof clauseRevisions.$inferSelect;
type SectionRevision = typeof sectionRevisions.$inferSelect;

/** One change of a call on a set of changes, as its page shows it. */
export type CallItemView = {
  id: string;
  position: number;
  kind: (typeof callItemKinds)[number];
  outcome: (typeof callItemOutcomes)[number];
  /** "SW-4" for a clause, the section's address name for a section. */
  key: string;
  title: string;
  isSection: boolean;
  moduleCode: string | null;
  /** Where a move takes the clause. */
  toModule: string | null;
  revision: number | null;
  /** The text it would adopt, and the adopted text it replaces (null: never adopted). */
  proposed: ComparableClause | null;
  before: { revision: number; clause: ComparableClause } | null;
  /** The call it went on to alone, at the advisory group, and where that call stands. */
  escalated: { number: number; phase: Phase } | null;
  /** The objections that name it. */
  objections: { threadId: string; author: string; state: "raised" | "withdrawn" | "sustained" }[];
};

const author = alias(users, "objection_author");
const child = alias(calls, "child_call");

/**
 * Every change of a call in the document's order, each with its word diff's two texts, its
 * outcome, the call it escalated to and the objections naming it: a fixed number of queries,
 * however many changes the call has.
 */
export async function callItemsOf(
  db: Executor,
  call: { id: string; standardId: string; decidedAt: Date | null },
): Promise<{ items: CallItemView[]; wholeCallObjections: number }> {
  const target = alias(modules, "target_module");
  const rows = await db
    .select({
      item: callItems,
      clause: clauses,
      module: modules.code,
      section: sections,
      revision: clauseRevisions,
      toModule: target.code,
      child: { number: child.number, phase: child.phase },
    })
    .from(callItems)
    .leftJoin(clauses, eq(clauses.id, callItems.clauseId))
    .leftJoin(modules, eq(modules.id, clauses.moduleId))
    .leftJoin(sections, eq(sections.id, callItems.sectionId))
    .leftJoin(clauseRevisions, eq(clauseRevisions.id, callItems.revisionId))
    .leftJoin(target, eq(target.id, callItems.moduleId))
    .leftJoin(child, eq(child.id, callItems.escalatedCallId))
    .where(eq(callItems.callId, call.id))
    .orderBy(callItems.position);
  const before = await earlierAdopted(db, call, rows);
  const sectionTexts = await sectionTextsOf(db, rows);
  const levelRows = await db
    .select({ id: levels.id, name: levels.name })
    .from(levels)
    .where(eq(levels.standardId, call.standardId));
  const levelName = (id: string | null) =>
    id ? (levelRows.find((level) => level.id === id)?.name ?? null) : null;
  const comparable = (revision: Revision): ComparableClause => ({
    title: revision.title,
    strength: revision.strength,
    level: levelName(revision.levelId),
    body: revision.body,
    assessment: revision.assessment,
    examples: revision.examples,
  });
  const objectionRows = await db
    .select({
      threadId: threads.id,
      state: threads.objectionState,
      authorId: threads.createdBy,
      authorName: author.name,
      itemIds: positions.itemIds,
    })
    .from(threads)
    .innerJoin(author, eq(author.id, threads.createdBy))
    .leftJoin(positions, eq(positions.threadId, threads.id))
    .where(and(eq(threads.callId, call.id), eq(threads.kind, "objection")));
  const items = rows.map(({ item, clause, module, section, revision, toModule, ...row }) => {
    const earlier = item.clauseId ? before.get(item.clauseId) : undefined;
    const texts = item.sectionId ? sectionTexts.get(item.id) : undefined;
    return {
      id: item.id,
      position: item.position,
      kind: item.kind,
      outcome: item.outcome,
      key: clause ? formatRef(clause.refCode, clause.refNumber) : (section?.slug ?? ""),
      title: revision?.title ?? clause?.title ?? section?.title ?? "",
      isSection: Boolean(section),
      moduleCode: module,
      toModule,
      revision: revision?.number ?? texts?.proposed?.number ?? null,
      proposed: revision ? comparable(revision) : (texts?.proposed?.clause ?? null),
      before: earlier
        ? { revision: earlier.number, clause: comparable(earlier) }
        : (texts?.before ?? null),
      escalated: row.child?.number ? row.child : null,
      objections: objectionRows
        .filter((objection) => objection.itemIds?.includes(item.id))
        .map((objection) => ({
          threadId: objection.threadId,
          author: displayName({ id: objection.authorId, name: objection.authorName }),
          state: objection.state ?? "raised",
        })),
    } satisfies CallItemView;
  });
  return {
    items,
    wholeCallObjections: objectionRows.filter((objection) => !objection.itemIds?.length).length,
  };
}

/**
 * The adopted text each clause's change is read against: the clause's adopted revision while
 * the change is undecided, and once it is adopted, the one adopted before this call decided.
 */
async function earlierAdopted(
  db: Executor,
  call: { id: string; decidedAt: Date | null },
  rows: { item: typeof callItems.$inferSelect; clause: typeof clauses.$inferSelect | null }[],
): Promise<Map<string, Revision>> {
  const current = new Map<string, string>();
  const replaced: string[] = [];
  for (const { item, clause } of rows) {
    if (!clause?.adoptedRevisionId) continue;
    if (clause.adoptedRevisionId !== item.revisionId)
      current.set(clause.id, clause.adoptedRevisionId);
    else replaced.push(clause.id);
  }
  const found = new Map<string, Revision>();
  if (current.size > 0) {
    const revisions = await db
      .select()
      .from(clauseRevisions)
      .where(inArray(clauseRevisions.id, [...current.values()]));
    for (const revision of revisions) found.set(revision.clauseId, revision);
  }
  if (replaced.length === 0) return found;
  // Adopted by this call (or the call a change went on to): what other calls adopted before.
  const cutoff = call.decidedAt ? lt(calls.decidedAt, call.decidedAt) : undefined;
  const singles = await db
    .select({ revision: clauseRevisions, at: calls.decidedAt })
    .from(calls)
    .innerJoin(clauseRevisions, eq(clauseRevisions.id, calls.revisionId))
    .where(and(inArray(calls.clauseId, replaced), eq(calls.phase, "adopted"), cutoff))
    .orderBy(desc(calls.decidedAt));
  const inSets = await db
    .select({ revision: clauseRevisions, at: calls.decidedAt })
    .from(callItems)
    .innerJoin(calls, eq(calls.id, callItems.callId))
    .innerJoin(clauseRevisions, eq(clauseRevisions.id, callItems.revisionId))
    .where(
      and(
        inArray(callItems.clauseId, replaced),
        eq(callItems.outcome, "adopted"),
        ne(calls.id, call.id),
        cutoff,
      ),
    )
    .orderBy(desc(calls.decidedAt));
  for (const { revision } of [...singles, ...inSets].sort(
    (a, b) => (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0),
  )) {
    if (!found.has(revision.clauseId)) found.set(revision.clauseId, revision);
  }
  return found;
}

/** A section as a clause with only a title and a text, so the same diff shows it. */
const sectionComparable = (revision: SectionRevision): ComparableClause => ({
  title: revision.title,
  strength: "",
  level: null,
  body: revision.body,
  assessment: emptyRichText(),
  examples: emptyRichText(),
});

async function sectionTextsOf(
  db: Executor,
  rows: {
    item: typeof callItems.$inferSelect;
    section: typeof sections.$inferSelect | null;
  }[],
) {
  const ids = rows.flatMap(({ item, section }) =>
    [item.sectionRevisionId, section?.adoptedRevisionId].filter((id): id is string => Boolean(id)),
  );
  const texts = new Map<
    string,
    {
      proposed: { number: number; clause: ComparableClause } | null;
      before: { revision: number; clause: ComparableClause } | null;
    }
  >();
  if (ids.length === 0) return texts;
  const revisions = await db
    .select()
    .from(sectionRevisions)
    .where(inArray(sectionRevisions.id, ids));
  const byId = new Map(revisions.map((revision) => [revision.id, revision]));
  for (const { item, section } of rows) {
    if (!section) continue;
    const proposed = item.sectionRevisionId ? byId.get(item.sectionRevisionId) : undefined;
    const adopted =
      section.adoptedRevisionId && section.adoptedRevisionId !== item.sectionRevisionId
        ? byId.get(section.adoptedRevisionId)
        : undefined;
    texts.set(item.id, {
      proposed: proposed ? { number: proposed.number, clause: sectionComparable(proposed) } : null,
      before: adopted ? { revision: adopted.number, clause: sectionComparable(adopted) } : null,
    });
  }
  return texts;
}

/** What the page's filters keep: a module, a kind of change, and whether objected. */
export type ItemFilters = { module: string; kind: string; objected: boolean };

export function filterItems(items: CallItemView[], filters: ItemFilters): CallItemView[] {
  return items.filter(
    (item) =>
      (!filters.module || item.moduleCode === filters.module) &&
      (!filters.kind || item.kind === filters.kind) &&
      (!filters.objected || item.objections.length > 0),
  );
}

/** The page's summary: how many changes, by outcome and by kind. */
export function itemCounts(items: CallItemView[]) {
  const count = <K extends string>(key: (item: CallItemView) => K) => {
    const counts: Partial<Record<K, number>> = {};
    for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
    return counts;
  };
  return {
    total: items.length,
    byOutcome: count((item) => item.outcome),
    byKind: count((item) => item.kind),
  };
}
