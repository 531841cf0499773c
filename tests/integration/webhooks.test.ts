import { createHmac, timingSafeEqual } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { recordAudit } from "@/lib/audit/mutations";
import { openCall } from "@/lib/decisions/calls";
import { openThread } from "@/lib/discussion/mutations";
import { createClause } from "@/lib/drafting/mutations";
import { modules, standards } from "@/lib/drafting/schema";
import { outbox } from "@/lib/email/schema";
import { createOutboxSender } from "@/lib/email/sender";
import { setEnv } from "@/lib/env";
import type { Resolver } from "@/lib/http/outbound";
import { declarationSubjectId } from "@/lib/paths";
import { representatives } from "@/lib/registry/schema";
import {
  createWebhookEndpoint,
  fanOutWebhookEvents,
  queueTestEvent,
  sendDueWebhooks,
} from "@/lib/webhooks";
import { authorizeEndpoint, setEndpointEnabled } from "@/lib/webhooks/endpoints";
import {
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
  webhookEvents,
} from "@/lib/webhooks/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson, createSecretary } from "@/tests/people";
import {
  bodyFor,
  insertDeclaration,
  insertOrganisation,
  publishedRegistryStandard,
} from "@/tests/registry-fixtures";
import { startReceiver } from "@/tests/webhook-receiver";

let test: TestDatabase;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let secretary: Awaited<ReturnType<typeof createSecretary>>;
const sender = () => createOutboxSender(test.db, "Hum <hum@localhost>");
const origin = "https://hum.example";

beforeAll(async () => {
  vi.stubEnv("OUTBOUND_ALLOW_LOOPBACK", "true");
  setEnv({});
  test = await createTestDatabase();
  receiver = await startReceiver();
  secretary = await createSecretary(test.db);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  setEnv({});
  await receiver?.close();
  await test?.close();
});

async function newStandard(slug: string) {
  const [row] = await test.db
    .insert(standards)
    .values({ slug, name: `Standard ${slug}` })
    .returning({ id: standards.id });
  return row?.id ?? "";
}

async function endpointFor(standardId: string, path: string) {
  return createWebhookEndpoint(
    test.db,
    secretary.id,
    { standardId },
    { url: `${receiver.origin}${path}`, format: "json" },
  );
}

const question = (title: string) => ({
  kind: "question" as const,
  clauseRef: "",
  revision: null,
  title,
  description: "",
  organisations: "",
});

/** The Standard Webhooks check, written from the specification with node:crypto alone. */
function signedBy(secret: string, headers: Record<string, unknown>, body: string): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const content = `${headers["webhook-id"]}.${headers["webhook-timestamp"]}.${body}`;
  const expected = Buffer.from(createHmac("sha256", key).update(content).digest("base64"));
  return String(headers["webhook-signature"])
    .split(" ")
    .some((part) => {
      const given = Buffer.from(part.replace(/^v1,/, ""));
      return (
        part.startsWith("v1,") &&
        given.length === expected.length &&
        timingSafeEqual(given, expected)
      );
    });
}

const deliveriesOf = (endpointId: string) =>
  test.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));

