import "server-only";
import { and, asc, desc, eq, lt } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { standards } from "@/lib/drafting/schema";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/lib/webhooks/schema";

/** Attempts shown per page of an endpoint's delivery log. */
export const LOG_PAGE_SIZE = 50;

const listed = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  format: webhookEndpoints.format,
  events: webhookEndpoints.events,
  language: webhookEndpoints.language,
  enabled: webhookEndpoints.enabled,
  disabledAt: webhookEndpoints.disabledAt,
  disabledReason: webhookEndpoints.disabledReason,
  createdAt: webhookEndpoints.createdAt,
};

/** A standard's or an organisation's endpoints, newest first (no secrets: the list is a list). */
export async function listEndpoints(
  db: Executor,
  subject: { standardId: string } | { organisationId: string },
) {
  return db
    .select(listed)
    .from(webhookEndpoints)
    .where(
      "standardId" in subject
        ? eq(webhookEndpoints.standardId, subject.standardId)
        : eq(webhookEndpoints.organisationId, subject.organisationId),
    )
    .orderBy(desc(webhookEndpoints.createdAt));
}

/**
 * One page of an endpoint's attempts, newest first; `before` is the last attempt id of the page
 * before. `next` is the cursor of the following page, if any.
 */
export async function deliveryLog(db: Executor, endpointId: string, before?: number) {
  const rows = await db
    .select({
      id: webhookAttempts.id,
      at: webhookAttempts.at,
      status: webhookAttempts.status,
      durationMs: webhookAttempts.durationMs,
      problem: webhookAttempts.problem,
      eventType: webhookDeliveries.eventType,
      messageId: webhookDeliveries.messageId,
      state: webhookDeliveries.state,
    })
    .from(webhookAttempts)
    .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, webhookAttempts.deliveryId))
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        before !== undefined ? lt(webhookAttempts.id, before) : undefined,
      ),
    )
    .orderBy(desc(webhookAttempts.id))
    .limit(LOG_PAGE_SIZE + 1);
  const page = rows.slice(0, LOG_PAGE_SIZE);
  return { attempts: page, next: rows.length > LOG_PAGE_SIZE ? page.at(-1)?.id : undefined };
}

/** Every standard, for the secretariat's list of where webhooks can be set up. */
export async function standardsForWebhooks(db: Executor) {
  return db
    .select({ id: standards.id, slug: standards.slug, name: standards.name })
    .from(standards)
    .orderBy(asc(standards.name));
}

/** A standard by slug, for its webhooks page. */
export async function standardBySlug(db: Executor, slug: string) {
  const [row] = await db
    .select({ id: standards.id, slug: standards.slug, name: standards.name })
    .from(standards)
    .where(eq(standards.slug, slug));
  return row ?? null;
}

/** One endpoint with its secret, for the page of someone already allowed to manage it. */
export async function endpointById(db: Executor, endpointId: string) {
  const [row] = await db
    .select({
      ...listed,
      secret: webhookEndpoints.secret,
      matrixRoomId: webhookEndpoints.matrixRoomId,
      standardId: webhookEndpoints.standardId,
      organisationId: webhookEndpoints.organisationId,
    })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, endpointId));
  return row ?? null;
}
