import "server-only";
import { eq, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { AuditAction } from "@/lib/audit/rules";
import { groupNotice, outcomeNotice } from "@/lib/challenges/notices";
import { type ChallengeRow, representativesOf } from "@/lib/challenges/rows";
import {
  type ChallengeState,
  isFinal,
  outcomeOf,
  relistingBarredUntil,
  type Transition,
} from "@/lib/challenges/rules";
import { challenges } from "@/lib/challenges/schema";
import type { Transaction } from "@/lib/db/client";
import { bodyOf } from "@/lib/decisions/transitions";
import { insertNotifications } from "@/lib/notifications/mutations";
import { challengePath, challengeSubjectId, declarationSubjectId } from "@/lib/paths";
import { utcDay } from "@/lib/registry/lifecycle-notices";
import { declarations } from "@/lib/registry/schema";

/** The audit entry each transition writes; a withdrawal in response is the response's entry. */
const actionOf: Record<Transition, AuditAction> = {
  responded: "registry.challenge_responded",
  declaration_withdrawn: "registry.challenge_responded",
  withdrawn: "registry.challenge_withdrawn",
  escalated_to_ag: "registry.challenge_escalated_to_ag",
  escalated_to_sc: "registry.challenge_escalated_to_sc",
  ag_decided: "registry.challenge_ag_decided",
  appealed: "registry.challenge_appealed",
  ag_decision_final: "registry.challenge_decision_final",
  sc_ruled: "registry.challenge_sc_ruled",
};

/** The public details of a transition's entry that follow from the state it leads to. */
function detailsOf(
  row: ChallengeRow,
  next: ChallengeState,
  transition: Transition,
): Record<string, string> {
  switch (transition) {
    case "ag_decided":
      return next.agDecision ? { choice: next.agDecision } : {};
    case "ag_decision_final":
      return { phase: next.phase };
    case "sc_ruled": {
      if (row.phase !== "appealed" || !row.agDecision) return { phase: next.phase };
      const upheld = next.phase === outcomeOf[row.agDecision];
      return { phase: next.phase, appeal: upheld ? "upheld" : "overturned" };
    }
    default:
      return {};
  }
}

/**
 * Stores a transition the rules allowed: the challenge's new state, its audit entry, what an
 * outcome does to the declaration, and the people to tell. All in the caller's transaction.
 */
export async function applyChallengeTransition(
  tx: Transaction,
  row: ChallengeRow,
  next: ChallengeState,
  transition: Transition,
  context: {
    actorId: string | null;
    now: Date;
    details?: Record<string, string | number | null>;
  },
): Promise<void> {
  const { now } = context;
  const final = isFinal(next.phase);
  await tx
    .update(challenges)
    .set({
      phase: next.phase,
      responseDeadline: next.responseDeadline,
      agDeadline: next.agDeadline,
      appealDeadline: next.appealDeadline,
      agDecision: next.agDecision,
      ...(transition === "ag_decided" ? { agRationale: next.rationale } : {}),
      ...(final ? { rationale: next.rationale, decidedAt: now } : {}),
    })
    .where(eq(challenges.id, row.id));
  await recordAudit(tx, {
    at: now,
    actorId: context.actorId,
    action: actionOf[transition],
    subjectType: "challenge",
    subjectId: challengeSubjectId(row.number),
    // Rationales and reasons given with votes and appeals are read from their rows when shown.
    details: { ...detailsOf(row, next, transition), ...context.details },
  });
  if (final && row.declarationId) {
    await tx
      .update(declarations)
      .set({ openChallenges: sql`greatest(${declarations.openChallenges} - 1, 0)` })
      .where(eq(declarations.id, row.declarationId));
  }
  if (next.phase === "struck_off" && row.declarationId) await strikeOff(tx, row, next, now);
  await tellAbout(tx, row, next, transition, context);
}

/** A challenge upheld with a strike-off ends the listing, and bars relisting for a while. */
async function strikeOff(
  tx: Transaction,
  row: ChallengeRow,
  next: ChallengeState,
  now: Date,
): Promise<void> {
  if (!row.declarationId || row.declarationNumber === null) return;
  const barredUntil = relistingBarredUntil(now, row.charter);
  await tx
    .update(declarations)
    .set({
      state: "struck_off",
      stateReason: "challenge",
      stateNote: next.rationale,
      stateChangedAt: now,
      relistingBarredUntil: barredUntil,
      updatedAt: now,
    })
    .where(eq(declarations.id, row.declarationId));
  await recordAudit(tx, {
    at: now,
    actorId: null,
    action: "registry.declaration_struck_off",
    subjectType: "declaration",
    subjectId: declarationSubjectId(row.declarationNumber),
    details: { challenge: row.number, expires: utcDay(barredUntil) },
  });
}

/** What a challenge is called in its notifications: its product, or whom a report names. */
export function titled(row: ChallengeRow) {
  return {
    kind: row.kind,
    number: row.number,
    title: row.productName ?? row.subjectName ?? "",
  };
}

/**
 * The group called to decide hears of it; the parties (the challenger and the organisation's
 * representatives in office) hear of the AG's decision and of the outcome. Whoever acted is
 * not told of their own act.
 */
async function tellAbout(
  tx: Transaction,
  row: ChallengeRow,
  next: ChallengeState,
  transition: Transition,
  context: { actorId: string | null; now: Date },
): Promise<void> {
  const { now } = context;
  const path = challengePath(row.number);
  const called = groupNotice(titled(row), next, transition);
  if (called) {
    const body = await bodyOf(tx, called.group, now);
    await insertNotifications(
      tx,
      body.memberIds.map((userId) => ({ userId, watchId: null, kind: "challenge_escalated" })),
      { actorId: null, path, at: now, message: called.message },
    );
  }
  const outcome = outcomeNotice(titled(row), next, transition);
  if (!outcome) return;
  const parties = new Set([
    row.filedBy,
    ...(row.organisationId ? await representativesOf(tx, row.organisationId, now) : []),
  ]);
  // A withheld challenger acts with no name on the record, so `actorId` is null then: the
  // person who acted is also known from the transition itself.
  if (context.actorId) parties.delete(context.actorId);
  if (transition === "withdrawn") parties.delete(row.filedBy);
  await insertNotifications(
    tx,
    [...parties].map((userId) => ({ userId, watchId: null, kind: "challenge_decided" })),
    { actorId: null, path, at: now, message: outcome },
  );
}
