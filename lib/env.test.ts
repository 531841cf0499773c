import { afterEach, describe, expect, it, vi } from "vitest";
import { publicUrl, setEnv } from "@/lib/env";

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
