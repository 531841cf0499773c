import "server-only";
import { and, eq, inArray, lte, sql } from "drizzle-orm";
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
  /** Requests in flight at once, at most. */
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

/** Due deliveries of enabled endpoints, leased to this caller; none when nothing is due. */
async function claim(db: Database, now: Date, size: number): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    const rows = await tx
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
      .limit(size)
      // Row by row: another server skips what this one holds, and takes the rest.
      .for("update", { of: webhookDeliveries, skipLocked: true });
    if (rows.length === 0) return [];
    await tx
      .update(webhookDeliveries)
      .set({
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        nextAttemptAt: new Date(now.getTime() + LEASE_MS),
      })
      .where(
        inArray(
          webhookDeliveries.id,
          rows.map((row) => row.delivery.id),
        ),
      );
    return rows.map((row) => ({
      id: row.delivery.id,
      messageId: row.delivery.messageId,
      attempts: row.delivery.attempts + 1,
      payload: row.delivery.payload,
      endpoint: row.endpoint,
    }));
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
  // A receiver that said yes at length still said yes.
  const status = answer.status ?? null;
  if (answer.problem === "too_large" && status !== null && status >= 200 && status < 300) {
    return { status, problem: null, durationMs };
  }
  return { status, problem: answer.problem, durationMs };
}

/**
 * Records a batch of attempts and what follows each: delivered, tried again later, or given up;
 * and each endpoint's run of failures (ended by any success), which turns it off once too long.
 * Returns the endpoints turned off.
 */
async function record(
  db: Database,
  sent: { claimed: Claimed; outcome: Outcome }[],
  now: Date,
): Promise<Claimed["endpoint"][]> {
  return db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values(
      sent.map(({ claimed, outcome }) => ({
        deliveryId: claimed.id,
        at: now,
        status: outcome.status,
        durationMs: outcome.durationMs,
        problem: outcome.problem,
      })),
    );
    const delivered = sent.filter(({ outcome }) => outcome.problem === null);
    if (delivered.length) {
      await tx
        .update(webhookDeliveries)
        .set({ state: "delivered", deliveredAt: now })
        .where(
          inArray(
            webhookDeliveries.id,
            delivered.map(({ claimed }) => claimed.id),
          ),
        );
    }
    const byEndpoint = new Map<
      string,
      { endpoint: Claimed["endpoint"]; ok: number; failed: number }
    >();
    for (const { claimed, outcome } of sent) {
      const tally = byEndpoint.get(claimed.endpoint.id) ?? {
        endpoint: claimed.endpoint,
        ok: 0,
        failed: 0,
      };
      byEndpoint.set(claimed.endpoint.id, tally);
      if (outcome.problem === null) {
        tally.ok += 1;
        continue;
      }
      tally.failed += 1;
      const delay = RETRY_DELAYS_MS[claimed.attempts - 1];
      await tx
        .update(webhookDeliveries)
        .set(
          delay === undefined
            ? { state: "failed" }
            : { nextAttemptAt: new Date(now.getTime() + delay) },
        )
        .where(eq(webhookDeliveries.id, claimed.id));
    }
    const disabled: Claimed["endpoint"][] = [];
    for (const { endpoint, ok, failed } of byEndpoint.values()) {
      if (ok > 0) {
        await tx
          .update(webhookEndpoints)
          .set({ failuresInRow: 0 })
          .where(eq(webhookEndpoints.id, endpoint.id));
        continue;
      }
      const [row] = await tx
        .update(webhookEndpoints)
        .set({ failuresInRow: sql`${webhookEndpoints.failuresInRow} + ${failed}` })
        .where(eq(webhookEndpoints.id, endpoint.id))
        .returning({ failures: webhookEndpoints.failuresInRow, enabled: webhookEndpoints.enabled });
      // Only the run that crosses the line turns it off (and writes to its owner).
      if (!row?.enabled || row.failures < DISABLE_AFTER_FAILURES) continue;
      await tx
        .update(webhookEndpoints)
        .set({ enabled: false, disabledAt: now, disabledReason: "failing" })
        .where(eq(webhookEndpoints.id, endpoint.id));
      disabled.push(endpoint);
    }
    return disabled;
  });
}

/**
 * Sends what is due until nothing is or `limit` attempts were made: two lanes, each claiming a
 * batch, sending it at once (at most `concurrency` requests in flight in all) and recording the
 * answers together. Only the scheduler calls this: no page or mutation ever waits for a receiver.
 */
export async function sendDueWebhooks(
  db: Database,
  options: SendOptions = {},
): Promise<SendReport> {
  const report: SendReport = { attempted: 0, delivered: 0, disabled: 0 };
  const limit = options.limit ?? 5000;
  const concurrency = Math.max(1, options.concurrency ?? 16);
  const lanes = concurrency > 1 ? 2 : 1;
  const batch = Math.max(1, Math.floor(concurrency / lanes));
  const lane = async () => {
    while (report.attempted < limit) {
      const claimed = await claim(
        db,
        options.now ?? new Date(),
        Math.min(batch, limit - report.attempted),
      );
      if (claimed.length === 0) return;
      report.attempted += claimed.length;
      const sent = await Promise.all(
        claimed.map(async (row) => {
          const request = requestOf(
            row.endpoint,
            { id: row.messageId, payload: row.payload as WebhookPayload },
            new Date(),
          );
          return { claimed: row, outcome: await attempt(request, options) };
        }),
      );
      report.delivered += sent.filter(({ outcome }) => outcome.problem === null).length;
      const disabled = await record(db, sent, options.now ?? new Date());
      for (const endpoint of disabled) {
        report.disabled += 1;
        await tellOwnerOfDisabling(db, endpoint, {
          sender: options.sender ?? getEmailSender(),
          origin: options.origin ?? publicUrl(),
        });
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return report;
}
