import "server-only";
import { and, desc, eq, inArray, lt, ne } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { calls } from "@/lib/decisions/schema";
import type { ComparableClause } from "@/lib/drafting/field-diff";
import { clauseRevisions, clauses, clauseTexts, levels } from "@/lib/drafting/schema";

type Revision = typeof clauseRevisions.$inferSelect;

/** What a clause call changes, and what it is read against. */
export type ClauseCallTexts = {
  /** The adopted text the call would replace, with the revision and call that adopted it. */
  adopted: { number: number; call: number; clause: ComparableClause } | null;
  proposed: ComparableClause;
  /** The working text now, to show how it has moved on since the proposed revision. */
  working: ComparableClause | null;
};

/**
 * The adopted text a clause call is read against: what was adopted before the call was decided
 * (or now, while it is undecided). Once the call is adopted its own revision is the clause's
 * adopted text, and the change it made is still the one against the text it replaced.
 */
export async function clauseCallTexts(
  db: Executor,
  call: { id: string; clauseId: string | null; decidedAt: Date | null },
  proposed: Revision,
): Promise<ClauseCallTexts | null> {
  if (!call.clauseId) return null;
  const [earlier] = await db
    .select({ revision: clauseRevisions, call: calls.number })
    .from(calls)
    .innerJoin(clauseRevisions, eq(clauseRevisions.id, calls.revisionId))
    .where(
      and(
        eq(calls.clauseId, call.clauseId),
        eq(calls.phase, "adopted"),
        ne(calls.id, call.id),
        call.decidedAt ? lt(calls.decidedAt, call.decidedAt) : undefined,
      ),
    )
    .orderBy(desc(calls.decidedAt))
    .limit(1);
  const [working] = await db
    .select({ clause: clauses, text: clauseTexts })
    .from(clauses)
    .innerJoin(clauseTexts, eq(clauseTexts.clauseId, clauses.id))
    .where(eq(clauses.id, call.clauseId));
  const levelIds = [earlier?.revision.levelId, proposed.levelId, working?.clause.levelId].filter(
    (id): id is string => Boolean(id),
  );
  const levelRows = levelIds.length
    ? await db
        .select({ id: levels.id, name: levels.name })
        .from(levels)
        .where(inArray(levels.id, levelIds))
    : [];
  const levelName = (id: string | null) =>
    id ? (levelRows.find((level) => level.id === id)?.name ?? null) : null;
  const comparable = (revision: Revision): ComparableClause => ({
    title: revision.title,
    strength: revision.strength,
    level: levelName(revision.levelId),
    body: revision.body,
    assessment: revision.assessment,
    examples: revision.examples,
    mappings: revision.mappings,
  });
  return {
    adopted: earlier
      ? {
          number: earlier.revision.number,
          call: earlier.call,
          clause: comparable(earlier.revision),
        }
      : null,
    proposed: comparable(proposed),
    working: working
      ? {
          title: working.clause.title,
          strength: working.clause.strength,
          level: levelName(working.clause.levelId),
          body: working.text.body,
          assessment: working.text.assessment,
          examples: working.text.examples,
          mappings: working.text.mappings,
        }
      : null,
  };
}
