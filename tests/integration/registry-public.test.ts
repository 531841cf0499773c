import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as badgeRoute } from "@/app/registry/[number]/badge.svg/route";
import { GET as jsonRoute } from "@/app/registry/[number]/json/route";
import { lastAnnounced } from "@/lib/freshness/feed";
import { declarationJson } from "@/lib/registry/public-json";
import { escapeLike, REGISTRY_PAGE_SIZE, searchRegistry } from "@/lib/registry/queries";
import { declarationVersionPair, publicDeclaration } from "@/lib/registry/queries-declaration";
import { declarationDigest } from "@/lib/registry/rules";
import { declarations, evidenceLinks } from "@/lib/registry/schema";
import { diffDeclarationBodies } from "@/lib/registry/version-diff";
import { canonicalJson } from "@/lib/releases/content";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createSecretary } from "@/tests/people";
import {
  answersFor,
  bodyFor,
  insertDeclaration,
  insertOrganisation,
  publishedRegistryStandard,
  type TestRelease,
} from "@/tests/registry-fixtures";

let test: TestDatabase;
let release: TestRelease;
const base = new Date("2026-06-01T10:00:00Z");
const minutes = (n: number) => new Date(base.getTime() + n * 60_000);
let numbers: {
  acme: Set<number>;
  blue: Set<number>;
  draft: number;
  lapsed: number;
  withdrawn: number;
  versioned: number;
  listed: number[];
};

beforeAll(async () => {
  test = await createTestDatabase();
  // Route handlers read the process's database.
  (globalThis as { humDatabase?: unknown }).humDatabase = { db: test.db };
  const secretary = await createSecretary(test.db);
  release = await publishedRegistryStandard(test.db, secretary);
  const acme = await insertOrganisation(test.db, secretary.id, {
    name: "Acme Devices",
    country: "FR",
    verifiedDomain: "acme.example",
  });
  const blue = await insertOrganisation(test.db, secretary.id, {
    name: "Blue_Widget 100%",
    country: "DE",
  });
  numbers = {
    acme: new Set(),
    blue: new Set(),
    draft: 0,
    lapsed: 0,
    withdrawn: 0,
    versioned: 0,
    listed: [],
  };
  for (let i = 0; i < 30; i++) {
    const claims =
      i % 3 === 0
        ? [
            { module: "SW", level: "Silver" },
            { module: "HW", level: "Bronze" },
          ]
        : i % 3 === 1
          ? [{ module: "SW", level: "Bronze" }]
          : [{ module: "HW", level: "Silver" }];
    const organisation = i % 2 === 0 ? acme : blue;
    const row = await insertDeclaration(test.db, release, {
      organisationId: organisation.id,
      createdBy: secretary.id,
      bodies: [bodyFor(release, `Cam ${i}`, claims)],
      // Two share a minute: the number orders them.
      listedAt: minutes(i === 29 ? 28 : i),
    });
    (i % 2 === 0 ? numbers.acme : numbers.blue).add(row.number);
    numbers.listed.push(row.number);
  }
  const silver = [{ module: "SW", level: "Silver" }];
  const first = bodyFor(release, "Doorbell", silver);
  const second = bodyFor(
    release,
    "Doorbell",
    silver,
    answersFor(release, silver, "now show").map((answer, index) =>
      index === 0
        ? { ...answer, evidence: [...answer.evidence, "https://evidence.example/new"] }
        : answer,
    ),
  );
  const versioned = await insertDeclaration(test.db, release, {
    organisationId: acme.id,
    createdBy: secretary.id,
    bodies: [first, second, second],
    listedAt: minutes(100),
  });
  numbers.versioned = versioned.number;
  numbers.listed.push(versioned.number);
  numbers.acme.add(versioned.number);
  for (const state of ["lapsed", "withdrawn"] as const) {
    const row = await insertDeclaration(test.db, release, {
      organisationId: blue.id,
      createdBy: secretary.id,
      bodies: [bodyFor(release, `Old ${state}`, silver)],
      state,
      stateReason: state === "lapsed" ? "term_ended" : "withdrawn",
      listedAt: minutes(-100),
    });
    numbers[state] = row.number;
  }
  const draft = await insertDeclaration(test.db, release, {
    organisationId: acme.id,
    createdBy: secretary.id,
    bodies: [],
  });
  numbers.draft = draft.number;
  const at = new Date("2026-11-20T08:00:00Z");
  await test.db.insert(evidenceLinks).values([
    {
      url: "https://evidence.example/sw-1",
      host: "evidence.example",
      state: "ok",
      status: 200,
      checkedAt: at,
      changedAt: at,
      nextCheckAt: at,
    },
    {
      url: "https://evidence.example/sw-3",
      host: "evidence.example",
      state: "broken",
      status: 404,
      checkedAt: at,
      changedAt: at,
      nextCheckAt: at,
    },
    {
      url: "https://evidence.example/new",
      host: "evidence.example",
      state: "moved",
      status: 301,
      finalUrl: "https://evidence.example/elsewhere",
      checkedAt: at,
      changedAt: at,
      nextCheckAt: at,
    },
  ]);
}, 120_000);
afterAll(() => test?.close());

