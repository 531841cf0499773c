import "server-only";
import { and, gt, inArray, lte, min, sql, sum } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { type Limit, type LimitName, limits } from "@/lib/rate-limit/limits";
import { rateLimitHits } from "@/lib/rate-limit/schema";

export { type LimitName, limits } from "@/lib/rate-limit/limits";

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

/** What a key has used of a limit in the window ending now, and when its oldest use frees up. */
export type Usage = { used: number; oldest: Date | null };

/**
 * Locks `keys` for the rest of the caller's transaction (transaction-scoped advisory locks, taken
 * in one order so two batches never wait on each other crosswise), drops their uses older than the
 * window, and says what each has used within it (uses recorded with a later time, by a server
 * whose clock runs ahead, do not count). Until the transaction ends, no other server can count
 * or record a use of these keys, so what the caller decides from this holds when it records.
 */
export async function lockedUsage(
  tx: Executor,
  windowSeconds: number,
  keys: readonly string[],
  now: Date,
): Promise<Map<string, Usage>> {
  const distinct = [...new Set(keys)].sort();
  const usage = new Map<string, Usage>(distinct.map((key) => [key, { used: 0, oldest: null }]));
  if (distinct.length === 0) return usage;
  const since = new Date(now.getTime() - windowSeconds * 1000);
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(k, 0)) from unnest(${sql.param(distinct)}::text[]) with ordinality as t(k, n) order by n`,
  );
  await tx
    .delete(rateLimitHits)
    .where(and(inArray(rateLimitHits.key, distinct), lte(rateLimitHits.at, since)));
  const rows = await tx
    .select({
      key: rateLimitHits.key,
      used: sum(rateLimitHits.cost).mapWith(Number),
      oldest: min(rateLimitHits.at),
    })
    .from(rateLimitHits)
    .where(
      and(
        inArray(rateLimitHits.key, distinct),
        gt(rateLimitHits.at, since),
        lte(rateLimitHits.at, now),
      ),
    )
    .groupBy(rateLimitHits.key);
  for (const row of rows) usage.set(row.key, { used: row.used ?? 0, oldest: row.oldest });
  return usage;
}

/**
 * Whether one more use of `cost` fits a limit, given what the key has used (updated in place when
 * it does, so a batch can ask again for the same key).
 */
export function take(limit: Limit, usage: Usage, cost: number, now: Date): Verdict {
  if (usage.used + cost > limit.points) {
    const frees = (usage.oldest?.getTime() ?? now.getTime()) + limit.windowSeconds * 1000;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((frees - now.getTime()) / 1000)) };
  }
  usage.used += cost;
  usage.oldest ??= now;
  return { ok: true };
}

/** Records uses of keys locked by `lockedUsage` in this transaction. */
export async function recordUses(
  tx: Executor,
  uses: readonly { key: string; cost: number }[],
  now: Date,
): Promise<void> {
  if (uses.length === 0) return;
  await tx.insert(rateLimitHits).values(uses.map(({ key, cost }) => ({ key, at: now, cost })));
}

/**
 * Counts one write against `key` if fewer than `points` fall in the sliding window ending at
 * `now`. Called inside the caller's transaction, a write that later fails (or is refused) is not
 * counted either.
 */
export async function consume(
  db: Executor,
  request: Limit & { key: string; cost?: number },
  now = new Date(),
): Promise<Verdict> {
  const cost = request.cost ?? 1;
  return db.transaction(async (tx) => {
    const usage = await lockedUsage(tx, request.windowSeconds, [request.key], now);
    const verdict = take(request, usage.get(request.key) ?? { used: 0, oldest: null }, cost, now);
    if (verdict.ok) await recordUses(tx, [{ key: request.key, cost }], now);
    return verdict;
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
