import "server-only";
import { and, eq, max } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Participant } from "@/lib/community/authz";
import type { Database, Transaction } from "@/lib/db/client";
import { charterOf } from "@/lib/decisions/charter";
import type { OpenCallInput } from "@/lib/decisions/inputs";
import { openedNotice } from "@/lib/decisions/notices";
import { parseOrganisations } from "@/lib/decisions/organisations";
import { addDays, type Charter } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { applyTransition, decide, lockCall, tellParticipants } from "@/lib/decisions/transitions";
import { revisionOfWorkingText } from "@/lib/drafting/latest-revision";
import { lockStandard } from "@/lib/drafting/queries";
import { parseRef } from "@/lib/drafting/rules";
import { clauseRevisions, clauses } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import { callSubjectId } from "@/lib/paths";
import { enforceLimit } from "@/lib/rate-limit";

/**
 * The revision a clause call decides on: a named one, or the one holding the text as it stands
 * (taken now only if the text changed since the latest).
 */
async function subjectRevision(
  tx: Transaction,
  standardId: string,
  input: OpenCallInput,
  actorId: string,
  now: Date,
): Promise<{ clauseId: string; revisionId: string }> {
  const ref = parseRef(input.clauseRef);
  const [clause] = ref
    ? await tx
        .select()
        .from(clauses)
        .where(
          and(
            eq(clauses.standardId, standardId),
            eq(clauses.refCode, ref.code),
            eq(clauses.refNumber, ref.number),
          ),
        )
    : [];
  if (!clause) throw new DomainError("invalid_input", { clauseRef: "unknown_clause" });
  if (clause.retiredAt) throw new DomainError("invalid_input", { clauseRef: "clause_retired" });
  const number =
    input.revision ??
    (await revisionOfWorkingText(tx, clause.id, {
      note: `Proposed for adoption: ${input.title}`,
      actorId,
      now,
    }));
  const [revision] = await tx
    .select({ id: clauseRevisions.id })
    .from(clauseRevisions)
    .where(and(eq(clauseRevisions.clauseId, clause.id), eq(clauseRevisions.number, number)));
  if (!revision) throw new DomainError("invalid_input", { revision: "unknown_revision" });
  return { clauseId: clause.id, revisionId: revision.id };
}

/** Anyone signed in opens a call; it takes the charter's numbers as they are now. */
export async function openCall(
  db: Database,
  proposer: Participant,
  standardId: string,
  input: OpenCallInput,
  now = new Date(),
): Promise<{ id: string; number: number }> {
  return db.transaction(async (tx) => {
    const subject =
      input.kind === "clause_revision"
        ? await subjectRevision(tx, standardId, input, proposer.id, now)
        : { clauseId: null, revisionId: null };
    return insertCall(tx, proposer.id, standardId, { ...input, ...subject, releaseId: null }, now);
  });
}

export type NewCall = {
  kind:
    | "clause_revision"
    | "question"
    | "release"
    | "changes"
    | "charter"
    | "translation"
    | "review";
  title: string;
  description: string;
  organisations: string;
  clauseId: string | null;
  revisionId: string | null;
  releaseId: string | null;
  /** For a translation call: the translation it would publish. */
  translationId?: string | null;
  /** For a review call: the review whose conclusions it would adopt. */
  reviewId?: string | null;
  /** For a charter call: the numbers it would put in force. */
  proposedCharter?: Charter | null;
};

/**
 * Opens a call in the caller's transaction, with the charter as it is now: its number, audit
 * entry and notifications. Callers have checked the subject (a revision, a release candidate).
 */
export async function insertCall(
  tx: Transaction,
  proposerId: string,
  standardId: string,
  input: NewCall,
  now: Date,
): Promise<{ id: string; number: number }> {
  await enforceLimit(tx, "call", proposerId, now);
  // One call at a time per standard takes the next number.
  const standard = await lockStandard(tx, standardId);
  const charter = await charterOf(tx, standardId);
  const [last] = await tx
    .select({ number: max(calls.number) })
    .from(calls)
    .where(eq(calls.standardId, standardId));
  const number = (last?.number ?? 0) + 1;
  const [call] = await tx
    .insert(calls)
    .values({
      standardId,
      number,
      kind: input.kind,
      title: input.title,
      description: input.description,
      clauseId: input.clauseId,
      revisionId: input.revisionId,
      releaseId: input.releaseId,
      translationId: input.translationId ?? null,
      reviewId: input.reviewId ?? null,
      proposedCharter: input.proposedCharter ?? null,
      organisations: parseOrganisations(input.organisations),
      charter,
      openedBy: proposerId,
      openedAt: now,
      closesAt: addDays(now, charter.commentPeriodDays),
    })
    .returning();
  if (!call) throw new DomainError("internal");
  await recordAudit(tx, {
    at: now,
    actorId: proposerId,
    action: "decisions.call_opened",
    subjectType: "call",
    subjectId: callSubjectId(standard.slug, number),
    // The title, description and organisations are read from the call itself when shown.
    details: { kind: input.kind, closes: call.closesAt.toISOString() },
  });
  await tellParticipants(tx, { ...call, slug: standard.slug }, "call_opened", {
    actorId: proposerId,
    at: now,
    ...openedNotice(call),
  });
  return { id: call.id, number };
}

/** The proposer withdraws their call while it is open, with a public reason. */
export async function withdrawCall(
  db: Database,
  person: Participant,
  callId: string,
  reason: string,
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const call = await lockCall(tx, callId);
    const result = decide(
      call,
      { type: "withdraw", byProposer: call.openedBy === person.id, reason },
      now,
    );
    if (result.transition) {
      await applyTransition(tx, call, result.state, result.transition, { actorId: person.id, now });
    }
  });
}
