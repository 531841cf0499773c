/**
 * A token bucket: `capacity` events at once, refilled at `perSecond`. Used to bound log lines an
 * anonymous visitor can cause, so nobody can flood the server log either.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private dropped = 0;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now = Date.now(),
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  /** Takes a token if one is left; returns how many events were refused since the last one. */
  take(now = Date.now()): { ok: true; dropped: number } | { ok: false } {
    this.tokens = Math.min(
      this.capacity,
      this.tokens + (Math.max(0, now - this.last) / 1000) * this.perSecond,
    );
    this.last = now;
    if (this.tokens < 1) {
      this.dropped += 1;
      return { ok: false };
    }
    this.tokens -= 1;
    const dropped = this.dropped;
    this.dropped = 0;
    return { ok: true, dropped };
  }
}

// Ten lines at once, then one every six seconds, per process.
const anonymousRefusals = new TokenBucket(10, 1 / 6);

/**
 * An anonymous refusal is not worth a permanent public row (anyone could grow the log without
 * bound by visiting a page), so it goes to the server log, rate limited.
 */
export function logAnonymousRefusal(attempted: string, reason: string, now = Date.now()): void {
  const taken = anonymousRefusals.take(now);
  if (!taken.ok) return;
  const more = taken.dropped > 0 ? ` (${taken.dropped} more not logged)` : "";
  console.warn(`access refused: ${attempted}, ${reason}, not signed in${more}`);
}
