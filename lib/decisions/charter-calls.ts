import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Participant } from "@/lib/community/authz";
import type { Database, Executor } from "@/lib/db/client";
import { insertCall } from "@/lib/decisions/calls";
import { charterOf, reviewSettingProblems } from "@/lib/decisions/charter";
import { type Charter, charterSchema, waitingPhases } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { lockStandard } from "@/lib/drafting/queries";
import { DomainError, type FieldErrors, isFieldErrorCode } from "@/lib/errors";

const sameCharter = (a: Charter, b: Charter) =>
  a.commentPeriodDays === b.commentPeriodDays &&
  a.quorum === b.quorum &&
  a.agDeadlineDays === b.agDeadlineDays &&
  a.appealWindowDays === b.appealWindowDays &&
  a.listingTermMonths === b.listingTermMonths &&
  a.transitionDays === b.transitionDays &&
  a.declarationReview === b.declarationReview &&
  a.challengeResponseDays === b.challengeResponseDays &&
  a.challengeOnBadge === b.challengeOnBadge &&
  a.relistingBanDays === b.relistingBanDays;

/** The charter call still waiting on a decision, if any: one at a time per standard. */
export async function openCharterCall(db: Executor, standardId: string) {
  const [call] = await db
    .select({ id: calls.id, number: calls.number, proposedCharter: calls.proposedCharter })
    .from(calls)
    .where(
      and(
        eq(calls.standardId, standardId),
        eq(calls.kind, "charter"),
        inArray(calls.phase, [...waitingPhases]),
      ),
    )
    .orderBy(desc(calls.number))
    .limit(1);
  return call ?? null;
}

/**
 * Anyone signed in proposes new numbers for the charter; a call decides them, like any other
 * change to how the community works, so no one (the secretariat included) changes the rules
 * alone. One charter call at a time, so two adopted proposals never overwrite each other.
 */
export async function proposeCharter(
  db: Database,
  proposer: Participant,
  standardId: string,
  input: { charter: Charter; reason: string },
  now = new Date(),
): Promise<{ id: string; number: number }> {
  const parsed = charterSchema.safeParse(input.charter);
  if (!parsed.success) {
    const problems: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "charter");
      problems[field] = isFieldErrorCode(issue.message) ? issue.message : "invalid";
    }
    throw new DomainError("invalid_input", problems);
  }
  return db.transaction(async (tx) => {
    await lockStandard(tx, standardId);
    if (await openCharterCall(tx, standardId)) {
      throw new DomainError("invalid_input", { charter: "in_open_call" });
    }
    const review = await reviewSettingProblems(tx, standardId, parsed.data);
    if (Object.keys(review).length > 0) throw new DomainError("invalid_input", review);
    if (sameCharter(parsed.data, await charterOf(tx, standardId))) {
      throw new DomainError("invalid_input", { charter: "no_changes" });
    }
    return insertCall(
      tx,
      proposer.id,
      standardId,
      {
        kind: "charter",
        title: "Change the charter",
        description: input.reason,
        organisations: "",
        clauseId: null,
        revisionId: null,
        releaseId: null,
        proposedCharter: parsed.data,
      },
      now,
    );
  });
}
