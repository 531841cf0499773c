import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaders } from "@/lib/http/content-security";

const base = {
  nonce: "bm9uY2U=",
  origin: "https://hum.example.org",
  collabPort: 1234,
  development: false,
  github: false,
};

const directive = (policy: string, name: string) =>
  policy.split("; ").find((entry) => entry.startsWith(`${name} `)) ?? "";

describe("contentSecurityPolicy", () => {
  it("lets only the nonce's scripts run, and what they load", () => {
    const policy = contentSecurityPolicy(base);
    expect(directive(policy, "script-src")).toBe(
      "script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic'",
    );
    expect(directive(policy, "object-src")).toBe("object-src 'none'");
    expect(directive(policy, "base-uri")).toBe("base-uri 'self'");
  });

  it("refuses to be framed", () => {
    expect(directive(contentSecurityPolicy(base), "frame-ancestors")).toBe(
      "frame-ancestors 'none'",
    );
  });

  it("allows the collab server the editor connects to", () => {
    expect(directive(contentSecurityPolicy(base), "connect-src")).toBe(
      "connect-src 'self' wss://hum.example.org:1234",
    );
    expect(
      directive(
        contentSecurityPolicy({ ...base, origin: "http://127.0.0.1:3100", collabPort: 3101 }),
        "connect-src",
      ),
    ).toBe("connect-src 'self' ws://127.0.0.1:3101");
    expect(
      directive(
        contentSecurityPolicy({ ...base, collabPublicUrl: "wss://collab.example.org/ws" }),
        "connect-src",
      ),
    ).toBe("connect-src 'self' wss://collab.example.org");
  });

  it("allows eval only in development, and GitHub's form redirect only when configured", () => {
    expect(contentSecurityPolicy(base)).not.toContain("unsafe-eval");
    expect(
      directive(contentSecurityPolicy({ ...base, development: true }), "script-src"),
    ).toContain("'unsafe-eval'");
    expect(directive(contentSecurityPolicy({ ...base, github: true }), "form-action")).toBe(
      "form-action 'self' https://github.com",
    );
  });
});

describe("securityHeaders", () => {
  it("adds nosniff, a referrer policy and no framing", () => {
    const headers = securityHeaders(base);
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["X-Frame-Options"]).toBe("DENY");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("asks for HTTPS only from a production site served on HTTPS", () => {
    expect(securityHeaders(base)["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(
      securityHeaders({ ...base, origin: "http://127.0.0.1:3100" })["Strict-Transport-Security"],
    ).toBeUndefined();
    expect(
      securityHeaders({ ...base, development: true })["Strict-Transport-Security"],
    ).toBeUndefined();
  });
});
