import http from "node:http";
import type { AddressInfo } from "node:net";
import { Auth, skipCSRFCheck } from "@auth/core";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import { answerAuthRequest, authActionAt } from "@/lib/auth/auth-action";
import { createAuthConfig } from "@/lib/auth/config";
import { reserveMagicLink } from "@/lib/auth/mutations";
import { clientIpFrom, LINKS_PER_ADDRESS_PER_HOUR, LINKS_PER_IP_PER_HOUR } from "@/lib/auth/rules";
import { sessions, users, verificationTokens } from "@/lib/auth/schema";
import { outbox } from "@/lib/email/schema";
import { createOutboxSender } from "@/lib/email/sender";
import { publicUrl, setEnv } from "@/lib/env";
import { createFront, type Front } from "@/lib/http/front";
import { welcomePath } from "@/lib/paths";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { outcomeOf } from "@/tests/outcome";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test?.close());

const BASE = "http://localhost:3000";

/** The real Auth.js, configured exactly as the app is, against this file's database. */
const appConfig = () =>
  createAuthConfig({
    db: test.db,
    email: createOutboxSender(test.db, "Hum <hum@localhost>"),
    secret: "test-secret-that-is-long-enough-for-auth-js",
  });

function authjs(request: Request) {
  return Auth(request, { ...appConfig(), skipCSRFCheck });
}

async function askForLink(email: string) {
  return authjs(
    new Request(`${BASE}/api/auth/signin/resend`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email, callbackUrl: `${BASE}/welcome` }),
    }),
  );
}

async function latestLinkTo(email: string): Promise<string> {
  const [message] = await test.db
    .select()
    .from(outbox)
    .where(eq(outbox.to, email))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  const link = message?.text.match(/https?:\/\/\S+/)?.[0];
  if (!link) throw new Error(`no sign-in link was sent to ${email}`);
  return link;
}

const openLink = (link: string) => authjs(new Request(link));

const sessionsOf = (userId: string | undefined) =>
  test.db
    .select()
    .from(sessions)
    .where(eq(sessions.userId, userId ?? ""));

describe("magic links", () => {
  it("sign a person in once, and only once", async () => {
    const response = await askForLink("Ann@Example.org");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("/api/auth/verify-request");

    const link = await latestLinkTo("ann@example.org");
    const first = await openLink(link);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(`${BASE}/welcome`);
    expect(first.headers.get("set-cookie")).toMatch(/authjs\.session-token=/);

    const [ann] = await test.db.select().from(users).where(eq(users.email, "ann@example.org"));
    expect(ann).toBeDefined();
    expect(await sessionsOf(ann?.id)).toHaveLength(1);

    const second = await openLink(link);
    expect(second.headers.get("location")).toContain("/sign-in/error?error=Verification");
    expect(await sessionsOf(ann?.id)).toHaveLength(1);
  });

  it("live ten minutes", async () => {
    const before = Date.now();
    await askForLink("bea@example.org");
    const [token] = await test.db
      .select()
      .from(verificationTokens)
      .where(eq(verificationTokens.identifier, "bea@example.org"));
    const lifetime = (token?.expires.getTime() ?? 0) - before;
    expect(lifetime).toBeGreaterThan(9.9 * 60 * 1000);
    expect(lifetime).toBeLessThanOrEqual(10 * 60 * 1000 + 5000);

    // Eleven minutes later the same link no longer works.
    await test.db
      .update(verificationTokens)
      .set({ expires: new Date(Date.now() - 60 * 1000) })
      .where(eq(verificationTokens.identifier, "bea@example.org"));
    const late = await openLink(await latestLinkTo("bea@example.org"));
    expect(late.headers.get("location")).toContain("/sign-in/error?error=Verification");
    expect(
      await test.db.select().from(users).where(eq(users.email, "bea@example.org")),
    ).toHaveLength(0);
  });

  it.each(["cat@example.org, dan@example.org", "Cat <cat@example.org>", "<img src=x>@example.org"])(
    "are never sent to %j, even when our form is bypassed",
    async (address) => {
      const before = await test.db.select().from(outbox);
      const response = await askForLink(address);
      expect(response.headers.get("location")).toContain("/sign-in/error");
      expect(await test.db.select().from(outbox)).toHaveLength(before.length);
    },
  );

  it("record the sign-in in the public log, without the address", async () => {
    await askForLink("eve@example.org");
    await openLink(await latestLinkTo("eve@example.org"));
    const [eve] = await test.db.select().from(users).where(eq(users.email, "eve@example.org"));
    const rows = await test.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.actorId, eve?.id ?? ""));
    expect(rows.map((row) => row.action).sort()).toEqual(["auth.signed_in", "community.joined"]);
    expect(rows.find((row) => row.action === "auth.signed_in")?.details).toEqual({
      method: "resend",
    });
    expect(JSON.stringify(rows)).not.toContain("eve@example.org");
  });
});

