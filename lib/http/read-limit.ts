/**
 * The limit on API requests, per client address (anonymous) or per token. Reads add no public
 * text, so unlike writes (lib/rate-limit, shared by every server through the database)
 * they are counted in memory by each server's front: a count per server is enough to keep one
 * client from taking a server's whole time, and it costs nothing on the hot path.
 *
 * The window is fixed, the answer says how many requests are left and when the window ends, as
 * the `RateLimit` and `RateLimit-Policy` headers (IETF httpapi rate limit fields) tell clients.
 */
export type ReadVerdict = {
  ok: boolean;
  policy: string;
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the count starts again. */
  resetSeconds: number;
};

type Window = { started: number; used: number };

export function createReadLimiter(options: {
  points: number;
  windowSeconds: number;
  /** The policy's name in the headers, e.g. "ip" or "token". */
  policy: string;
  now?: () => number;
}) {
  const now = options.now ?? Date.now;
  const windowMs = options.windowSeconds * 1000;
  const windows = new Map<string, Window>();
  let lastSweep = now();

  /** Old windows are dropped once a window, so the map holds only clients seen lately. */
  const sweep = (at: number) => {
    if (at - lastSweep < windowMs) return;
    lastSweep = at;
    for (const [key, window] of windows) if (at - window.started >= windowMs) windows.delete(key);
  };

  return {
    take(key: string): ReadVerdict {
      const at = now();
      sweep(at);
      let window = windows.get(key);
      if (!window || at - window.started >= windowMs) {
        window = { started: at, used: 0 };
        windows.set(key, window);
      }
      const ok = window.used < options.points;
      if (ok) window.used += 1;
      return {
        ok,
        policy: options.policy,
        limit: options.points,
        remaining: options.points - window.used,
        resetSeconds: Math.max(1, Math.ceil((window.started + windowMs - at) / 1000)),
      };
    },
  };
}

/** The headers that tell a client where it stands. */
export function rateLimitHeaders(
  verdict: ReadVerdict,
  windowSeconds: number,
): Record<string, string> {
  return {
    "RateLimit-Policy": `"${verdict.policy}";q=${verdict.limit};w=${windowSeconds}`,
    RateLimit: `"${verdict.policy}";r=${verdict.remaining};t=${verdict.resetSeconds}`,
    ...(verdict.ok ? {} : { "Retry-After": String(verdict.resetSeconds) }),
  };
}
