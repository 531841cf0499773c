import { describe, expect, it } from "vitest";
import { publicUrlOf } from "@/lib/auth/public-url";

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("publicUrlOf", () => {
  it("uses the Host header the browser sent", () => {
    expect(
      publicUrlOf(
        "http://localhost:3100/api/auth/callback/resend?token=t",
        headers({ host: "127.0.0.1:3100" }),
      ),
    ).toBe("http://127.0.0.1:3100/api/auth/callback/resend?token=t");
  });

  it("prefers a proxy's forwarded host and protocol", () => {
    expect(
      publicUrlOf(
        "http://localhost:3000/api/auth/session",
        headers({
          host: "10.0.0.5:3000",
          "x-forwarded-host": "hum.example.org",
          "x-forwarded-proto": "https",
        }),
      ),
    ).toBe("https://hum.example.org/api/auth/session");
  });

  it("ignores malformed hosts and protocols", () => {
    expect(
      publicUrlOf(
        "http://localhost:3000/x",
        headers({ host: "evil.example/path?", "x-forwarded-proto": "javascript" }),
      ),
    ).toBe("http://localhost:3000/x");
  });

  it("keeps the URL when no host is given", () => {
    expect(publicUrlOf("http://localhost:3000/x", headers({}))).toBe("http://localhost:3000/x");
  });

  it("uses the configured public URL over any header", () => {
    expect(
      publicUrlOf(
        "http://localhost:3000/api/auth/callback/resend?token=t",
        headers({ host: "evil.example", "x-forwarded-host": "evil.example" }),
        "https://hum.example.org/",
      ),
    ).toBe("https://hum.example.org/api/auth/callback/resend?token=t");
  });
});