describe("sign-in methods", () => {
  const providerIds = (github?: { clientId: string; clientSecret: string }) =>
    createAuthConfig({
      db: test.db,
      email: createOutboxSender(test.db, "hum@localhost"),
      secret: "s",
      github,
    }).providers.map((provider) => (typeof provider === "function" ? provider().id : provider.id));

  it("offer GitHub only when its client id and secret are configured", () => {
    expect(providerIds()).toEqual(["resend"]);
    expect(providerIds({ clientId: "id", clientSecret: "secret" })).toEqual(["resend", "github"]);
  });
});

describe("magic link limits", () => {
  const now = new Date("2026-11-24T12:00:00Z");
  const minutes = (n: number) => new Date(now.getTime() + n * 60 * 1000);

  it("allow five links per address per hour, then refuse until the hour has passed", async () => {
    const request = (at: Date) =>
      outcomeOf(
        reserveMagicLink(test.db, { email: "fay@example.org", ip: "203.0.113.1", now: at }),
      );
    for (let i = 0; i < LINKS_PER_ADDRESS_PER_HOUR; i++)
      expect(await request(minutes(i))).toBe("ok");
    expect(await request(minutes(10))).toBe("rate_limited_email");
    expect(await request(minutes(59))).toBe("rate_limited_email");
    // The first link leaves the window after an hour; one more may go.
    expect(await request(minutes(60.5))).toBe("ok");
    expect(await request(minutes(60.6))).toBe("rate_limited_email");
  });

  it("allow twenty links per IP per hour, whatever the addresses", async () => {
    const ip = "198.51.100.9";
    for (let i = 0; i < LINKS_PER_IP_PER_HOUR; i++) {
      expect(
        await outcomeOf(
          reserveMagicLink(test.db, { email: `p${i}@example.org`, ip, now: minutes(i) }),
        ),
      ).toBe("ok");
    }
    expect(
      await outcomeOf(
        reserveMagicLink(test.db, { email: "new@example.org", ip, now: minutes(30) }),
      ),
    ).toBe("rate_limited_ip");
    expect(
      await outcomeOf(
        reserveMagicLink(test.db, {
          email: "new@example.org",
          ip: "198.51.100.10",
          now: minutes(30),
        }),
      ),
    ).toBe("ok");
  });

  it("hold under concurrent requests", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        outcomeOf(reserveMagicLink(test.db, { email: "gus@example.org", ip: "192.0.2.50", now })),
      ),
    );
    expect(results.filter((result) => result === "ok")).toHaveLength(LINKS_PER_ADDRESS_PER_HOUR);
  });

  it("write refusals to the public log without the address", async () => {
    const refusals = await test.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "auth.sign_in_refused"));
    expect(refusals.length).toBeGreaterThan(0);
    expect(JSON.stringify(refusals)).not.toMatch(/@example\.org/);
  });
});

describe("sign-in links", () => {
  /** What the sign-in form's server action does: Auth.js on the site's one public origin. */
  async function signInOn(origin: string, email: string, callbackUrl: string) {
    await authActionAt(appConfig(), origin, "signin/resend", { email, callbackUrl });
    return latestLinkTo(email);
  }

  it("point at the site's one public origin, the one notification emails use too", async () => {
    vi.stubEnv("AUTH_URL", "https://hum.example.org");
    setEnv({});
    try {
      const link = await signInOn(publicUrl(), "hal@example.org", welcomePath());
      expect(link).toMatch(/^https:\/\/hum\.example\.org\/api\/auth\/callback\/resend\?/);
    } finally {
      vi.unstubAllEnvs();
      setEnv({});
    }
  });

  it("bring the person back, through the welcome page, to the page that sent them to sign in", async () => {
    const link = await signInOn(
      BASE,
      "ian@example.org",
      welcomePath("/standards/iotmark/draft/SW-1?x=1"),
    );
    const landed = await openLink(link);
    expect(landed.headers.get("location")).toBe(
      `${BASE}/welcome?next=%2Fstandards%2Fiotmark%2Fdraft%2FSW-1%3Fx%3D1`,
    );
  });

  it.each([
    "https://evil.example/standards",
    "//evil.example/standards",
    "/\\evil.example/standards",
    `${BASE}/welcome?next=//evil.example`,
    `${BASE}/welcome?next=https://evil.example`,
    "javascript:alert(1)",
  ])("never lead off the site, whatever the callback address says: %s", async (callbackUrl) => {
    const email = `jon-${callbackUrl.length}@example.org`;
    const landed = await openLink(await signInOn(BASE, email, callbackUrl));
    expect(landed.headers.get("location")).toBe(`${BASE}/welcome`);
  });
});

