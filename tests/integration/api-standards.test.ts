import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/lib/demo/seed";
import { getDraftPage } from "@/lib/drafting/draft-page";
import { getStandardAxes, listDraftClauses, listRevisions } from "@/lib/drafting/queries";
import { releaseJson } from "@/lib/releases/export";
import { getRelease, listReleases } from "@/lib/releases/queries";
import { apiFor } from "@/tests/api-harness";
import { createTestDatabase, type TestDatabase } from "@/tests/database";

/*
 * Standards, releases and the working draft through /api/v1, on the demo community: a release
 * reads as the same bytes as its `.json` export, lists page in the pages' order with the pages'
 * filters, and what is not there is a 404 problem.
 */

let test: TestDatabase;
let api: ReturnType<typeof apiFor>;

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db, new Date("2026-11-20T09:00:00Z"), { releases: true });
  api = apiFor(test.db);
}, 240_000);
afterAll(() => test?.close());

type Page<T> = { data: T[]; next: string | null };

/** Every item of a paged list, page by page, each page checked against the document. */
async function readAll<T>(template: string, path: string, limit: number): Promise<T[]> {
  const items: T[] = [];
  const join = path.includes("?") ? "&" : "?";
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages += 1) {
    const response = await api.request(
      `${path}${join}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`,
    );
    const page = (await response.json()) as Page<T>;
    expect(response.status, JSON.stringify(page)).toBe(200);
    expect(api.conforms(template, "GET", 200, page)).toBeNull();
    expect(page.data.length).toBeLessThanOrEqual(limit);
    items.push(...page.data);
    if (!page.next) return items;
    cursor = page.next;
  }
  throw new Error("the list never ended");
}

describe("a standard", () => {
  it("is answered with its modules, levels and latest release", async () => {
    const response = await api.request("/standards/iotmark");
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(api.conforms("/standards/{slug}", "GET", 200, body)).toBeNull();
    expect(body.modules.map((module: { code: string }) => module.code)).toEqual([
      "ORG",
      "HW",
      "SW",
      "LEGAL",
      "DATA",
    ]);
    expect(body.levels.map((level: { name: string }) => level.name)).toEqual([
      "Bronze",
      "Silver",
      "Gold",
    ]);
    const latest = (await getRelease(test.db, "iotmark", "latest"))?.version;
    expect(body.latestRelease.version).toBe(latest);
    expect(body.latestRelease.jsonUrl).toBe(
      `https://hum.example/standards/iotmark/v/${latest}.json`,
    );
    expect(body.url).toBe("https://hum.example/standards/iotmark");
  });

  it("lists its modules and levels page by page", async () => {
    const modules = await readAll<{ code: string }>(
      "/standards/{slug}/modules",
      "/standards/iotmark/modules",
      2,
    );
    expect(modules.map((module) => module.code)).toEqual(["ORG", "HW", "SW", "LEGAL", "DATA"]);
    const levels = await readAll<{ name: string }>(
      "/standards/{slug}/levels",
      "/standards/iotmark/levels",
      1,
    );
    expect(levels.map((level) => level.name)).toEqual(["Bronze", "Silver", "Gold"]);
  });
});

