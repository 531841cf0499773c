import "server-only";
import { and, eq, gt, isNull, lte, or } from "drizzle-orm";
import { type ChallengeEvent, type ChallengeState, type Step, step } from "@/lib/challenges/rules";
import { challenges } from "@/lib/challenges/schema";
import type { Executor, Transaction } from "@/lib/db/client";
import type { Body } from "@/lib/decisions/tally";
import { bodyOf } from "@/lib/decisions/transitions";
import { DomainError } from "@/lib/errors";
import { isRepresentative } from "@/lib/registry/authz";
import { declarations, representatives } from "@/lib/registry/schema";

/*
 * Reading and locking a challenge with what its process needs of the declaration it names, and
 * running the rules on it: the one way the mutations beside this file learn what may happen.
 */

/** A challenge, with the declaration it names (all null for a misuse report). */
export type ChallengeRow = typeof challenges.$inferSelect & {
  declarationNumber: number | null;
  organisationId: string | null;
  productName: string | null;
  latestVersion: number | null;
  declarationState: (typeof declarations.$inferSelect)["state"] | null;
};

function select(db: Executor) {
  return db
    .select({
      challenge: challenges,
      declarationNumber: declarations.number,
      organisationId: declarations.organisationId,
      productName: declarations.productName,
      latestVersion: declarations.latestVersion,
      declarationState: declarations.state,
    })
    .from(challenges)
    .leftJoin(declarations, eq(declarations.id, challenges.declarationId));
}

type Selected = Awaited<ReturnType<ReturnType<typeof select>["where"]>>[number];

function rowOf(selected: Selected | undefined): ChallengeRow {
  if (!selected) throw new DomainError("not_found");
  const { challenge, ...declaration } = selected;
  return { ...challenge, ...declaration };
}

/** A challenge by its public number, as it stands; for checks made before the transaction. */
export async function readChallenge(db: Executor, number: number): Promise<ChallengeRow> {
  const [row] = await select(db).where(eq(challenges.number, number));
  return rowOf(row);
}

/** A challenge by its public number, locked for the caller's transaction. */
export async function lockChallenge(tx: Transaction, number: number): Promise<ChallengeRow> {
  const [row] = await select(tx)
    .where(eq(challenges.number, number))
    .for("update", { of: challenges });
  return rowOf(row);
}

/** The same, by id, for the scheduler, which selects the due ones by id. */
export async function lockChallengeById(tx: Transaction, id: string): Promise<ChallengeRow> {
  const [row] = await select(tx).where(eq(challenges.id, id)).for("update", { of: challenges });
  return rowOf(row);
}

export function stateOf(row: ChallengeRow): ChallengeState {
  return {
    kind: row.kind,
    phase: row.phase,
    responseDeadline: row.responseDeadline,
    agDeadline: row.agDeadline,
    appealDeadline: row.appealDeadline,
    agDecision: row.agDecision,
    cured: row.response === "cure",
    // While the AG's decision may still be appealed its words are kept apart; when the window
    // ends without an appeal they become the outcome's rationale.
    rationale: row.rationale ?? row.agRationale,
  };
}

/** Runs the rules; a refusal becomes the error the person sees, a missing text a field error. */
export function decide(
  row: ChallengeRow,
  event: ChallengeEvent,
  now: Date,
  field = "reason",
): Extract<Step, { ok: true }> {
  const result = step(stateOf(row), event, now, row.charter);
  if (!result.ok) {
    if (result.refusal === "rationale_required") {
      throw new DomainError("invalid_input", { [field]: "required" });
    }
    throw new DomainError(result.refusal);
  }
  return result;
}

/** The people representing an organisation at `now`. */
export async function representativesOf(
  tx: Executor,
  organisationId: string,
  now: Date,
): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ userId: representatives.userId })
    .from(representatives)
    .where(
      and(
        eq(representatives.organisationId, organisationId),
        lte(representatives.startsAt, now),
        or(isNull(representatives.endsAt), gt(representatives.endsAt, now)),
      ),
    );
  return rows.map((row) => row.userId);
}

/** Who the person is to the challenge: its challenger, the declarant's representative, or neither. */
export async function partyOf(
  db: Executor,
  row: Pick<ChallengeRow, "filedBy" | "organisationId">,
  personId: string,
  now: Date,
): Promise<"challenger" | "declarant" | null> {
  if (row.filedBy === personId) return "challenger";
  if (row.organisationId && (await isRepresentative(db, row.organisationId, personId, now))) {
    return "declarant";
  }
  return null;
}

/**
 * The group that decides a challenge, without its parties: whoever filed it and the declarant's
 * representatives take no part, rather than recusing in public (which would name a challenger
 * who asked not to be named). The majority is counted among the others.
 */
export async function decidingBody(
  db: Executor,
  row: Pick<ChallengeRow, "filedBy" | "organisationId">,
  group: "advisory_group" | "steering_committee",
  now: Date,
): Promise<Body> {
  const body = await bodyOf(db, group, now);
  const parties = new Set([
    row.filedBy,
    ...(row.organisationId ? await representativesOf(db, row.organisationId, now) : []),
  ]);
  return {
    memberIds: body.memberIds.filter((id) => !parties.has(id)),
    chairId: body.chairId && !parties.has(body.chairId) ? body.chairId : null,
  };
}
