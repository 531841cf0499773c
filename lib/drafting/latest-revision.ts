import "server-only";
import { desc, eq } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import { displayName } from "@/lib/community/rules";
import type { Executor, Transaction } from "@/lib/db/client";
import { takeRevision } from "@/lib/drafting/mutations";
import { formatRef, sameSnapshot } from "@/lib/drafting/rules";
import { clauseRevisions, clauses, clauseTexts } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";

/** A clause's newest revision, and whether its working text still says the same. */
export type LatestRevision = {
  number: number;
  createdAt: Date;
  /** Who took it, by display name; null for one Hum took on no one's behalf. */
  createdBy: string | null;
  note: string;
  /** The working text is this revision: proposing it takes no new one. */
  current: boolean;
};

/** The latest revision of each clause of a standard, by clause reference: one query. */
export async function latestRevisions(
  db: Executor,
  standardId: string,
): Promise<Map<string, LatestRevision>> {
  const rows = await db
    .selectDistinctOn([clauseRevisions.clauseId], {
      revision: clauseRevisions,
      clause: clauses,
      text: clauseTexts,
      authorId: users.id,
      authorName: users.name,
    })
    .from(clauseRevisions)
    .innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
    .innerJoin(clauseTexts, eq(clauseTexts.clauseId, clauses.id))
    .leftJoin(users, eq(users.id, clauseRevisions.createdBy))
    .where(eq(clauses.standardId, standardId))
    .orderBy(clauseRevisions.clauseId, desc(clauseRevisions.number));
  return new Map(
    rows.map(({ revision, clause, text, authorId, authorName }) => [
      formatRef(clause.refCode, clause.refNumber),
      {
        number: revision.number,
        createdAt: revision.createdAt,
        createdBy: authorId ? displayName({ id: authorId, name: authorName }) : null,
        note: revision.note,
        current: sameSnapshot(revision, { ...clause, ...text }),
      },
    ]),
  );
}

/**
 * The revision that holds a clause's text as it stands: the latest one when nothing changed
 * since it was taken, otherwise a new one. Two revisions in a row never say the same.
 */
export async function revisionOfWorkingText(
  tx: Transaction,
  clauseId: string,
  revision: { note: string; actorId: string; now: Date },
): Promise<number> {
  // Held until the transaction ends: two proposals at once cannot both take a new revision.
  const [clause] = await tx.select().from(clauses).where(eq(clauses.id, clauseId)).for("update");
  const [text] = await tx.select().from(clauseTexts).where(eq(clauseTexts.clauseId, clauseId));
  if (!clause || !text) throw new DomainError("not_found");
  const [latest] = await tx
    .select()
    .from(clauseRevisions)
    .where(eq(clauseRevisions.clauseId, clauseId))
    .orderBy(desc(clauseRevisions.number))
    .limit(1);
  if (latest && sameSnapshot(latest, { ...clause, ...text })) return latest.number;
  return takeRevision(tx, clauseId, { kind: "automatic", ...revision });
}
