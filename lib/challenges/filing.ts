import "server-only";
import type { Participant } from "@/lib/community/authz";
import type { Database } from "@/lib/db/client";

/** What a person files against a listed declaration (see lib/challenges/inputs.ts). */
export type ChallengeInput = {
  declarationNumber: number;
  /** Clause references; empty: the claim as a whole. */
  clauses: string[];
  reason: string;
  evidence: string[];
  withholdName: boolean;
};

/** What a person reports about someone showing the mark without a listing. */
export type MisuseInput = {
  standardSlug: string;
  subjectName: string;
  seenAt: string;
  subjectUrl: string;
  reason: string;
  evidence: string[];
  withholdName: boolean;
};

/**
 * Files a challenge against a listed declaration: refused for drafts, lapsed, withdrawn or
 * struck-off listings, unknown clauses, a missing reason, and a sixth filing in 24 hours.
 */
export async function fileChallenge(
  _db: Database,
  _person: Participant,
  _input: ChallengeInput,
  _now = new Date(),
): Promise<{ number: number }> {
  throw new Error("fileChallenge: being built");
}

/** Files a misuse report; it goes to the advisory group at once. */
export async function fileMisuseReport(
  _db: Database,
  _person: Participant,
  _input: MisuseInput,
  _now = new Date(),
): Promise<{ number: number }> {
  throw new Error("fileMisuseReport: being built");
}
