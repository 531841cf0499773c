import "server-only";
import { and, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { closingNotice } from "@/lib/decisions/notices";
import { addDays, type CallEvent, changesVerdict, deadlineOf } from "@/lib/decisions/rules";
import { calls, positions } from "@/lib/decisions/schema";
import { changesAtClose, escalateHeld } from "@/lib/decisions/split-changes";
import { blockingObjections, type ObjectionState, quorumCount } from "@/lib/decisions/tally";
import { applyTransition, decide, lockCall, tellParticipants } from "@/lib/decisions/transitions";
import { threads } from "@/lib/discussion/schema";
import { DomainError } from "@/lib/errors";

export type CloseDueReport = { moved: number; reminded: number };

/**
 * Moves every call whose deadline has passed: open calls close, AG deadlines escalate to the
 * SC, appeal windows end. Each call is taken under a row lock and its deadline checked again,
 * so running this twice, or on two servers at the same moment, moves each call once.
 */
export async function closeDue(db: Database, now = new Date()): Promise<CloseDueReport> {
  const due = await db
    .select({ id: calls.id })
    .from(calls)
    .where(
      or(
        and(eq(calls.phase, "open"), lte(calls.closesAt, now)),
        and(eq(calls.phase, "escalated_ag"), lte(calls.agDeadline, now)),
        and(eq(calls.phase, "ag_decided"), lte(calls.appealDeadline, now)),
      ),
    );
  let moved = 0;
  for (const { id } of due) {
    if (await moveOne(db, id, now)) moved += 1;
  }
  return { moved, reminded: await remindClosing(db, now) };
}

async function moveOne(db: Database, callId: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const call = await lockCall(tx, callId);
    const deadline = deadlineOf(call);
    if (!deadline.event) return false; // another run moved it first
    let event: CallEvent;
    if (deadline.event === "close") {
      const stances = await tx
        .select({ stance: positions.stance })
        .from(positions)
        .where(eq(positions.callId, callId));
      const objections = await tx
        .select({ state: threads.objectionState })
        .from(threads)
        .where(and(eq(threads.callId, callId), eq(threads.kind, "objection")));
      event = {
        type: "close",
        stances: stances.map((row) => row.stance),
        objections: objections.map((row): ObjectionState => row.state ?? "raised"),
        ...(call.kind === "changes" ? { changes: await changesAtClose(tx, callId) } : {}),
      };
    } else {
      event = { type: deadline.event };
    }
    let result: ReturnType<typeof decide>;
    try {
      result = decide(call, event, now);
    } catch (error) {
      if (error instanceof DomainError) return false; // not due after all
      throw error;
    }
    if (!result.transition) return false;
    const details: Record<string, number> =
      event.type === "close"
        ? {
            positions: quorumCount(event.stances),
            objections: blockingObjections(event.objections),
          }
        : {};
    if (result.transition === "partly_adopted" && event.type === "close" && event.changes) {
      const verdict = changesVerdict({ stances: event.stances, ...event.changes }, call.charter);
      if (verdict.kind === "split") {
        // Held changes go on alone first; the ones left pending are adopted with the call.
        await escalateHeld(tx, call, verdict.held, now);
        details.adopted = verdict.adopted.length;
        details.held = verdict.held.length;
      }
    }
    await applyTransition(tx, call, result.state, result.transition, {
      actorId: null,
      now,
      details,
    });
    return true;
  });
}

/** Two days before an open call closes, its participants and watchers hear of it, once. */
async function remindClosing(db: Database, now: Date): Promise<number> {
  const soon = await db
    .select({ id: calls.id })
    .from(calls)
    .where(
      and(
        eq(calls.phase, "open"),
        isNull(calls.remindedAt),
        gt(calls.closesAt, now),
        lte(calls.closesAt, addDays(now, 2)),
      ),
    );
  if (soon.length === 0) return 0;
  let reminded = 0;
  for (const { id } of soon) {
    const sent = await db.transaction(async (tx) => {
      // Claiming the reminder and sending it share a transaction: one server wins.
      const claimed = await tx
        .update(calls)
        .set({ remindedAt: now })
        .where(and(inArray(calls.id, [id]), isNull(calls.remindedAt)))
        .returning({ id: calls.id });
      if (claimed.length === 0) return false;
      const call = await lockCall(tx, id);
      await tellParticipants(tx, call, "call_closing", {
        actorId: null,
        at: now,
        message: closingNotice(call),
      });
      return true;
    });
    if (sent) reminded += 1;
  }
  return reminded;
}
