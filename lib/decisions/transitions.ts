import "server-only";
import { and, eq, gt, isNull, lte, or } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Group } from "@/lib/community/rules";
import { memberships } from "@/lib/community/schema";
import type { Executor, Transaction } from "@/lib/db/client";
import { settleChanges } from "@/lib/decisions/apply-changes";
import { applyCharterCall } from "@/lib/decisions/charter";
import { transitionNotices } from "@/lib/decisions/notices";
import { concludeReview } from "@/lib/decisions/review-calls";
import {
  type CallEvent,
  type CallState,
  type Charter,
  isFinal,
  type Step,
  step,
  type Transition,
} from "@/lib/decisions/rules";
import { calls, positions } from "@/lib/decisions/schema";
import type { Body } from "@/lib/decisions/tally";
import { formatRef } from "@/lib/drafting/rules";
import { clauseRevisions, clauses, standards } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import {
  insertNotifications,
  type NotificationKind,
  watchersOf,
} from "@/lib/notifications/mutations";
import type { NotificationMessage } from "@/lib/notifications/schema";
import { callPath, callSubjectId } from "@/lib/paths";
import { publishCandidate } from "@/lib/releases/publish";
import { publishTranslation, reopenTranslation } from "@/lib/translations/mutations";

export type CallRow = typeof calls.$inferSelect & { slug: string };

/** Loads a call with its standard's slug, locked for the caller's transaction. */
export async function lockCall(tx: Transaction, callId: string): Promise<CallRow> {
  const [row] = await tx
    .select({ call: calls, slug: standards.slug })
    .from(calls)
    .innerJoin(standards, eq(standards.id, calls.standardId))
    .where(eq(calls.id, callId))
    .for("update", { of: calls });
  if (!row) throw new DomainError("not_found");
  return { ...row.call, slug: row.slug };
}

export function stateOf(call: CallRow): CallState {
  return {
    phase: call.phase,
    closesAt: call.closesAt,
    agDeadline: call.agDeadline,
    appealDeadline: call.appealDeadline,
    agDecision: call.agDecision,
    rationale: call.rationaleMessage ?? call.rationale,
  };
}

/** Runs the rules; a refusal becomes the error the person sees. */
export function decide(call: CallRow, event: CallEvent, now: Date): Extract<Step, { ok: true }> {
  const result = step(stateOf(call), event, now, call.charter as Charter);
  if (!result.ok) {
    if (result.refusal === "rationale_required") {
      throw new DomainError("invalid_input", { rationale: "required", reason: "required" });
    }
    throw new DomainError(result.refusal);
  }
  return result;
}

/** The current members of a group, and its chair, at a moment. */
export async function bodyOf(tx: Executor, group: Group, now: Date): Promise<Body> {
  const rows = await tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.group, group),
        lte(memberships.startsAt, now),
        or(isNull(memberships.endsAt), gt(memberships.endsAt, now)),
      ),
    );
  return {
    memberIds: [...new Set(rows.map((row) => row.userId))],
    chairId: rows.find((row) => row.role === "chair")?.userId ?? null,
  };
}

/**
 * Stores a transition the rules allowed: the call's new state, its audit entry, its effect on
 * the clause when a revision is adopted, and the people to tell. All in the caller's transaction.
 */
