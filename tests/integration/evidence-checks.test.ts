import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { standards } from "@/lib/drafting/schema";
import { setEnv } from "@/lib/env";
import { renderMessage } from "@/lib/i18n";
import { notifications } from "@/lib/notifications/schema";
import { declarationPath } from "@/lib/paths";
import { checkDueEvidence } from "@/lib/registry/evidence-checks";
import type { DeclarationBody } from "@/lib/registry/rules";
import {
  declarationEvidence,
  declarations,
  evidenceLinks,
  organisations,
  representatives,
} from "@/lib/registry/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

let test: TestDatabase;
const published = new Date("2026-11-01T10:00:00Z");
const now = new Date("2026-11-02T10:00:00Z");
const DAY = 24 * 60 * 60 * 1000;

/** How often the evidence server was asked for each path. */
const hits = new Map<string, number>();
const server = http.createServer((request, response) => {
  const path = request.url ?? "/";
  hits.set(path, (hits.get(path) ?? 0) + 1);
  if (path.endsWith("/ok"))
    response.writeHead(200, { "content-type": "text/html" }).end("<p>ok</p>");
  else if (path.endsWith("/old"))
    response.writeHead(301, { location: path.replace(/old$/, "new") }).end();
  else if (path.endsWith("/new")) response.writeHead(200).end("moved here");
  else response.writeHead(404).end("gone");
});
let port = 0;
const url = (path: string) => `http://127.0.0.1:${port}${path}`;
const hitsUnder = (prefix: string) =>
  [...hits].filter(([path]) => path.startsWith(prefix)).reduce((sum, [, n]) => sum + n, 0);

beforeAll(async () => {
  test = await createTestDatabase();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  port = (server.address() as AddressInfo).port;
  vi.stubEnv("OUTBOUND_ALLOW_LOOPBACK", "true");
  setEnv({});
});
afterAll(async () => {
  vi.unstubAllEnvs();
  setEnv({});
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  await test?.close();
});

let counter = 0;

async function organisation() {
  counter += 1;
  const founder = await createPerson(test.db);
  const [row] = await test.db
    .insert(organisations)
    .values({
      slug: `evidence-org-${counter}`,
      name: `Evidence organisation ${counter}`,
      country: "DE",
      website: "https://example.org",
      contact: "hello@example.org",
      verificationToken: `token-${counter}`,
      createdBy: founder.id,
    })
    .returning();
  if (!row) throw new Error("insert failed");
  await test.db.insert(representatives).values({
    organisationId: row.id,
    userId: founder.id,
    startsAt: new Date("2026-01-01T00:00:00Z"),
  });
  return { organisation: row, founder };
}

async function addRepresentative(organisationId: string, endsAt: Date | null = null) {
  const person = await createPerson(test.db);
  await test.db.insert(representatives).values({
    organisationId,
    userId: person.id,
    startsAt: new Date("2026-01-01T00:00:00Z"),
    endsAt,
  });
  return person;
}

/** A declaration as the publish code leaves it: its evidence rows and their links, unchecked. */
async function declaration(
  organisationId: string,
  createdBy: string,
  state: "listed" | "draft",
  evidence: { ref: string; url: string }[],
) {
  const [standard] = await test.db
    .insert(standards)
    .values({ slug: `evidence-standard-${counter}-${state}`, name: "Evidence standard" })
    .returning({ id: standards.id });
  if (!standard) throw new Error("insert failed");
  const body: DeclarationBody = {
    standard: "evidence-standard",
    release: { version: "1.0.0", digest: "0".repeat(64) },
    product: {
      name: "Doorbell One",
      model: "v2",
      url: "https://example.org/doorbell",
      category: "home",
    },
    claims: [{ module: "SW", level: "Silver" }],
    answers: evidence.map(({ ref, url }) => ({
      ref,
      answer: "met",
      justification: "Documented.",
      evidence: [url],
    })),
  };
  const [row] = await test.db
    .insert(declarations)
    .values({
      organisationId,
      standardId: standard.id,
      state,
      stateChangedAt: published,
      working: body,
      productName: state === "listed" ? "Doorbell One" : null,
      claims: body.claims,
      latestVersion: state === "listed" ? 1 : 0,
      listedAt: state === "listed" ? published : null,
      createdBy,
      createdAt: published,
      updatedAt: published,
    })
    .returning();
  if (!row) throw new Error("insert failed");
  for (const item of evidence) {
    await test.db.insert(declarationEvidence).values({ declarationId: row.id, ...item });
    await test.db
      .insert(evidenceLinks)
      .values({
        url: item.url,
        host: new URL(item.url).hostname,
        changedAt: published,
        nextCheckAt: published,
      })
      .onConflictDoNothing();
  }
  return row;
}

