import { afterEach, describe, expect, it, vi } from "vitest";
import { assertPublicUrlConfigured, publicUrl, setEnv } from "@/lib/env";

/** The public origin with these settings; "" leaves a setting unset. */
function originWith(values: Record<string, string>): string {
  for (const [name, value] of Object.entries(values)) vi.stubEnv(name, value);
  setEnv({});
  return publicUrl();
}

afterEach(() => {
  vi.unstubAllEnvs();
  setEnv({});
});

describe("the one public origin", () => {
  it("is AUTH_URL when it is set, whatever the server listens on", () => {
    expect(
      originWith({ AUTH_URL: "https://hum.example.org/", HOSTNAME: "0.0.0.0", PORT: "8080" }),
    ).toBe("https://hum.example.org");
  });

  it("is the loopback name the development server listens on, so emails name the site's address", () => {
    expect(originWith({ AUTH_URL: "", HOSTNAME: "127.0.0.1", PORT: "3100" })).toBe(
      "http://127.0.0.1:3100",
    );
    expect(originWith({ AUTH_URL: "", HOSTNAME: "localhost", PORT: "3000" })).toBe(
      "http://localhost:3000",
    );
  });

  it("is localhost when the development server listens on every interface", () => {
    expect(originWith({ AUTH_URL: "", HOSTNAME: "0.0.0.0", PORT: "3000" })).toBe(
      "http://localhost:3000",
    );
  });
});

describe("letting outbound requests reach this machine", () => {
  it("is off unless set, and on when set outside production", () => {
    vi.stubEnv("OUTBOUND_ALLOW_LOOPBACK", "");
    expect(setEnv({}).OUTBOUND_ALLOW_LOOPBACK).toBe(false);
    vi.stubEnv("NODE_ENV", "test");
    vi.stubEnv("OUTBOUND_ALLOW_LOOPBACK", "true");
    expect(setEnv({}).OUTBOUND_ALLOW_LOOPBACK).toBe(true);
  });

  it("is refused in production, with one clear line", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("AUTH_URL", "https://hum.example.org");
    vi.stubEnv("OUTBOUND_ALLOW_LOOPBACK", "true");
    expect(() => setEnv({})).toThrow(/OUTBOUND_ALLOW_LOOPBACK: must not be true in production/);
    vi.stubEnv("OUTBOUND_ALLOW_LOOPBACK", "false");
    expect(setEnv({}).OUTBOUND_ALLOW_LOOPBACK).toBe(false);
  });

  it("is allowed in a production build that serves only this machine, as the end-to-end tests run", () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("AUTH_URL", "http://127.0.0.1:3100");
    vi.stubEnv("OUTBOUND_ALLOW_LOOPBACK", "true");
    expect(setEnv({}).OUTBOUND_ALLOW_LOOPBACK).toBe(true);
  });

  it("refuses a value that is not a boolean", () => {
    vi.stubEnv("OUTBOUND_ALLOW_LOOPBACK", "sometimes");
    expect(() => setEnv({})).toThrow(/OUTBOUND_ALLOW_LOOPBACK/);
  });
});

describe("npm start", () => {
  it("refuses to let outbound requests reach this machine when it serves the public", () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("AUTH_URL", "https://hum.example.org");
    vi.stubEnv("OUTBOUND_ALLOW_LOOPBACK", "true");
    setEnv({});
    expect(() => assertPublicUrlConfigured()).toThrow(/OUTBOUND_ALLOW_LOOPBACK: must not be true/);
    vi.stubEnv("AUTH_URL", "http://127.0.0.1:3100");
    setEnv({});
    expect(() => assertPublicUrlConfigured()).not.toThrow();
  });
});