export async function applyTransition(
  tx: Transaction,
  call: CallRow,
  next: CallState,
  transition: Transition,
  context: { actorId: string | null; now: Date; details?: Record<string, string | number | null> },
): Promise<void> {
  const { now } = context;
  const leavingOpen = call.phase === "open" && next.phase !== "open";
  const agDecided = transition === "ag_decided";
  const final = isFinal(next.phase) ? next.rationale : null;
  await tx
    .update(calls)
    .set({
      phase: next.phase,
      agDeadline: next.agDeadline,
      appealDeadline: next.appealDeadline,
      agDecision: next.agDecision,
      ...(agDecided && typeof next.rationale === "string" ? { agRationale: next.rationale } : {}),
      rationale: typeof final === "string" ? final : null,
      rationaleMessage: typeof final === "string" ? null : final,
      ...(leavingOpen ? { closedAt: now } : {}),
      ...(isFinal(next.phase) ? { decidedAt: now } : {}),
    })
    .where(eq(calls.id, call.id));
  await recordAudit(tx, {
    at: now,
    actorId: context.actorId,
    action: `decisions.${transition}`,
    subjectType: "call",
    subjectId: callSubjectId(call.slug, call.number),
    // The rationale (votes' words, or a withdrawal's reason) is read from the call when shown.
    details: { phase: next.phase, ...context.details },
  });
  if (next.phase === "adopted" && call.kind === "clause_revision") {
    await adoptRevision(tx, call, now);
  }
  if (next.phase === "adopted" && call.kind === "release") await publishCandidate(tx, call, now);
  if (call.kind === "changes" && isFinal(next.phase)) {
    await settleChanges(tx, call, next.phase, now);
  }
  if (next.phase === "adopted" && call.kind === "charter") await applyCharterCall(tx, call, now);
  if (call.kind === "translation" && call.translationId && isFinal(next.phase)) {
    if (next.phase === "adopted") await publishTranslation(tx, call, now);
    else await reopenTranslation(tx, call.translationId);
  }
  if (next.phase === "adopted" && call.kind === "review") await concludeReview(tx, call, now);
  await tellAbout(tx, call, next, transition, now);
}

async function adoptRevision(tx: Transaction, call: CallRow, now: Date): Promise<void> {
  if (!call.clauseId || !call.revisionId) return;
  const [row] = await tx
    .update(clauses)
    .set({ adoptedRevisionId: call.revisionId })
    .where(eq(clauses.id, call.clauseId))
    .returning({ refCode: clauses.refCode, refNumber: clauses.refNumber });
  const [revision] = await tx
    .select({ number: clauseRevisions.number })
    .from(clauseRevisions)
    .where(eq(clauseRevisions.id, call.revisionId));
  if (!row) return;
  await recordAudit(tx, {
    at: now,
    actorId: null,
    action: "decisions.revision_adopted",
    subjectType: "clause",
    subjectId: formatRef(row.refCode, row.refNumber),
    details: { revision: revision?.number ?? null, call: callSubjectId(call.slug, call.number) },
  });
}

/** Who hears of each transition, and what they read (see notices.ts). */
async function tellAbout(
  tx: Transaction,
  call: CallRow,
  next: CallState,
  transition: Transition,
  now: Date,
): Promise<void> {
  const notices = transitionNotices(call, next, transition);
  if (notices.group) {
    const body = await bodyOf(tx, notices.group.group, now);
    await insertNotifications(
      tx,
      body.memberIds.map((userId) => ({ userId, watchId: null, kind: "call_escalated" })),
      {
        callId: call.id,
        actorId: null,
        path: callPath(call.slug, call.number),
        at: now,
        message: notices.group.message,
      },
    );
  }
  if (notices.decided) {
    await tellParticipants(tx, call, "call_decided", {
      actorId: null,
      at: now,
      message: notices.decided,
    });
  }
}

/** The proposer, everyone who took a position, and the watchers of what the call is about. */
export async function tellParticipants(
  tx: Transaction,
  call: CallRow,
  kind: NotificationKind,
  about: { actorId: string | null; at: Date; message: NotificationMessage; excerpt?: string },
): Promise<void> {
  const [clause] = call.clauseId
    ? await tx.select().from(clauses).where(eq(clauses.id, call.clauseId))
    : [];
  const watchers = await watchersOf(tx, {
    clause: clause?.id ?? null,
    module: clause?.moduleId ?? null,
    standard: call.standardId,
  });
  const recipients = new Map<string, string | null>(
    [...watchers.values()].map((watch) => [watch.userId, watch.id]),
  );
  const stands = await tx
    .select({ userId: positions.userId })
    .from(positions)
    .where(eq(positions.callId, call.id));
  for (const { userId } of [{ userId: call.openedBy }, ...stands]) {
    if (!recipients.has(userId)) recipients.set(userId, null);
  }
  if (about.actorId) recipients.delete(about.actorId);
  await insertNotifications(
    tx,
    [...recipients].map(([userId, watchId]) => ({ userId, watchId, kind })),
    { ...about, callId: call.id, path: callPath(call.slug, call.number) },
  );
}
