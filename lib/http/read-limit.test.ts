import { describe, expect, it } from "vitest";
import { createReadLimiter, rateLimitHeaders } from "@/lib/http/read-limit";

describe("the API's read limiter", () => {
  it("allows the limit in a window, refuses beyond it, and starts again after", () => {
    let clock = 0;
    const limiter = createReadLimiter({
      points: 3,
      windowSeconds: 60,
      policy: "ip",
      now: () => clock,
    });
    expect([1, 2, 3].map(() => limiter.take("a").ok)).toEqual([true, true, true]);
    const refused = limiter.take("a");
    expect(refused).toMatchObject({ ok: false, remaining: 0, resetSeconds: 60 });
    expect(limiter.take("b").ok).toBe(true);
    clock = 59_000;
    expect(limiter.take("a")).toMatchObject({ ok: false, resetSeconds: 1 });
    clock = 60_000;
    expect(limiter.take("a")).toMatchObject({ ok: true, remaining: 2 });
  });

  it("tells the client its policy, what is left and when it resets", () => {
    const limiter = createReadLimiter({ points: 2, windowSeconds: 60, policy: "ip", now: () => 0 });
    expect(rateLimitHeaders(limiter.take("a"), 60)).toEqual({
      "RateLimit-Policy": '"ip";q=2;w=60',
      RateLimit: '"ip";r=1;t=60',
    });
    limiter.take("a");
    expect(rateLimitHeaders(limiter.take("a"), 60)).toMatchObject({ "Retry-After": "60" });
  });
});
