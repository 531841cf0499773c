import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import { users } from "@/lib/auth/schema";
import type { Participant } from "@/lib/community/authz";
import { declarationInForce } from "@/lib/community/declarations";
import type { Database } from "@/lib/db/client";
import type { VoteInput } from "@/lib/decisions/inputs";
import { hasConflict } from "@/lib/decisions/organisations";
import { outcomeOf } from "@/lib/decisions/rules";
import { appeals, positions, votes } from "@/lib/decisions/schema";
import type { Vote } from "@/lib/decisions/tally";
import {
  applyTransition,
  bodyOf,
  type CallRow,
  decide,
  lockCall,
} from "@/lib/decisions/transitions";
import { callSubjectId } from "@/lib/paths";

/**
 * An AG or SC member votes once per stage, with a rationale. Membership is checked at `now`
 * from the terms themselves, and a declared conflict on the call's organisations allows only
 * a recusal. The vote that completes a majority moves the call on in the same transaction.
 */
export async function castVote(
  db: Database,
  voter: Participant,
  callId: string,
  input: VoteInput,
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const call = await lockCall(tx, callId);
    const body = await bodyOf(
      tx,
      input.stage === "ag" ? "advisory_group" : "steering_committee",
      now,
    );
    const earlier = await tx
      .select({ voterId: votes.userId, choice: votes.choice, rationale: votes.rationale })
      .from(votes)
      .where(and(eq(votes.callId, callId), eq(votes.stage, input.stage)));
    const [member] = await tx.select().from(users).where(eq(users.id, voter.id));
    const vote: Vote = { voterId: voter.id, choice: input.choice, rationale: input.rationale };
    const result = decide(
      call,
      {
        type: "vote",
        stage: input.stage,
        vote,
        earlier,
        body,
        mustRecuse: member ? hasConflict(member, call.organisations) : false,
      },
      now,
    );
    // The declaration the conflict check just read, so later edits cannot rewrite what held.
    const declaration = await declarationInForce(tx, voter.id, now);
    const [cast] = await tx
      .insert(votes)
      .values({
        callId,
        stage: input.stage,
        userId: voter.id,
        choice: input.choice,
        rationale: input.rationale,
        declarationId: declaration?.id ?? null,
        castAt: now,
      })
      .returning({ id: votes.id });
    await recordAudit(tx, {
      at: now,
      actorId: voter.id,
      action: input.choice === "recuse" ? "decisions.recused" : "decisions.vote_cast",
      subjectType: "call",
      subjectId: callSubjectId(call.slug, call.number),
      // The rationale is read from the vote itself when shown.
      details: {
        stage: input.stage,
        choice: input.choice,
        vote: cast?.id ?? null,
        declaration: declaration?.id ?? null,
      },
    });
    if (result.transition) {
      await applyTransition(tx, call, result.state, result.transition, {
        actorId: null,
        now,
        details: appealOutcome(call, result.state.phase),
      });
    }
  });
}

/** When the SC rules on an appeal, the record says whether it upheld the AG or overturned it. */
function appealOutcome(call: CallRow, phase: string): Record<string, string> {
  if (call.phase !== "appealed" || !call.agDecision) return {};
  const upheld = phase === outcomeOf[call.agDecision];
  return { appeal: upheld ? "upheld" : "overturned" };
}

/** Anyone who took a position may appeal the AG's decision to the SC, once, within the window. */
export async function appealDecision(
  db: Database,
  person: Participant,
  callId: string,
  reason: string,
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const call = await lockCall(tx, callId);
    const [position] = await tx
      .select()
      .from(positions)
      .where(
        and(
          // A change held back from a last call is decided alone; its positions are on the last call.
          inArray(positions.callId, call.parentCallId ? [callId, call.parentCallId] : [callId]),
          eq(positions.userId, person.id),
        ),
      )
      .limit(1);
    const result = decide(call, { type: "appeal", tookPosition: Boolean(position), reason }, now);
    await tx.insert(appeals).values({ callId, appellantId: person.id, reason, filedAt: now });
    if (result.transition) {
      // The reason is read from the appeal itself when shown.
      await applyTransition(tx, call, result.state, result.transition, {
        actorId: person.id,
        now,
      });
    }
  });
}