const linksOf = (urls: string[]) =>
  test.db.select().from(evidenceLinks).where(inArray(evidenceLinks.url, urls));

describe("checking evidence", () => {
  it("records broken, working and moved links, and tells the representatives once", async () => {
    const { organisation: org, founder } = await organisation();
    const second = await addRepresentative(org.id);
    const former = await addRepresentative(org.id, new Date("2026-06-01T00:00:00Z"));
    const listed = await declaration(org.id, founder.id, "listed", [
      { ref: "SW-1", url: url("/a/gone") },
      { ref: "SW-2", url: url("/a/ok") },
      { ref: "SW-3", url: url("/a/old") },
    ]);

    const report = await checkDueEvidence(test.db, now, { gapMs: 0, random: () => 0.5 });
    expect(report).toEqual({ checked: 3, broken: 1 });
    const byUrl = new Map(
      (await linksOf([url("/a/gone"), url("/a/ok"), url("/a/old")])).map((l) => [l.url, l]),
    );
    const next = new Date(now.getTime() + 6.5 * DAY);
    expect(byUrl.get(url("/a/gone"))).toMatchObject({
      state: "broken",
      status: 404,
      finalUrl: url("/a/gone"),
      problem: null,
      checkedAt: now,
      changedAt: now,
      nextCheckAt: next,
    });
    expect(byUrl.get(url("/a/ok"))).toMatchObject({
      state: "ok",
      status: 200,
      finalUrl: url("/a/ok"),
      checkedAt: now,
    });
    expect(byUrl.get(url("/a/old"))).toMatchObject({
      state: "moved",
      status: 200,
      finalUrl: url("/a/new"),
      checkedAt: now,
    });

    const told = await test.db
      .select()
      .from(notifications)
      .where(eq(notifications.kind, "evidence_broken"));
    const people = told.map((row) => row.userId);
    expect(people).toHaveLength(2);
    expect(people).toContain(founder.id);
    expect(people).toContain(second.id);
    expect(people).not.toContain(former.id);
    const [one] = told;
    expect(one?.path).toBe(declarationPath(listed.number));
    expect(one?.message?.excerpt && renderMessage(one.message.excerpt, "en")).toContain(
      url("/a/gone"),
    );
    expect(one?.message?.subject && renderMessage(one.message.subject, "en")).toContain(
      "Doorbell One",
    );

    // A week on, still broken: checked again, nothing new to tell, and the change time stays.
    const later = new Date(now.getTime() + 7 * DAY);
    await checkDueEvidence(test.db, later, { gapMs: 0 });
    const [again] = await linksOf([url("/a/gone")]);
    expect(again).toMatchObject({ state: "broken", checkedAt: later, changedAt: now });
    expect(hits.get("/a/gone")).toBe(2);
    expect(
      await test.db.select().from(notifications).where(eq(notifications.kind, "evidence_broken")),
    ).toHaveLength(2);
  });

  it("leaves the links of a draft declaration alone", async () => {
    const { organisation: org, founder } = await organisation();
    await declaration(org.id, founder.id, "draft", [{ ref: "SW-1", url: url("/draft/gone") }]);
    await checkDueEvidence(test.db, now, { gapMs: 0 });
    expect(hitsUnder("/draft/")).toBe(0);
    const [link] = await linksOf([url("/draft/gone")]);
    expect(link).toMatchObject({ state: "unchecked", checkedAt: null });
  });

  it("checks each link exactly once when two runs go at once", async () => {
    const { organisation: org, founder } = await organisation();
    const evidence = Array.from({ length: 8 }, (_, index) => ({
      ref: `SW-${index + 1}`,
      url: url(`/twice/${index}/ok`),
    }));
    await declaration(org.id, founder.id, "listed", evidence);
    const [first, second] = await Promise.all([
      checkDueEvidence(test.db, now, { gapMs: 0 }),
      checkDueEvidence(test.db, now, { gapMs: 0 }),
    ]);
    expect((first?.checked ?? 0) + (second?.checked ?? 0)).toBe(8);
    for (const { url: link } of evidence) expect(hits.get(new URL(link).pathname)).toBe(1);
  });

  it("fetches nothing when nothing is due", async () => {
    const before = [...hits.values()].reduce((sum, n) => sum + n, 0);
    const early = new Date(published.getTime() - DAY);
    expect(await checkDueEvidence(test.db, early, { gapMs: 0 })).toEqual({ checked: 0, broken: 0 });
    expect([...hits.values()].reduce((sum, n) => sum + n, 0)).toBe(before);
  });
});
