import "server-only";
import type { ResponseKind } from "@/lib/challenges/rules";
import type { Participant } from "@/lib/community/authz";
import type { Database } from "@/lib/db/client";

export type ResponseInput = { response: ResponseKind; text: string; evidence: string[] };

/**
 * The declarant's response within the window, by a representative in office: a cure (the
 * latest published version changes the answers challenged), a dispute, or the declaration's
 * withdrawal. Anyone else is refused on the record.
 */
export async function respondToChallenge(
  _db: Database,
  _person: Participant,
  _number: number,
  _input: ResponseInput,
  _now = new Date(),
): Promise<void> {
  throw new Error("respondToChallenge: being built");
}

/** The challenger takes the challenge back, with a reason, before the advisory group decides. */
export async function withdrawChallenge(
  _db: Database,
  _person: Participant,
  _number: number,
  _reason: string,
  _now = new Date(),
): Promise<void> {
  throw new Error("withdrawChallenge: being built");
}
