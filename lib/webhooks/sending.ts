import "server-only";
import { and, eq, lte, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { getEmailSender } from "@/lib/email";
import type { EmailSender } from "@/lib/email/sender";
import { publicUrl } from "@/lib/env";
import { fetchOutbound, type Resolver } from "@/lib/http/outbound";
import { type OutgoingRequest, requestOf, type WebhookPayload } from "@/lib/webhooks/formats";
import { DISABLE_AFTER_FAILURES, RETRY_DELAYS_MS, WEBHOOK_TIMEOUT_MS } from "@/lib/webhooks/limits";
import { tellOwnerOfDisabling } from "@/lib/webhooks/owner-email";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/lib/webhooks/schema";

/**
 * Sends due deliveries. Each is claimed in a short transaction that skips rows another server
 * holds and moves its next attempt past the time a send may take (a lease), so two servers never
 * send it at once; the answer is recorded afterwards. A server that dies mid-send leaves the
 * delivery to be tried again once the lease ends: a receiver may see a message twice, never
 * lose one, and drops the copy by its `webhook-id`.
 */

/** Long enough for any send to end; a claim older than this is anyone's again. */
const LEASE_MS = WEBHOOK_TIMEOUT_MS + 50_000;

export type SendOptions = {
  now?: Date;
  /** Sends at once, at most; each claims its own rows. */
  concurrency?: number;
  /** Stops after this many attempts in one run (the scheduler runs again a second later). */
  limit?: number;
  sender?: EmailSender;
  origin?: string;
  resolve?: Resolver;
  timeoutMs?: number;
};

export type SendReport = { attempted: number; delivered: number; disabled: number };

type Claimed = {
  id: string;
  messageId: string;
  attempts: number;
  payload: Record<string, unknown>;
  endpoint: typeof webhookEndpoints.$inferSelect;
};

/** One due delivery of an enabled endpoint, leased to this caller; null when none is due. */
async function claimOne(db: Database, now: Date): Promise<Claimed | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(
        and(
          eq(webhookDeliveries.state, "pending"),
          lte(webhookDeliveries.nextAttemptAt, now),
          eq(webhookEndpoints.enabled, true),
        ),
      )
      .orderBy(webhookDeliveries.nextAttemptAt)
      .limit(1)
      .for("update", { of: webhookDeliveries, skipLocked: true });
    if (!row) return null;
    await tx
      .update(webhookDeliveries)
      .set({
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + LEASE_MS),
      })
      .where(eq(webhookDeliveries.id, row.delivery.id));
    return {
      id: row.delivery.id,
      messageId: row.delivery.messageId,
      attempts: row.delivery.attempts + 1,
      payload: row.delivery.payload,
      endpoint: row.endpoint,
    };
  });
}

type Outcome = { status: number | null; problem: string | null; durationMs: number };

async function attempt(request: OutgoingRequest, options: SendOptions): Promise<Outcome> {
  const started = performance.now();
  const answer = await fetchOutbound(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    resolve: options.resolve,
    timeoutMs: options.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
    // A receiver's answer is not read, only its status.
    maxBytes: 64 * 1024,
  });
  const durationMs = Math.round(performance.now() - started);
  if (answer.ok) {
    const fine = answer.status >= 200 && answer.status < 300;
    return { status: answer.status, problem: fine ? null : "status", durationMs };
  }
  return { status: answer.status ?? null, problem: answer.problem, durationMs };
}

/**
 * Records an attempt and what follows: delivered, tried again later, or given up; and the
 * endpoint's run of failures, which turns it off once too long. True when it was turned off.
 */
async function record(
  db: Database,
  claimed: Claimed,
  outcome: Outcome,
  now: Date,
): Promise<boolean> {
  const delivered = outcome.problem === null;
  return db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values({
      deliveryId: claimed.id,
      at: now,
      status: outcome.status,
      durationMs: outcome.durationMs,
      problem: outcome.problem,
    });
    const delay = RETRY_DELAYS_MS[claimed.attempts - 1];
    await tx
      .update(webhookDeliveries)
      .set(
        delivered
          ? { state: "delivered", deliveredAt: now }
          : delay === undefined
            ? { state: "failed" }
            : { nextAttemptAt: new Date(now.getTime() + delay) },
      )
      .where(eq(webhookDeliveries.id, claimed.id));
    if (delivered) {
      await tx
        .update(webhookEndpoints)
        .set({ failuresInRow: 0 })
        .where(eq(webhookEndpoints.id, claimed.endpoint.id));
      return false;
    }
    const [endpoint] = await tx
      .update(webhookEndpoints)
      .set({ failuresInRow: sql`${webhookEndpoints.failuresInRow} + 1` })
      .where(eq(webhookEndpoints.id, claimed.endpoint.id))
      .returning({ failures: webhookEndpoints.failuresInRow, enabled: webhookEndpoints.enabled });
    if (!endpoint?.enabled || endpoint.failures < DISABLE_AFTER_FAILURES) return false;
    await tx
      .update(webhookEndpoints)
      .set({ enabled: false, disabledAt: now, disabledReason: "failing" })
      .where(eq(webhookEndpoints.id, claimed.endpoint.id));
    return true;
  });
}

/**
 * Sends what is due, `concurrency` at a time, until nothing is due or `limit` attempts were
 * made. Only the scheduler calls this: no page or mutation ever waits for a receiver.
 */
export async function sendDueWebhooks(
  db: Database,
  options: SendOptions = {},
): Promise<SendReport> {
  const report: SendReport = { attempted: 0, delivered: 0, disabled: 0 };
  const limit = options.limit ?? 1000;
  const worker = async () => {
    while (report.attempted < limit) {
      const now = options.now ?? new Date();
      const claimed = await claimOne(db, now);
      if (!claimed) return;
      report.attempted += 1;
      const request = requestOf(
        claimed.endpoint,
        { id: claimed.messageId, payload: claimed.payload as WebhookPayload },
        new Date(),
      );
      const outcome = await attempt(request, options);
      if (outcome.problem === null) report.delivered += 1;
      if (await record(db, claimed, outcome, options.now ?? new Date())) {
        report.disabled += 1;
        await tellOwnerOfDisabling(db, claimed.endpoint, {
          sender: options.sender ?? getEmailSender(),
          origin: options.origin ?? publicUrl(),
        });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  return report;
}