const numbersOf = (page: { rows: { number: number }[] }) => page.rows.map((row) => row.number);

describe("the registry's search", () => {
  it("lists listed declarations newest first, 25 a page, with the total", async () => {
    const first = await searchRegistry(test.db, {});
    const second = await searchRegistry(test.db, {}, 2);
    expect(first.total).toBe(31);
    expect(first.pages).toBe(2);
    expect(first.rows).toHaveLength(REGISTRY_PAGE_SIZE);
    expect(second.rows).toHaveLength(6);
    const all = [...numbersOf(first), ...numbersOf(second)];
    expect(new Set(all).size).toBe(31);
    expect(all[0]).toBe(numbers.versioned);
    // The two listed in the same minute: the higher number first.
    expect(all.indexOf(numbers.listed[29] ?? 0)).toBeLessThan(all.indexOf(numbers.listed[28] ?? 0));
    expect(all.at(-1)).toBe(numbers.listed[0]);
    // Past the end: no rows, and still the total.
    const beyond = await searchRegistry(test.db, {}, 5);
    expect([beyond.rows.length, beyond.total, beyond.pages]).toEqual([0, 31, 2]);
    expect((await searchRegistry(test.db, { q: "nothing like it" })).total).toBe(0);
    expect(all).not.toContain(numbers.draft);
    expect(first.rows[0]?.organisation).toMatchObject({ name: "Acme Devices", verified: true });
    expect(first.rows[0]?.release.modules.map((module) => module.code)).toEqual(["SW", "HW"]);
  });

  it("searches product and organisation names, whatever the case, wildcards as letters", async () => {
    const acme = await searchRegistry(test.db, { q: "aCmE" });
    expect(new Set(numbersOf(acme))).toEqual(numbers.acme);
    expect((await searchRegistry(test.db, { q: "cam 1" })).total).toBe(11);
    const underscore = await searchRegistry(test.db, { q: "_" });
    expect(new Set(numbersOf(underscore))).toEqual(numbers.blue);
    expect(new Set(numbersOf(await searchRegistry(test.db, { q: "%" })))).toEqual(numbers.blue);
    expect((await searchRegistry(test.db, { q: "Cam%1" })).total).toBe(0);
    expect(escapeLike("a%b_c\\")).toBe("a\\%b\\_c\\\\");
  });

  it("filters by standard, release, level, module, level and module together, and country", async () => {
    const total = async (filter: Parameters<typeof searchRegistry>[1]) =>
      (await searchRegistry(test.db, filter)).total;
    expect(await total({ standard: release.slug })).toBe(31);
    expect(await total({ standard: "no-such-standard" })).toBe(0);
    expect(await total({ release: "1.0.0" })).toBe(31);
    expect(await total({ release: "2.0.0" })).toBe(0);
    // Silver: i % 3 of 0 or 2 (20 of them), and the doorbell.
    expect(await total({ level: "Silver" })).toBe(21);
    expect(await total({ module: "HW" })).toBe(20);
    // Silver for Hardware: only i % 3 = 2 (i % 3 = 0 claims Bronze for Hardware).
    expect(await total({ level: "Silver", module: "HW" })).toBe(10);
    expect(await total({ level: "Gold" })).toBe(0);
    expect(new Set(numbersOf(await searchRegistry(test.db, { country: "DE" })))).toEqual(
      numbers.blue,
    );
  });

  it("shows lapsed and withdrawn listings when asked, and every published one for all", async () => {
    expect(numbersOf(await searchRegistry(test.db, { state: "lapsed" }))).toEqual([numbers.lapsed]);
    expect(numbersOf(await searchRegistry(test.db, { state: "withdrawn" }))).toEqual([
      numbers.withdrawn,
    ]);
    const all = await searchRegistry(test.db, { state: "all" });
    expect(all.total).toBe(33);
    const everything = [
      ...numbersOf(all),
      ...numbersOf(await searchRegistry(test.db, { state: "all" }, 2)),
    ];
    expect(everything).toContain(numbers.lapsed);
    expect(everything).not.toContain(numbers.draft);
  });
});

