import "server-only";
import { and, eq, lte, or } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import { users } from "@/lib/auth/schema";
import { parseRationale, parseShortReason } from "@/lib/challenges/inputs";
import { applyChallengeTransition } from "@/lib/challenges/outcome";
import {
  decide,
  decidingBody,
  lockChallenge,
  lockChallengeById,
  partyOf,
  readChallenge,
} from "@/lib/challenges/rows";
import { type ChallengeEvent, deadlineOf, type Verdict } from "@/lib/challenges/rules";
import { challengeAppeals, challenges, challengeVotes } from "@/lib/challenges/schema";
import { type Participant, recordRefusal } from "@/lib/community/authz";
import { declarationInForce } from "@/lib/community/declarations";
import type { Database } from "@/lib/db/client";
import { hasConflict } from "@/lib/decisions/organisations";
import type { Vote } from "@/lib/decisions/tally";
import { DomainError } from "@/lib/errors";
import { challengeSubjectId } from "@/lib/paths";

export type ChallengeVoteInput = {
  stage: "ag" | "sc";
  choice: Verdict | "recuse";
  rationale: string;
};

/**
 * An AG or SC member votes on a challenge, by the rules calls follow (lib/decisions): once per
 * stage, with a rationale, membership checked at `now` from the terms themselves; a member
 * whose public declaration or affiliation names an organisation the challenge concerns may only
 * recuse. The vote that completes a majority moves the challenge on in the same transaction.
 */
export async function voteOnChallenge(
  db: Database,
  voter: Participant,
  number: number,
  input: ChallengeVoteInput,
  now = new Date(),
): Promise<void> {
  if (input.stage !== "ag" && input.stage !== "sc") {
    throw new DomainError("invalid_input", { stage: "required" });
  }
  const rationale = parseRationale(input.rationale);
  await db.transaction(async (tx) => {
    const row = await lockChallenge(tx, number);
    if (await partyOf(tx, row, voter.id, now)) throw new DomainError("party_cannot_vote");
    const body = await decidingBody(
      tx,
      row,
      input.stage === "ag" ? "advisory_group" : "steering_committee",
      now,
    );
    const earlier = await tx
      .select({
        voterId: challengeVotes.userId,
        choice: challengeVotes.choice,
        rationale: challengeVotes.rationale,
      })
      .from(challengeVotes)
      .where(and(eq(challengeVotes.challengeId, row.id), eq(challengeVotes.stage, input.stage)));
    const [member] = await tx.select().from(users).where(eq(users.id, voter.id));
    const vote: Vote<Verdict> = { voterId: voter.id, choice: input.choice, rationale };
    const result = decide(
      row,
      {
        type: "vote",
        stage: input.stage,
        vote,
        earlier,
        body,
        mustRecuse: member ? hasConflict(member, row.organisations) : false,
      },
      now,
      "rationale",
    );
    // The declaration the conflict check just read, so later edits cannot rewrite what held.
    const declaration = await declarationInForce(tx, voter.id, now);
    const [cast] = await tx
      .insert(challengeVotes)
      .values({
        challengeId: row.id,
        stage: input.stage,
        userId: voter.id,
        choice: input.choice,
        rationale,
        conflictDeclarationId: declaration?.id ?? null,
        castAt: now,
      })
      .returning({ id: challengeVotes.id });
    await recordAudit(tx, {
      at: now,
      actorId: voter.id,
      action:
        input.choice === "recuse" ? "registry.challenge_recused" : "registry.challenge_vote_cast",
      subjectType: "challenge",
      subjectId: challengeSubjectId(row.number),
      // The rationale is read from the vote itself when shown.
      details: {
        stage: input.stage,
        choice: input.choice,
        vote: cast?.id ?? null,
        declaration: declaration?.id ?? null,
      },
    });
    if (result.transition) {
      await applyChallengeTransition(tx, row, result.state, result.transition, {
        actorId: null,
        now,
      });
    }
  });
}

/** Who a person is to a challenge: its challenger, the declarant (a representative), or neither. */
/** Either party appeals the advisory group's decision to the steering committee, in time. */
export async function appealChallenge(
  db: Database,
  person: Participant,
  number: number,
  reason: string,
  now = new Date(),
): Promise<void> {
  const found = await readChallenge(db, number);
  const party = await partyOf(db, found, person.id, now);
  if (!party) {
    // Written outside the transaction, so the public record keeps it.
    await recordRefusal(db, person.id, "registry.appeal_challenge", "not_party");
    throw new DomainError("forbidden");
  }
  await db.transaction(async (tx) => {
    const row = await lockChallenge(tx, number);
    // A representative's term may have ended since the check above.
    if ((await partyOf(tx, row, person.id, now)) !== party) throw new DomainError("forbidden");
    // The window is checked before the reason: someone too late is told so first.
    const result = decide(row, { type: "appeal", standing: true, reason }, now);
    const words = parseShortReason(reason);
    await tx
      .insert(challengeAppeals)
      .values({ challengeId: row.id, appellantId: person.id, party, reason: words, filedAt: now });
    if (!result.transition) return;
    const unnamed = party === "challenger" && row.withholdName;
    // The reason is read from the appeal itself when shown.
    await applyChallengeTransition(tx, row, result.state, result.transition, {
      actorId: unnamed ? null : person.id,
      now,
      details: unnamed ? { party: "withheld" } : {},
    });
  });
}

/**
 * Moves every challenge whose deadline has passed (response window, AG deadline, appeal
 * window), each under a row lock, so two servers move each one once.
 */
export async function challengesDue(db: Database, now = new Date()): Promise<{ moved: number }> {
  const due = await db
    .select({ id: challenges.id })
    .from(challenges)
    .where(
      or(
        and(eq(challenges.phase, "responding"), lte(challenges.responseDeadline, now)),
        and(eq(challenges.phase, "escalated_ag"), lte(challenges.agDeadline, now)),
        and(eq(challenges.phase, "ag_decided"), lte(challenges.appealDeadline, now)),
      ),
    );
  let moved = 0;
  for (const { id } of due) {
    if (await moveOne(db, id, now)) moved += 1;
  }
  return { moved };
}

async function moveOne(db: Database, id: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const row = await lockChallengeById(tx, id);
    const deadline = deadlineOf(row);
    // Another run moved it first, or it is not due after all.
    if (!deadline.event || now < deadline.at) return false;
    const event: ChallengeEvent = { type: deadline.event };
    let result: ReturnType<typeof decide>;
    try {
      result = decide(row, event, now);
    } catch (error) {
      if (error instanceof DomainError) return false;
      throw error;
    }
    if (!result.transition) return false;
    await applyChallengeTransition(tx, row, result.state, result.transition, {
      actorId: null,
      now,
    });
    return true;
  });
}
