import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EnvError, setEnv } from "@/lib/env";
import { deliveryContext } from "@/lib/notifications";

// setEnv({}) forgets the environment read so far, so each test reads the one it stubs.
beforeEach(() => {
  // Never connected to: the pool only opens a connection on a first query.
  vi.stubEnv("DATABASE_URL", "postgres://hum@127.0.0.1:1/hum");
  vi.stubEnv("AUTH_SECRET", "");
  setEnv({});
});

afterEach(() => {
  vi.unstubAllEnvs();
  setEnv({});
});

describe("deliveryContext", () => {
  it("refuses to sign email links without AUTH_SECRET, in one clear line", () => {
    expect(() => deliveryContext()).toThrow(EnvError);
    expect(() => deliveryContext()).toThrow(/^AUTH_SECRET is not set: [^\n]+$/);
  });

  it("signs with AUTH_SECRET when it is set", () => {
    vi.stubEnv("AUTH_SECRET", "delivery-test-secret-0123456789");
    setEnv({});
    expect(deliveryContext().secret).toBe("delivery-test-secret-0123456789");
  });
});
