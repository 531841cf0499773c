import "server-only";
import type { Verdict } from "@/lib/challenges/rules";
import type { Participant } from "@/lib/community/authz";
import type { Database } from "@/lib/db/client";

export type ChallengeVoteInput = {
  stage: "ag" | "sc";
  choice: Verdict | "recuse";
  rationale: string;
};

/** An AG or SC member votes on a challenge, by the rules calls follow (lib/decisions). */
export async function voteOnChallenge(
  _db: Database,
  _voter: Participant,
  _number: number,
  _input: ChallengeVoteInput,
  _now = new Date(),
): Promise<void> {
  throw new Error("voteOnChallenge: being built");
}

/** Either party appeals the advisory group's decision to the steering committee, in time. */
export async function appealChallenge(
  _db: Database,
  _person: Participant,
  _number: number,
  _reason: string,
  _now = new Date(),
): Promise<void> {
  throw new Error("appealChallenge: being built");
}

/**
 * Moves every challenge whose deadline has passed (response window, AG deadline, appeal
 * window), each under a row lock, so two servers move each one once.
 */
export async function challengesDue(_db: Database, _now = new Date()): Promise<{ moved: number }> {
  throw new Error("challengesDue: being built");
}