describe("the Auth.js routes", () => {
  it.each([
    "/api/auth/callback/resend?callbackUrl=javascript:x",
    "/api/auth/callback/resend?callbackUrl=javascript:x&token=t&email=a%40example.org",
    "/api/auth/signin?callbackUrl=javascript:alert(1)",
    "/api/auth/callback/resend?callbackUrl=%00",
  ])("answer %s with a client error or a redirect home, never a 500", async (path) => {
    const response = await answerAuthRequest(new Request(`${BASE}${path}`), appConfig());
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get("location") ?? "").not.toMatch(/^javascript:/i);
  });

  it("a callback-url cookie that is not an http(s) address is refused with a 400", async () => {
    const response = await answerAuthRequest(
      new Request(`${BASE}/api/auth/callback/resend?token=t&email=a%40example.org`, {
        headers: { cookie: "authjs.callback-url=javascript%3Ax" },
      }),
      appConfig(),
    );
    expect(response.status).toBe(400);
  });
});

describe("the session endpoint", () => {
  it("gives JavaScript the person's id and name, never the session token or the address", async () => {
    await askForLink("kim@example.org");
    const signedIn = await openLink(await latestLinkTo("kim@example.org"));
    const token = signedIn.headers.get("set-cookie")?.match(/authjs\.session-token=([^;]+)/)?.[1];
    expect(token).toBeDefined();
    const [kim] = await test.db.select().from(users).where(eq(users.email, "kim@example.org"));
    await test.db
      .update(users)
      .set({ name: "Kim Park" })
      .where(eq(users.id, kim?.id ?? ""));

    const response = await authjs(
      new Request(`${BASE}/api/auth/session`, {
        headers: { cookie: `authjs.session-token=${token}` },
      }),
    );
    const body = await response.json();
    expect(body).toEqual({
      user: { id: kim?.id, name: "Kim Park" },
      expires: expect.any(String),
    });
    const text = JSON.stringify(body);
    expect(text).not.toContain(token ?? "no token");
    expect(text).not.toContain("kim@example.org");
  });
});

describe("magic link limits behind the front", () => {
  const now = new Date("2026-12-01T12:00:00Z");

  /** Stands in for the sign-in action: the address it sees, then the limits. */
  const app = http.createServer((request, response) => {
    const ip = clientIpFrom(String(request.headers["x-forwarded-for"] ?? ""), 0);
    const email = new URL(request.url ?? "/", "http://x").searchParams.get("email") ?? "";
    outcomeOf(reserveMagicLink(test.db, { email, ip, now })).then(
      (outcome) => response.end(outcome),
      (error: Error) => response.writeHead(500).end(error.message),
    );
  });
  let front: Front;
  let base = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    front = createFront({ host: "127.0.0.1", port: (app.address() as AddressInfo).port });
    await new Promise<void>((resolve) => front.server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(front.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    front.server.closeAllConnections();
    await new Promise((resolve) => front.server.close(resolve));
    await new Promise((resolve) => app.close(resolve));
  });

  const ask = async (email: string, forwardedFor: string) =>
    (
      await fetch(`${base}/sign-in/ask?email=${encodeURIComponent(email)}`, {
        headers: { "x-forwarded-for": forwardedFor },
      })
    ).text();

  it("count one socket once, whatever X-Forwarded-For it forges", async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < LINKS_PER_IP_PER_HOUR + 5; i++) {
      outcomes.push(await ask(`forger${i}@example.org`, `203.0.113.${i + 1}`));
    }
    expect(outcomes.slice(0, LINKS_PER_IP_PER_HOUR).every((o) => o === "ok")).toBe(true);
    expect(outcomes.slice(LINKS_PER_IP_PER_HOUR)).toEqual(Array(5).fill("rate_limited_ip"));
  });

  it("count victim+N@ as victim@", async () => {
    const outcomes: string[] = [];
    for (let i = 0; i <= LINKS_PER_ADDRESS_PER_HOUR; i++) {
      outcomes.push(
        await outcomeOf(
          reserveMagicLink(test.db, {
            email: i === 0 ? "victim@example.org" : `victim+${i}@example.org`,
            ip: `192.0.2.${100 + i}`,
            now,
          }),
        ),
      );
    }
    expect(outcomes).toEqual([
      ...Array(LINKS_PER_ADDRESS_PER_HOUR).fill("ok"),
      "rate_limited_email",
    ]);
  });
});
