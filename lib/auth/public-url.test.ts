import { describe, expect, it } from "vitest";
import { onOrigin, publicOriginOf } from "@/lib/auth/public-url";

const headers = (entries: Record<string, string>) => new Headers(entries);
const development = { port: 3000, production: false };
const production = { configured: "https://hum.example.org/", port: 3000, production: true };

describe("publicOriginOf", () => {
  it("is the configured origin whatever the headers say", () => {
    const forged = headers({
      host: "evil.example",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "http",
    });
    expect(publicOriginOf(forged, production)).toBe("https://hum.example.org");
    expect(publicOriginOf(forged, { ...development, configured: "http://localhost:4000" })).toBe(
      "http://localhost:4000",
    );
  });

  it("follows a loopback Host in development", () => {
    expect(publicOriginOf(headers({ host: "127.0.0.1:3100" }), development)).toBe(
      "http://127.0.0.1:3100",
    );
    expect(publicOriginOf(headers({ host: "LOCALHOST:3000" }), development)).toBe(
      "http://localhost:3000",
    );
    expect(publicOriginOf(headers({ host: "[::1]:3000" }), development)).toBe("http://[::1]:3000");
  });

  it.each<Record<string, string>>([
    { host: "evil.example" },
    { host: "localhost.evil.example" },
    { host: "127.0.0.1.evil.example:3000" },
    { host: "localhost:3000/path?" },
    { host: "127.0.0.1:3000", "x-forwarded-host": "evil.example" },
    {},
  ])("falls back to localhost in development for %j", (entries) => {
    const origin = publicOriginOf(headers(entries), development);
    expect(["http://localhost:3000", "http://127.0.0.1:3000"]).toContain(origin);
  });

  it("never follows the request in production, even without a configured origin", () => {
    expect(
      publicOriginOf(headers({ host: "127.0.0.1:3000" }), { ...production, configured: undefined }),
    ).toBe("http://localhost:3000");
  });
});

describe("onOrigin", () => {
  it("keeps the path and query, on the given origin", () => {
    expect(
      onOrigin("http://localhost:3000/api/auth/callback/resend?token=t", "https://hum.example.org"),
    ).toBe("https://hum.example.org/api/auth/callback/resend?token=t");
  });
});