describe("a declaration's public page", () => {
  it("is not public until published", async () => {
    expect(await publicDeclaration(test.db, numbers.draft)).toBeNull();
    expect(await publicDeclaration(test.db, 99_999)).toBeNull();
    expect(await declarationJson(test.db, numbers.draft)).toBeNull();
    const badge = await badgeRoute(new Request("http://hum.test/x"), {
      params: Promise.resolve({ number: String(numbers.draft) }),
    });
    expect(badge.status).toBe(404);
  });

  it("shows the latest version with its evidence checks, and an older version on request", async () => {
    const latest = await publicDeclaration(test.db, numbers.versioned);
    expect(latest?.shown.version).toBe(3);
    expect(latest?.versions.map((version) => [version.version, version.kind])).toEqual([
      [1, "published"],
      [2, "published"],
      [3, "reaffirmed"],
    ]);
    expect(latest?.organisation.verifiedDomain).toBe("acme.example");
    expect(latest?.release.content.clauses.length).toBe(8);
    expect(latest?.evidence.get("https://evidence.example/sw-1")?.state).toBe("ok");
    expect(latest?.evidence.get("https://evidence.example/sw-3")).toMatchObject({
      state: "broken",
      status: 404,
    });
    expect(latest?.evidence.get("https://evidence.example/new")?.finalUrl).toBe(
      "https://evidence.example/elsewhere",
    );
    const older = await publicDeclaration(test.db, numbers.versioned, 1);
    expect(older?.shown.version).toBe(1);
    expect(older?.shown.body.answers[0]?.justification).toContain("shown");
    expect(older?.evidence.has("https://evidence.example/new")).toBe(false);
    expect(await publicDeclaration(test.db, numbers.versioned, 4)).toBeNull();
  });

  it("compares two versions answer by answer, and refuses a range that names nothing", async () => {
    const pair = await declarationVersionPair(test.db, numbers.versioned, 1, 2);
    if (!pair) throw new Error("no pair");
    const diff = diffDeclarationBodies(pair.from.body, pair.to.body);
    expect(diff.claimsChanged).toBe(false);
    expect(diff.answers.length).toBeGreaterThan(0);
    expect(diff.answers[0]).toMatchObject({
      ref: "SW-1",
      change: "changed",
      parts: ["justification", "evidence"],
    });
    const none = await declarationVersionPair(test.db, numbers.versioned, 2, 3);
    expect(none && diffDeclarationBodies(none.from.body, none.to.body).answers).toEqual([]);
    expect(await declarationVersionPair(test.db, numbers.versioned, 2, 2)).toBeNull();
    expect(await declarationVersionPair(test.db, numbers.versioned, 1, 9)).toBeNull();
    expect(await declarationVersionPair(test.db, numbers.draft, 1, 2)).toBeNull();
  });

  it("has a canonical, stable JSON whose digests anyone can recompute", async () => {
    const text = await declarationJson(test.db, numbers.versioned);
    expect(text).toBe(await declarationJson(test.db, numbers.versioned));
    const parsed = JSON.parse(text ?? "");
    expect(canonicalJson(parsed)).toBe(text);
    expect(parsed.number).toBe(numbers.versioned);
    expect(parsed.organisation).toEqual({
      country: "FR",
      name: "Acme Devices",
      slug: expect.any(String),
      verifiedDomain: "acme.example",
    });
    expect(parsed.state).toBe("listed");
    expect(parsed.versions).toHaveLength(3);
    for (const version of parsed.versions) {
      expect(declarationDigest(version.body)).toBe(version.digest);
    }
    const answer = await jsonRoute(new Request("http://hum.test/x"), {
      params: Promise.resolve({ number: String(numbers.versioned) }),
    });
    expect(answer.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await answer.text()).toBe(text);
  });
});

describe("the badge route", () => {
  const get = (number: number, headers: Record<string, string> = {}) =>
    badgeRoute(new Request("http://hum.test/x", { headers }), {
      params: Promise.resolve({ number: String(number) }),
    });

  it("draws the row's state, with a strong ETag, a minute's max-age and 304 on a match", async () => {
    const answer = await get(numbers.versioned);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(answer.headers.get("cache-control")).toBe("public, max-age=60");
    const svg = await answer.text();
    expect(svg).toContain(">Listed</text>");
    expect(svg).toContain("Silver for Software · 1.0.0");
    const etag = answer.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await get(numbers.versioned, { "If-None-Match": etag })).status).toBe(304);
    expect((await get(numbers.lapsed)).status).toBe(200);
    expect(await (await get(numbers.lapsed)).text()).toContain(">Lapsed</text>");
  });

  it("changes as soon as the row does, and a change of evidence is announced", async () => {
    const before = await lastAnnounced(test.db);
    const listed = numbers.listed[5] ?? 0;
    const etag = (await get(listed)).headers.get("etag") ?? "";
    await test.db
      .update(declarations)
      .set({ state: "withdrawn" })
      .where(eq(declarations.number, listed));
    const after = await get(listed, { "If-None-Match": etag });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain(">Withdrawn</text>");
    const at = new Date();
    await test.db
      .update(evidenceLinks)
      .set({ state: "ok", changedAt: at })
      .where(eq(evidenceLinks.url, "https://evidence.example/sw-3"));
    expect(await lastAnnounced(test.db)).toBeGreaterThan(before);
  });
});