describe("outgoing webhooks", () => {
  it("send one signed delivery when a call is opened", async () => {
    const standardId = await newStandard("hooks-opened");
    const endpoint = await endpointFor(standardId, "/opened");
    const proposer = await createPerson(test.db);
    const { number } = await openCall(test.db, proposer, standardId, question("Name the lock"));
    expect(await fanOutWebhookEvents(test.db, { origin })).toBeGreaterThanOrEqual(1);
    await sendDueWebhooks(test.db, { sender: sender(), origin });

    const got = receiver.at("/opened");
    expect(got).toHaveLength(1);
    const [request] = got;
    expect(request?.method).toBe("POST");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(signedBy(endpoint.secret, request?.headers ?? {}, request?.body ?? "")).toBe(true);
    expect(signedBy(endpoint.secret, request?.headers ?? {}, `${request?.body} `)).toBe(false);
    const timestamp = Number(request?.headers["webhook-timestamp"]);
    expect(Math.abs(Date.now() / 1000 - timestamp)).toBeLessThan(60);
    const payload = JSON.parse(request?.body ?? "{}");
    expect(payload).toMatchObject({
      type: "call.opened",
      data: {
        standard: { slug: "hooks-opened", name: "Standard hooks-opened" },
        call: { number, title: "Name the lock", kind: "question", phase: "open" },
        url: `${origin}/standards/hooks-opened/calls/${number}`,
      },
    });
    expect(JSON.stringify(payload)).not.toContain("@");
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ state: "delivered", attempts: 1, eventType: "call.opened" });
    expect(request?.headers["webhook-id"]).toBe(delivery?.messageId);
  });

  it("retry a failed delivery with backoff, with the same id, and deliver it once", async () => {
    const standardId = await newStandard("hooks-flaky");
    const endpoint = await endpointFor(standardId, "/flaky");
    receiver.answer("/flaky", [500, 200]);
    await queueTestEvent(test.db, endpoint as never, new Date(), origin);
    const t = new Date();
    await sendDueWebhooks(test.db, { now: t, sender: sender(), origin });
    const [failed] = await deliveriesOf(endpoint.id);
    expect(failed?.state).toBe("pending");
    expect(failed?.nextAttemptAt.getTime()).toBe(t.getTime() + 5_000);
    // Not due yet: nothing is sent.
    await sendDueWebhooks(test.db, {
      now: new Date(t.getTime() + 4_000),
      sender: sender(),
      origin,
    });
    expect(receiver.at("/flaky")).toHaveLength(1);
    await sendDueWebhooks(test.db, {
      now: new Date(t.getTime() + 6_000),
      sender: sender(),
      origin,
    });
    const got = receiver.at("/flaky");
    expect(got).toHaveLength(2);
    expect(got[0]?.headers["webhook-id"]).toBe(got[1]?.headers["webhook-id"]);
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ state: "delivered", attempts: 2 });
    const attempts = await test.db
      .select()
      .from(webhookAttempts)
      .where(eq(webhookAttempts.deliveryId, delivery?.id ?? ""))
      .orderBy(webhookAttempts.id);
    expect(attempts.map((a) => [a.status, a.problem])).toEqual([
      [500, "status"],
      [200, null],
    ]);
    await sendDueWebhooks(test.db, { now: new Date(t.getTime() + 86_400_000), sender: sender() });
    expect(receiver.at("/flaky")).toHaveLength(2);
  });

  it("turn an endpoint off after ten failures in a row, and tell its owner", async () => {
    const standardId = await newStandard("hooks-down");
    const endpoint = await endpointFor(standardId, "/down");
    receiver.answer("/down", [503]);
    for (let i = 0; i < 12; i += 1)
      await queueTestEvent(test.db, endpoint as never, new Date(), origin);
    const report = await sendDueWebhooks(test.db, { sender: sender(), origin, concurrency: 1 });
    expect(report.disabled).toBe(1);
    expect(receiver.at("/down")).toHaveLength(10);
    const [row] = await test.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.id, endpoint.id));
    expect(row).toMatchObject({ enabled: false, disabledReason: "failing", failuresInRow: 10 });
    const mails = await test.db.select().from(outbox).where(eq(outbox.to, secretary.email));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(`[Hum] Webhook disabled: ${receiver.origin}/down`);
    expect(mails[0]?.text).toContain(`${origin}/secretariat/webhooks/hooks-down/${endpoint.id}`);
    // Nothing more is sent to it while it is off.
    await sendDueWebhooks(test.db, { sender: sender(), origin });
    expect(receiver.at("/down")).toHaveLength(10);
  });

  it("send each delivery exactly once when two servers send at the same time", async () => {
    const standardId = await newStandard("hooks-twice");
    const endpoint = await endpointFor(standardId, "/twice");
    for (let i = 0; i < 40; i += 1)
      await queueTestEvent(test.db, endpoint as never, new Date(), origin);
    await Promise.all([
      sendDueWebhooks(test.db, { sender: sender(), origin, concurrency: 4 }),
      sendDueWebhooks(test.db, { sender: sender(), origin, concurrency: 4 }),
    ]);
    const ids = receiver.at("/twice").map((request) => request.headers["webhook-id"]);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
  });

  it("queue nothing for a change that rolled back", async () => {
    const standardId = await newStandard("hooks-rolled");
    await endpointFor(standardId, "/rolled");
    await fanOutWebhookEvents(test.db, { origin });
    await test.db
      .transaction(async (tx) => {
        await recordAudit(tx, {
          actorId: null,
          action: "decisions.call_opened",
          subjectType: "call",
          subjectId: "hooks-rolled/1",
        });
        const [queued] = await tx.select({ n: count() }).from(webhookEvents);
        expect(queued?.n).toBe(1);
        throw new Error("rolled back");
      })
      .catch(() => undefined);
    const [left] = await test.db.select({ n: count() }).from(webhookEvents);
    expect(left?.n).toBe(0);
    expect(await fanOutWebhookEvents(test.db, { origin })).toBe(0);
  });

  it("refuse a URL that is not https, or leads to a private address, when saved and when sent", async () => {
    const standardId = await newStandard("hooks-private");
    const names: Record<string, string> = {
      "inside.example": "10.0.0.7",
      "moved.example": "127.0.0.1",
    };
    const resolve: Resolver = async (host) => [
      { address: names[host] ?? "203.0.113.9", family: 4 },
    ];
    const save = (url: string) =>
      createWebhookEndpoint(
        test.db,
        secretary.id,
        { standardId },
        { url, format: "json" },
        { resolve },
      )
        .then(() => "saved")
        .catch((error: { fieldErrors?: Record<string, string> }) => error.fieldErrors?.url);
    expect(await save("https://inside.example/hook")).toBe("private_address");
    expect(await save("https://10.1.2.3/hook")).toBe("private_address");
    expect(await save("https://169.254.169.254/latest")).toBe("private_address");
    expect(await save("ftp://example.org/")).toBe("webhook_not_https");
    vi.stubEnv("OUTBOUND_ALLOW_LOOPBACK", "false");
    setEnv({});
    try {
      expect(await save("http://example.org/hook")).toBe("webhook_not_https");
      expect(await save(`${receiver.origin}/hook`)).toBe("webhook_not_https");
    } finally {
      vi.stubEnv("OUTBOUND_ALLOW_LOOPBACK", "true");
      setEnv({});
    }
    // A name that resolved to an allowed address when saved, and to a private one at delivery.
    const port = new URL(receiver.origin).port;
    const endpoint = await createWebhookEndpoint(
      test.db,
      secretary.id,
      { standardId },
      { url: `http://moved.example:${port}/moved`, format: "json" },
      { resolve },
    );
    names["moved.example"] = "10.0.0.8";
    await queueTestEvent(test.db, endpoint as never, new Date(), origin);
    await sendDueWebhooks(test.db, { sender: sender(), origin, resolve });
    const [delivery] = await deliveriesOf(endpoint.id);
    const [attempt] = await test.db
      .select()
      .from(webhookAttempts)
      .where(eq(webhookAttempts.deliveryId, delivery?.id ?? ""));
    expect(attempt).toMatchObject({ status: null, problem: "refused_address" });
    expect(receiver.at("/moved")).toHaveLength(0);
  });

  it("give an organisation's endpoint its own organisation's events only", async () => {
    const release = await publishedRegistryStandard(test.db, secretary);
    const rep = await createPerson(test.db);
    const mine = await insertOrganisation(test.db, rep.id, { name: "Mine Ltd" });
    const theirs = await insertOrganisation(test.db, rep.id, { name: "Theirs Ltd" });
    const declare = async (organisationId: string, product: string) =>
      insertDeclaration(test.db, release, {
        organisationId,
        createdBy: rep.id,
        bodies: [bodyFor(release, product, [{ module: "SW", level: "Bronze" }])],
        state: "listed",
        listedAt: new Date(),
      });
    const ours = await declare(mine.id, "Our hub");
    const other = await declare(theirs.id, "Their hub");
    // What setting the standard up told of is sent before these endpoints existed.
    await fanOutWebhookEvents(test.db, { origin });
    const endpoint = await createWebhookEndpoint(
      test.db,
      rep.id,
      { organisationId: mine.id },
      { url: `${receiver.origin}/org`, format: "json" },
    );
    const standardEndpoint = await endpointFor(release.standardId, "/org-standard");
    for (const number of [ours.number, other.number]) {
      await recordAudit(test.db, {
        actorId: rep.id,
        action: "registry.declaration_withdrawn",
        subjectType: "declaration",
        subjectId: declarationSubjectId(number),
      });
    }
    await recordAudit(test.db, {
      actorId: null,
      action: "releases.published",
      subjectType: "release",
      subjectId: `${release.slug}/${release.version}`,
    });
    await fanOutWebhookEvents(test.db, { origin });
    await sendDueWebhooks(test.db, { sender: sender(), origin });
    const got = receiver
      .at("/org/")
      .concat(receiver.at("/org"))
      .filter((r) => r.path === "/org");
    expect(got.map((request) => JSON.parse(request.body))).toEqual([
      {
        type: "declaration.withdrawn",
        timestamp: expect.any(String),
        data: {
          standard: { slug: release.slug, name: expect.any(String) },
          organisation: { slug: mine.slug, name: "Mine Ltd" },
          declaration: { number: ours.number, product: "Our hub", state: "listed" },
          url: `${origin}/registry/${ours.number}`,
        },
      },
    ]);
    const standardTypes = receiver
      .at("/org-standard")
      .map((request) => JSON.parse(request.body).type)
      .sort();
    expect(standardTypes).toEqual([
      "declaration.withdrawn",
      "declaration.withdrawn",
      "release.published",
    ]);
    expect(standardEndpoint.id).not.toBe(endpoint.id);
  });

  it("let only the secretariat manage a standard's endpoints, and only representatives an organisation's", async () => {
    const standardId = await newStandard("hooks-authz");
    const endpoint = await endpointFor(standardId, "/authz");
    const stranger = await createPerson(test.db);
    const refusal = (promise: Promise<unknown>) =>
      promise.then(() => "allowed").catch((error: { code?: string }) => error.code);
    expect(
      await refusal(authorizeEndpoint(test.db, stranger, endpoint.id, "webhooks.manage")),
    ).toBe("forbidden");
    const managed = await authorizeEndpoint(test.db, secretary, endpoint.id, "webhooks.manage");
    await setEndpointEnabled(test.db, managed, false);
    const rep = await createPerson(test.db);
    const organisation = await insertOrganisation(test.db, rep.id, { name: "Authz Ltd" });
    await test.db.insert(representatives).values({
      organisationId: organisation.id,
      userId: rep.id,
      startsAt: new Date(Date.now() - 1000),
    });
    const ours = await createWebhookEndpoint(
      test.db,
      rep.id,
      { organisationId: organisation.id },
      { url: `${receiver.origin}/authz-org`, format: "json" },
    );
    expect(await refusal(authorizeEndpoint(test.db, secretary, ours.id, "webhooks.manage"))).toBe(
      "forbidden",
    );
    expect(await refusal(authorizeEndpoint(test.db, rep, ours.id, "webhooks.manage"))).toBe(
      "allowed",
    );
  });

  it("tell of a thread opened on a clause, without its words", async () => {
    const standardId = await newStandard("hooks-thread");
    await test.db.insert(modules).values({ standardId, code: "SW", name: "Software", position: 1 });
    const endpoint = await endpointFor(standardId, "/thread");
    const author = await createPerson(test.db);
    const { clauseId, ref } = await createClause(test.db, author, {
      standardSlug: "hooks-thread",
      title: "Signed updates",
      moduleCode: "SW",
      level: "",
      strength: "MUST",
    });
    const { threadId } = await openThread(test.db, author, clauseId, {
      kind: "objection",
      title: "Secret words in the title",
      quote: "",
      body: "Words a moderator may hide later",
    });
    await fanOutWebhookEvents(test.db, { origin });
    await sendDueWebhooks(test.db, { sender: sender(), origin });
    const bodies = receiver.at("/thread").map((request) => request.body);
    expect(bodies).toHaveLength(1);
    expect(JSON.parse(bodies[0] ?? "{}")).toMatchObject({
      type: "thread.opened",
      data: {
        thread: { kind: "objection", clause: ref, call: null },
        url: `${origin}/standards/hooks-thread/draft/${ref}#thread-${threadId}`,
      },
    });
    expect(bodies[0]).not.toContain("Secret words");
    expect(bodies[0]).not.toContain("moderator");
    expect(endpoint.id).toBeTruthy();
  });
});
