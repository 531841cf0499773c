import { describe, expect, it } from "vitest";
import { apiKey, createTokenReaders, TOKEN_TRUST_MS } from "@/lib/http/front-api";

describe("the tokens the front trusts for reads", () => {
  it("trusts a token Next.js accepted, for a minute at most, and never beyond its expiry", () => {
    let clock = 1_000_000;
    const readers = createTokenReaders(() => clock);
    expect(readers.vouched("Bearer hum_a")).toBe(false);
    readers.heard("Bearer hum_a", 200);
    readers.heard("Bearer hum_b", 200, new Date(clock + 5_000).toISOString());
    expect(readers.vouched("Bearer hum_a")).toBe(true);
    clock += 5_000;
    expect(readers.vouched("Bearer hum_b")).toBe(false);
    expect(readers.vouched("Bearer hum_a")).toBe(true);
    clock += TOKEN_TRUST_MS;
    expect(readers.vouched("Bearer hum_a")).toBe(false);
  });

  it("does not trust a token Next.js refused, and forgets every token when told", () => {
    const readers = createTokenReaders(() => 0);
    readers.heard("Bearer hum_a", 200);
    readers.heard("Bearer hum_a", 401);
    expect(readers.vouched("Bearer hum_a")).toBe(false);
    readers.heard("Bearer hum_c", 403);
    expect(readers.vouched("Bearer hum_c")).toBe(false);
    readers.heard("Bearer hum_d", 200);
    readers.forgetAll();
    expect(readers.vouched("Bearer hum_d")).toBe(false);
  });

  it("keeps reads only: a write or an unvouched token is always passed on", () => {
    expect(apiKey("POST", "/api/v1/standards", {})).toBeNull();
    expect(apiKey("GET", "/api/v1/standards", { authorization: "Bearer x" })).toBeNull();
    expect(apiKey("GET", "/api/v1/standards", { authorization: "Bearer x" }, true)).not.toBeNull();
    expect(apiKey("GET", "/api/v1/standards/iotmark/releases/1.0.0", {})?.cacheControl).toContain(
      "immutable",
    );
  });
});
