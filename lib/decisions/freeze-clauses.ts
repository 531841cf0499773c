import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Transaction } from "@/lib/db/client";
import { canonicalFields } from "@/lib/drafting/canonical-text";
import { authorsSince, sameSnapshot } from "@/lib/drafting/rules";
import { clauseEdits, clauseRevisions, clauses, clauseTexts } from "@/lib/drafting/schema";
import { DomainError, type FieldErrorCode } from "@/lib/errors";

const refuse = (code: FieldErrorCode): never => {
  throw new DomainError("invalid_input", { items: code });
};

/**
 * The revision each clause of a set of changes is adopted at: a named one, or the one holding its
 * working text (the latest, or a new one when the text changed since), taken for all the clauses
 * at once, in a handful of queries whatever their number. The clauses stay locked until the
 * transaction ends, so no two calls take a revision of the same clause at once.
 */
export async function frozenClauseRevisions(
  tx: Transaction,
  standardId: string,
  requests: { clauseId: string; revision?: number }[],
  revision: { note: string; actorId: string; now: Date },
): Promise<Map<string, string>> {
  const frozen = new Map<string, string>();
  if (requests.length === 0) return frozen;
  const ids = requests.map((request) => request.clauseId);
  const clauseRows = await tx
    .select()
    .from(clauses)
    .where(and(inArray(clauses.id, ids), eq(clauses.standardId, standardId)))
    .orderBy(clauses.id)
    .for("update");
  if (clauseRows.length !== new Set(ids).size) refuse("unknown_clause");
  if (clauseRows.some((clause) => clause.retiredAt)) refuse("clause_retired");
  const texts = new Map(
    (await tx.select().from(clauseTexts).where(inArray(clauseTexts.clauseId, ids))).map((text) => [
      text.clauseId,
      text,
    ]),
  );
  const latest = new Map(
    (
      await tx
        .selectDistinctOn([clauseRevisions.clauseId])
        .from(clauseRevisions)
        .where(inArray(clauseRevisions.clauseId, ids))
        .orderBy(clauseRevisions.clauseId, desc(clauseRevisions.number))
    ).map((row) => [row.clauseId, row]),
  );
  const named = requests.filter((request) => request.revision !== undefined);
  if (named.length > 0) {
    const rows = await tx
      .select()
      .from(clauseRevisions)
      .where(
        inArray(
          clauseRevisions.clauseId,
          named.map((request) => request.clauseId),
        ),
      );
    for (const request of named) {
      const row = rows.find(
        (candidate) =>
          candidate.clauseId === request.clauseId && candidate.number === request.revision,
      );
      frozen.set(request.clauseId, row?.id ?? refuse("unknown_revision"));
    }
  }
  const stale = clauseRows.filter((clause) => {
    if (frozen.has(clause.id)) return false;
    const text = texts.get(clause.id);
    if (!text) throw new DomainError("not_found");
    const last = latest.get(clause.id);
    if (last && sameSnapshot(last, { ...clause, ...text })) {
      frozen.set(clause.id, last.id);
      return false;
    }
    return true;
  });
  if (stale.length === 0) return frozen;
  const edits = await tx
    .select()
    .from(clauseEdits)
    .where(
      inArray(
        clauseEdits.clauseId,
        stale.map((clause) => clause.id),
      ),
    );
  const taken = await tx
    .insert(clauseRevisions)
    .values(
      stale.map((clause) => {
        const text = texts.get(clause.id);
        if (!text) throw new DomainError("not_found");
        const previous = latest.get(clause.id);
        return {
          clauseId: clause.id,
          number: (previous?.number ?? 0) + 1,
          kind: "automatic" as const,
          note: revision.note,
          title: clause.title,
          strength: clause.strength,
          levelId: clause.levelId,
          ...canonicalFields({
            body: text.body,
            assessment: text.assessment,
            examples: text.examples,
          }),
          mappings: text.mappings,
          plainText: text.plainText,
          authorIds: authorsSince(
            edits.filter((edit) => edit.clauseId === clause.id),
            previous?.createdAt ?? null,
          ),
          createdBy: revision.actorId,
          createdAt: revision.now,
        };
      }),
    )
    .returning({ id: clauseRevisions.id, clauseId: clauseRevisions.clauseId });
  for (const row of taken) frozen.set(row.clauseId, row.id);
  return frozen;
}
