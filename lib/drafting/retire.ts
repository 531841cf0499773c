import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Participant } from "@/lib/community/authz";
import type { Database, Transaction } from "@/lib/db/client";
import { lockClause, takeRevision } from "@/lib/drafting/mutations";
import { formatRef } from "@/lib/drafting/rules";
import { clauses } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import { enforceLimit } from "@/lib/rate-limit";

/**
 * Retires a clause never adopted: it stays readable under its reference forever, and becomes
 * read-only. Text the community adopted is retired only by a call (lib/decisions/structure.ts).
 */
export async function retireClause(
  db: Database,
  author: Participant,
  clauseId: string,
  now = new Date(),
  closeLiveText?: (clauseId: string) => Promise<void>,
): Promise<void> {
  await db.transaction((tx) => retireUnadoptedClause(tx, author, clauseId, "", now));
  await closeLiveTextOf(clauseId, closeLiveText);
}

/** `retireClause` in the caller's transaction, with the reason kept in the last revision. */
export async function retireUnadoptedClause(
  tx: Transaction,
  author: Participant,
  clauseId: string,
  reason: string,
  now: Date,
): Promise<void> {
  const clause = await lockClause(tx, clauseId);
  if (clause.retiredAt) throw new DomainError("conflict");
  if (clause.adoptedRevisionId) throw new DomainError("invalid_input", { reason: "needs_call" });
  await enforceLimit(tx, "drafting", author.id, now);
  await takeRevision(tx, clauseId, {
    kind: "automatic",
    note: reason ? `Before retirement: ${reason}` : "Before retirement",
    actorId: author.id,
  });
  await tx.update(clauses).set({ retiredAt: now }).where(eq(clauses.id, clauseId));
  await recordAudit(tx, {
    actorId: author.id,
    action: "drafting.clause_retired",
    subjectType: "clause",
    subjectId: formatRef(clause.refCode, clause.refNumber),
  });
}

/**
 * Tells the collab server to close a retired clause's editors. Called after the commit, so it
 * reads the clause as retired. If it cannot be told, it still finds out by itself within a
 * second; the retirement stands either way.
 */
export async function closeLiveTextOf(
  clauseId: string,
  closeLiveText?: (clauseId: string) => Promise<void>,
): Promise<void> {
  await closeLiveText?.(clauseId).catch((error: unknown) =>
    console.error(`drafting: live editors of ${clauseId} not closed: ${String(error)}`),
  );
}
