import "server-only";
import { and, eq, gt, lte, min, sql, sum } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { type Limit, type LimitName, limits } from "@/lib/rate-limit/limits";
import { rateLimitHits } from "@/lib/rate-limit/schema";

export { type LimitName, limits } from "@/lib/rate-limit/limits";

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Counts one write against `key` if fewer than `points` fall in the sliding window ending at
 * `now` (writes recorded with a later time, by a server whose clock runs ahead, do not count). A transaction-scoped advisory lock on the key makes the count and the insert atomic
 * across servers; called inside the caller's transaction, a write that later fails (or is
 * refused) is not counted either.
 */
export async function consume(
  db: Executor,
  request: Limit & { key: string; cost?: number },
  now = new Date(),
): Promise<Verdict> {
  const cost = request.cost ?? 1;
  const since = new Date(now.getTime() - request.windowSeconds * 1000);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${request.key}, 0))`);
    await tx
      .delete(rateLimitHits)
      .where(and(eq(rateLimitHits.key, request.key), lte(rateLimitHits.at, since)));
    const [recent] = await tx
      .select({ used: sum(rateLimitHits.cost).mapWith(Number), oldest: min(rateLimitHits.at) })
      .from(rateLimitHits)
      .where(
        and(
          eq(rateLimitHits.key, request.key),
          gt(rateLimitHits.at, since),
          lte(rateLimitHits.at, now),
        ),
      );
    if ((recent?.used ?? 0) + cost > request.points) {
      const frees = (recent?.oldest?.getTime() ?? now.getTime()) + request.windowSeconds * 1000;
      return {
        ok: false,
        retryAfterSeconds: Math.max(1, Math.ceil((frees - now.getTime()) / 1000)),
      };
    }
    await tx.insert(rateLimitHits).values({ key: request.key, at: now, cost });
    return { ok: true };
  });
}

/** Refused because a limit is reached; says when to try again. */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited");
  }
}

/** Counts one write of a kind by a person, or throws `rate_limited`. */
export async function enforceLimit(
  db: Executor,
  name: LimitName,
  personId: string,
  now = new Date(),
): Promise<void> {
  const verdict = await consume(db, { ...limits[name], key: `${name}:${personId}` }, now);
  if (!verdict.ok) throw new RateLimitedError(verdict.retryAfterSeconds);
}
