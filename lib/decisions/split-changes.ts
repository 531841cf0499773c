import "server-only";
import { and, eq, inArray, max } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Transaction } from "@/lib/db/client";
import { transitionNotices } from "@/lib/decisions/notices";
import { addDays, type Charter, type NamedObjection } from "@/lib/decisions/rules";
import { callItems, calls, positions } from "@/lib/decisions/schema";
import { bodyOf, type CallRow } from "@/lib/decisions/transitions";
import { threads } from "@/lib/discussion/schema";
import { lockStandard } from "@/lib/drafting/queries";
import { formatRef } from "@/lib/drafting/rules";
import { clauses, sections } from "@/lib/drafting/schema";
import { insertNotifications } from "@/lib/notifications/mutations";
import { callPath, callSubjectId } from "@/lib/paths";

/**
 * The facts a call on a set of changes closes on: its changes still pending, and which of them
 * each objection names (through the position that raised it).
 */
export async function changesAtClose(
  tx: Transaction,
  callId: string,
): Promise<{ itemIds: string[]; objections: NamedObjection[] }> {
  const items = await tx
    .select({ id: callItems.id })
    .from(callItems)
    .where(and(eq(callItems.callId, callId), eq(callItems.outcome, "pending")));
  const rows = await tx
    .select({ state: threads.objectionState, itemIds: positions.itemIds })
    .from(threads)
    .leftJoin(positions, eq(positions.threadId, threads.id))
    .where(and(eq(threads.callId, callId), eq(threads.kind, "objection")));
  return {
    itemIds: items.map((item) => item.id),
    objections: rows.map((row) => ({ state: row.state ?? "raised", itemIds: row.itemIds ?? [] })),
  };
}

/** "SW-4" for a clause, the section's title for a section: how a held change is named. */
async function labelsOf(tx: Transaction, items: (typeof callItems.$inferSelect)[]) {
  const clauseIds = items.flatMap((item) => (item.clauseId ? [item.clauseId] : []));
  const sectionIds = items.flatMap((item) => (item.sectionId ? [item.sectionId] : []));
  const clauseRows = clauseIds.length
    ? await tx
        .select({ id: clauses.id, code: clauses.refCode, number: clauses.refNumber })
        .from(clauses)
        .where(inArray(clauses.id, clauseIds))
    : [];
  const sectionRows = sectionIds.length
    ? await tx
        .select({ id: sections.id, title: sections.title })
        .from(sections)
        .where(inArray(sections.id, sectionIds))
    : [];
  const labels = new Map<string, string>([
    ...clauseRows.map((row) => [row.id, formatRef(row.code, row.number)] as const),
    ...sectionRows.map((row) => [row.id, row.title] as const),
  ]);
  return (item: typeof callItems.$inferSelect) =>
    labels.get(item.clauseId ?? item.sectionId ?? "") ?? String(item.position);
}

/**
 * Sends each held change of a last call to the advisory group alone: a call of its own, split
 * from the last call, born escalated with the last call's charter and a copy of the change,
 * which the last call's change then waits on. Runs as the last call closes, before the
 * changes left pending are adopted.
 */
export async function escalateHeld(
  tx: Transaction,
  call: CallRow,
  heldIds: string[],
  now: Date,
): Promise<void> {
  if (heldIds.length === 0) return;
  const held = await tx
    .select()
    .from(callItems)
    .where(and(eq(callItems.callId, call.id), inArray(callItems.id, heldIds)))
    .orderBy(callItems.position);
  const labelOf = await labelsOf(tx, held);
  const charter = call.charter as Charter;
  // Numbers are taken under the standard's lock, as for any call.
  await lockStandard(tx, call.standardId);
  const [last] = await tx
    .select({ number: max(calls.number) })
    .from(calls)
    .where(eq(calls.standardId, call.standardId));
  const first = (last?.number ?? 0) + 1;
  const children = await tx
    .insert(calls)
    .values(
      held.map((item, index) => ({
        standardId: call.standardId,
        number: first + index,
        kind: "changes" as const,
        title: `${call.title}: ${labelOf(item)}`.slice(0, 200),
        description: call.description,
        parentCallId: call.id,
        organisations: call.organisations,
        charter,
        phase: "escalated_ag" as const,
        openedBy: call.openedBy,
        openedAt: now,
        closesAt: now,
        closedAt: now,
        agDeadline: addDays(now, charter.agDeadlineDays),
      })),
    )
    .returning()
    // Each held change's call is the one numbered in its place.
    .then((rows) => held.map((_, index) => rows.find((row) => row.number === first + index)));
  const body = await bodyOf(tx, "advisory_group", now);
  await tx.insert(callItems).values(
    held.map((item, index) => ({
      callId: children[index]?.id ?? "",
      position: 1,
      kind: item.kind,
      clauseId: item.clauseId,
      revisionId: item.revisionId,
      sectionId: item.sectionId,
      sectionRevisionId: item.sectionRevisionId,
      moduleId: item.moduleId,
    })),
  );
  for (const [index, item] of held.entries()) {
    const child = children[index];
    if (!child) continue;
    await tx
      .update(callItems)
      .set({ outcome: "escalated", escalatedCallId: child.id })
      .where(eq(callItems.id, item.id));
    await recordAudit(tx, {
      at: now,
      actorId: null,
      action: "decisions.change_escalated",
      subjectType: "call",
      subjectId: callSubjectId(call.slug, child.number),
      details: { call: callSubjectId(call.slug, call.number), phase: "escalated_ag" },
    });
    const notices = transitionNotices(child, { ...child, rationale: null }, "escalated_to_ag");
    if (notices.group) {
      await insertNotifications(
        tx,
        body.memberIds.map((userId) => ({ userId, watchId: null, kind: "call_escalated" })),
        {
          callId: child.id,
          actorId: null,
          path: callPath(call.slug, child.number),
          at: now,
          message: notices.group.message,
        },
      );
    }
  }
}
