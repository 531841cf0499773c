import "server-only";
import { and, eq, inArray, or } from "drizzle-orm";
import { auditLog } from "@/lib/audit/schema";
import type { Database } from "@/lib/db/client";
import { publicUrl } from "@/lib/env";
import { eventTypeOf, wants } from "@/lib/webhooks/events";
import type { WebhookPayload } from "@/lib/webhooks/formats";
import { webhookDeliveries, webhookEndpoints, webhookEvents } from "@/lib/webhooks/schema";
import { newMessageId } from "@/lib/webhooks/signature";
import { type EventSubject, subjectsOf } from "@/lib/webhooks/subjects";

/** Events taken per transaction: enough for an import's thousands in a few rounds. */
export const FAN_OUT_BATCH = 500;

/** The JSON every endpoint's delivery carries (chat formats word it from this). */
export function payloadOf(
  type: string,
  at: Date,
  subject: Pick<EventSubject, "standard" | "organisation" | "facts" | "path">,
  origin: string,
): WebhookPayload {
  return {
    type,
    timestamp: at.toISOString(),
    data: {
      ...(subject.standard ? { standard: subject.standard } : {}),
      ...(subject.organisation ? { organisation: subject.organisation } : {}),
      ...subject.facts,
      url: `${origin}${subject.path}`,
    },
  };
}

/**
 * Turns queued events into deliveries: claims a batch (skipping rows another server holds),
 * makes one delivery per enabled endpoint that wants each event, and deletes the events, in one
 * transaction, so an event is fanned out once whoever runs this. Returns the deliveries made;
 * runs batch after batch until the queue is empty.
 */
export async function fanOutWebhookEvents(
  db: Database,
  options: { origin?: string; batch?: number } = {},
): Promise<number> {
  const origin = options.origin ?? publicUrl();
  let made = 0;
  for (;;) {
    const round = await db.transaction(async (tx) => {
      const claimed = await tx
        .select({ id: webhookEvents.id, auditId: webhookEvents.auditId })
        .from(webhookEvents)
        .orderBy(webhookEvents.id)
        .limit(options.batch ?? FAN_OUT_BATCH)
        .for("update", { skipLocked: true });
      if (claimed.length === 0) return null;
      const entries = await tx
        .select()
        .from(auditLog)
        .where(
          inArray(
            auditLog.id,
            claimed.map((event) => event.auditId),
          ),
        );
      const relevant = entries
        .map((entry) => ({ entry, type: eventTypeOf(entry.action) }))
        .filter((item) => item.type !== null);
      const subjects = await subjectsOf(
        tx,
        relevant.map((item) => item.entry),
      );
      const standardIds = [...subjects.values()].flatMap((s) => s.standardId ?? []);
      const organisationIds = [...subjects.values()].flatMap((s) => s.organisationId ?? []);
      const endpoints =
        standardIds.length || organisationIds.length
          ? await tx
              .select({
                id: webhookEndpoints.id,
                standardId: webhookEndpoints.standardId,
                organisationId: webhookEndpoints.organisationId,
                events: webhookEndpoints.events,
              })
              .from(webhookEndpoints)
              .where(
                and(
                  eq(webhookEndpoints.enabled, true),
                  or(
                    standardIds.length
                      ? inArray(webhookEndpoints.standardId, [...new Set(standardIds)])
                      : undefined,
                    organisationIds.length
                      ? inArray(webhookEndpoints.organisationId, [...new Set(organisationIds)])
                      : undefined,
                  ),
                ),
              )
          : [];
      const rows: (typeof webhookDeliveries.$inferInsert)[] = [];
      for (const { entry, type } of relevant) {
        const subject = subjects.get(entry.id);
        if (!subject || !type) continue;
        const payload = payloadOf(type, entry.at, subject, origin);
        for (const endpoint of endpoints) {
          const listens =
            (endpoint.standardId !== null && endpoint.standardId === subject.standardId) ||
            (endpoint.organisationId !== null &&
              endpoint.organisationId === subject.organisationId);
          if (!listens || !wants(endpoint.events, type)) continue;
          rows.push({
            endpointId: endpoint.id,
            messageId: newMessageId(),
            eventType: type,
            auditId: entry.id,
            payload,
          });
        }
      }
      for (let start = 0; start < rows.length; start += 1000) {
        await tx.insert(webhookDeliveries).values(rows.slice(start, start + 1000));
      }
      await tx.delete(webhookEvents).where(
        inArray(
          webhookEvents.id,
          claimed.map((event) => event.id),
        ),
      );
      return rows.length;
    });
    if (round === null) return made;
    made += round;
  }
}