describe("releases", () => {
  it("reads a release as the same bytes as its .json export", async () => {
    for (const { version } of await listReleases(test.db, "iotmark")) {
      const release = await getRelease(test.db, "iotmark", version);
      if (!release) throw new Error(`release ${version} is listed but cannot be read`);
      const response = await api.request(`/standards/iotmark/releases/${release.version}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      const text = await response.text();
      expect(text).toBe(releaseJson(release.content));
      expect(createHash("sha256").update(text, "utf8").digest("hex")).toBe(release.digest);
      expect(
        api.conforms("/standards/{slug}/releases/{version}", "GET", 200, JSON.parse(text)),
      ).toBeNull();
    }
  });

  it("lists releases newest first, one page at a time", async () => {
    const all = await listReleases(test.db, "iotmark");
    expect(all.length).toBeGreaterThan(1);
    const listed = await readAll<{ version: string; digest: string; jsonUrl: string }>(
      "/standards/{slug}/releases",
      "/standards/iotmark/releases",
      1,
    );
    expect(listed.map((release) => release.version)).toEqual(all.map((release) => release.version));
    expect(listed.map((release) => release.digest)).toEqual(all.map((release) => release.digest));
    expect(listed[0]?.jsonUrl).toBe(
      `https://hum.example/standards/iotmark/v/${all[0]?.version}.json`,
    );
  });

  it("compares two releases clause by clause", async () => {
    const response = await api.request("/standards/iotmark/compare/1.0.0/1.1.0");
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(api.conforms("/standards/{slug}/compare/{from}/{to}", "GET", 200, body)).toBeNull();
    const changes = body.summary.added + body.summary.removed + body.summary.changed;
    expect(changes + body.sections.added.length + body.sections.changed.length).toBeGreaterThan(0);
    for (const change of body.changed) {
      expect(change.before.ref).toBe(change.ref);
      expect(change.fields.length).toBeGreaterThan(0);
    }
    const backwards = await (await api.request("/standards/iotmark/compare/1.1.0/1.0.0")).json();
    expect(backwards.summary.added).toBe(body.summary.removed);
    const same = await api.request("/standards/iotmark/compare/1.0.0/1.0.0");
    expect(same.status).toBe(400);
    expect((await same.json()).errors).toEqual([{ name: "to", reason: "same as from" }]);
  });
});

describe("the working draft", () => {
  const template = "/standards/{slug}/draft/clauses";

  it("pages every clause in the draft's order, without repeats", async () => {
    const standard = await getStandardAxes(test.db, "iotmark");
    const expected = (await listDraftClauses(test.db, standard?.id ?? "")).map((c) => c.ref);
    const refs = (
      await readAll<{ ref: string }>(template, "/standards/iotmark/draft/clauses", 7)
    ).map((clause) => clause.ref);
    expect(refs).toEqual(expected);
    expect(new Set(refs).size).toBe(refs.length);
  });

  it("filters by module and level as the draft page does", async () => {
    for (const [module, level] of [
      ["SW", "Silver"],
      ["DATA", "Bronze"],
      ["HW", undefined],
    ] as const) {
      const page = await getDraftPage(test.db, "iotmark", { module, level });
      const expected = page?.clauses.map((clause) => clause.ref) ?? [];
      expect(expected.length).toBeGreaterThan(0);
      const query = `module=${module}${level ? `&level=${level}` : ""}`;
      const listed = await readAll<{ ref: string; module: { code: string } }>(
        template,
        `/standards/iotmark/draft/clauses?${query}`,
        2,
      );
      expect(listed.map((clause) => clause.ref)).toEqual(expected);
      expect(listed.every((clause) => clause.module.code === module)).toBe(true);
    }
    const byLevel = await readAll<{ levels: string[]; state: string }>(
      template,
      "/standards/iotmark/draft/clauses?level=Bronze",
      50,
    );
    expect(byLevel.length).toBeGreaterThan(0);
    expect(byLevel.every((clause) => clause.levels.includes("Bronze"))).toBe(true);
    expect(byLevel.every((clause) => clause.state === "active")).toBe(true);
  });

  it("refuses an unknown module, level or cursor, naming it", async () => {
    for (const [query, name] of [
      ["module=NOPE", "module"],
      ["level=Platinum", "level"],
      ["cursor=WzEsMl0", "cursor"],
      ["colour=red", "colour"],
    ] as const) {
      const response = await api.request(`/standards/iotmark/draft/clauses?${query}`);
      expect(response.status, query).toBe(400);
      const problem = await response.json();
      expect(problem.errors?.[0]?.name, query).toBe(name);
      expect(api.conforms(template, "GET", 400, problem)).toBeNull();
    }
  });

  it("answers one clause, and its revisions newest first with public names", async () => {
    const response = await api.request("/standards/iotmark/draft/clauses/SW-1");
    const clause = await response.json();
    expect(response.status).toBe(200);
    expect(api.conforms("/standards/{slug}/draft/clauses/{ref}", "GET", 200, clause)).toBeNull();
    expect(clause.module.code).toBe("SW");
    expect(clause.text.length).toBeGreaterThan(0);
    expect(clause.url).toBe("https://hum.example/standards/iotmark/draft/SW-1");

    const standard = await getStandardAxes(test.db, "iotmark");
    const found = (await listDraftClauses(test.db, standard?.id ?? "")).find(
      (row) => row.ref === "SW-1",
    );
    const stored = await listRevisions(test.db, found?.id ?? "");
    expect(stored.length).toBeGreaterThan(1);
    const revisions = await readAll<{ number: number; authors: { name: string }[] }>(
      "/standards/{slug}/draft/clauses/{ref}/revisions",
      "/standards/iotmark/draft/clauses/SW-1/revisions",
      1,
    );
    expect(revisions.map((revision) => revision.number)).toEqual(stored.map((row) => row.number));
    expect(revisions.map((revision) => revision.authors.map((author) => author.name))).toEqual(
      stored.map((row) => row.authors),
    );
    expect(JSON.stringify(revisions)).not.toContain("@");
  });

  it("lists the prose sections in order", async () => {
    const sections = await readAll<{ slug: string; text: string }>(
      "/standards/{slug}/draft/sections",
      "/standards/iotmark/draft/sections",
      2,
    );
    expect(sections.length).toBeGreaterThan(0);
    expect(new Set(sections.map((section) => section.slug)).size).toBe(sections.length);
  });
});

describe("what is not there", () => {
  it("is a 404 problem", async () => {
    for (const [template, path] of [
      ["/standards/{slug}", "/standards/nope"],
      ["/standards/{slug}/modules", "/standards/nope/modules"],
      ["/standards/{slug}/releases", "/standards/nope/releases"],
      ["/standards/{slug}/releases/{version}", "/standards/iotmark/releases/9.9.9"],
      ["/standards/{slug}/releases/{version}", "/standards/nope/releases/1.0.0"],
      ["/standards/{slug}/compare/{from}/{to}", "/standards/iotmark/compare/1.0.0/9.9.9"],
      ["/standards/{slug}/draft/clauses", "/standards/nope/draft/clauses"],
      ["/standards/{slug}/draft/clauses/{ref}", "/standards/iotmark/draft/clauses/SW-999"],
      ["/standards/{slug}/draft/clauses/{ref}", "/standards/iotmark/draft/clauses/not-a-ref"],
      [
        "/standards/{slug}/draft/clauses/{ref}/revisions",
        "/standards/iotmark/draft/clauses/SW-999/revisions",
      ],
      ["/standards/{slug}/draft/sections", "/standards/nope/draft/sections"],
    ] as const) {
      const response = await api.request(path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      expect(api.conforms(template, "GET", 404, await response.json())).toBeNull();
    }
  });
});
