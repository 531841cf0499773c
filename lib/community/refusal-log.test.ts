import { describe, expect, it } from "vitest";
import { TokenBucket } from "@/lib/community/refusal-log";

describe("TokenBucket", () => {
  it("lets a burst through, refuses the rest, and refills with time", () => {
    const bucket = new TokenBucket(3, 1, 0);
    expect([1, 2, 3, 4, 5].map(() => bucket.take(0).ok)).toEqual([true, true, true, false, false]);
    // One second later one token is back, and it says how many were refused meanwhile.
    expect(bucket.take(1000)).toEqual({ ok: true, dropped: 2 });
    expect(bucket.take(1000).ok).toBe(false);
    // Never more than the capacity, however long the wait.
    expect([1, 2, 3, 4].map(() => bucket.take(1_000_000).ok)).toEqual([true, true, true, false]);
  });
});
