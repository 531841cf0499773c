import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken, type Scope } from "@/lib/api/tokens";
import { auditLog } from "@/lib/audit/schema";
import { users } from "@/lib/auth/schema";
import { requireParticipant } from "@/lib/community/authz";
import { loadViewer } from "@/lib/community/viewer";
import { seedDemo } from "@/lib/demo/seed";
import { declarationJson } from "@/lib/registry/public-json";
import { declarations } from "@/lib/registry/schema";
import { apiFor } from "@/tests/api-harness";
import { createTestDatabase, type TestDatabase } from "@/tests/database";

/*
 * The registry and challenges through the API, on the demo community: reads as the public pages
 * show them (never a draft, never a withheld name), and a representative's token keeping a
 * declaration up to date through the same mutations as the edit page.
 *
 * The demo: Brightbulb (Kofi) declares 1 (listed), 3 (lapsed) and 5 (struck off); Hearthly (Noor)
 * declares 2 (listed) and 4 (a draft). Challenge 3 (of Brightbulb's plug) was filed by Jonas, who
 * withheld his name; challenge 2 (of Hearthly's thermostat) was filed by him openly.
 */

const now = new Date("2026-11-20T12:00:00Z");
let test: TestDatabase;
let api: ReturnType<typeof apiFor>;

type Json = Record<string, unknown> & { data: Record<string, unknown>[]; next: string | null };

async function personByEmail(email: string) {
  const [row] = await test.db.select().from(users).where(eq(users.email, email));
  if (!row) throw new Error(`no ${email}`);
  return row;
}

async function tokenOf(key: string, name: string, scopes: Scope[]) {
  const person = await personByEmail(`${key}@demo.hum.invalid`);
  const participant = requireParticipant(await loadViewer(test.db, person.id, now));
  const { token } = await createToken(
    test.db,
    participant,
    { name, scopes, expiresInDays: 30 },
    now,
  );
  return token;
}

async function get(path: string, token?: string) {
  const response = await api.request(path, token ? { token } : {});
  return {
    status: response.status,
    text: await response.clone().text(),
    body: await response.json(),
  };
}

/** Every page of a list, following `next`. */
async function allPages(path: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let next: string | null = null;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const { status, body } = await get(
      `${path}${next ? `${separator}cursor=${encodeURIComponent(next)}` : ""}`,
    );
    expect(status).toBe(200);
    items.push(...(body as Json).data);
    next = (body as Json).next;
  } while (next);
  return items;
}

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db, new Date("2026-11-20T09:00:00Z"), { releases: true });
  api = apiFor(test.db, () => now);
}, 240_000);
afterAll(() => test?.close());

describe("organisations", () => {
  it("lists them by slug, a page at a time", async () => {
    const first = await get("/organisations?limit=1");
    expect(api.conforms("/organisations", "GET", 200, first.body)).toBeNull();
    expect(first.body.data.map((row: { slug: string }) => row.slug)).toEqual(["brightbulb"]);
    expect(first.body.next).not.toBeNull();
    const all = await allPages("/organisations?limit=1");
    expect(all.map((row) => row.slug)).toEqual(["brightbulb", "hearthly"]);
  });

  it("gives one with its domain's proof and only its published declarations", async () => {
    const brightbulb = await get("/organisations/brightbulb");
    expect(brightbulb.status).toBe(200);
    expect(api.conforms("/organisations/{slug}", "GET", 200, brightbulb.body)).toBeNull();
    expect(brightbulb.body.domain).toMatchObject({
      verified: true,
      name: "brightbulb.example.org",
    });
    expect(brightbulb.body.representatives.map((r: { name: string }) => r.name)).toEqual([
      "Kofi Mensah",
    ]);
    expect(brightbulb.text).not.toContain("@demo.hum.invalid");

    const hearthly = await get("/organisations/hearthly");
    expect(hearthly.body.domain).toEqual({ verified: false, name: null, verifiedAt: null });
    // The door lock is a draft: nobody's business yet.
    expect(hearthly.body.declarations.map((d: { number: number }) => d.number)).toEqual([2]);

    const missing = await get("/organisations/nobody");
    expect(missing.status).toBe(404);
    expect(api.conforms("/organisations/{slug}", "GET", 404, missing.body)).toBeNull();
  });
});

describe("declarations", () => {
  it("lists the listed ones by default, and every published one with state=all", async () => {
    const listed = await get("/declarations");
    expect(listed.status).toBe(200);
    expect(api.conforms("/declarations", "GET", 200, listed.body)).toBeNull();
    expect(listed.body.data.map((row: { state: string }) => row.state)).toEqual([
      "listed",
      "listed",
    ]);
    const all = await get("/declarations?state=all");
    expect(all.body.data.map((row: { number: number }) => row.number)).toEqual([5, 3, 2, 1]);
    const plug = all.body.data.find((row: { number: number }) => row.number === 1);
    expect(plug).toMatchObject({
      product: "Glow Smart Plug",
      organisation: { slug: "brightbulb", verified: true },
      release: "1.1.0",
      url: "https://hum.example/registry/1",
      badgeUrl: "https://hum.example/registry/1/badge.svg",
    });
    expect(plug.claims).toContainEqual({ module: "SW", level: "Silver" });
  });

  it("filters as the registry page does", async () => {
    const numbers = async (query: string) =>
      (await get(`/declarations?${query}`)).body.data.map((row: { number: number }) => row.number);
    expect(await numbers("state=all&country=ie")).toEqual([2]);
    expect(await numbers("state=all&q=glow")).toEqual([5, 3, 1]);
    expect(await numbers("state=all&q=brightbulb")).toEqual([5, 3, 1]);
    expect(await numbers("state=all&module=HW&level=Bronze")).toEqual([2]);
    expect(await numbers("state=lapsed")).toEqual([3]);
    expect(await numbers("state=struck_off&standard=iotmark")).toEqual([5]);
    expect(await numbers("state=all&release=9.9.9")).toEqual([]);
  });

  it("pages through them in a stable order, without repeats", async () => {
    const paged = await allPages("/declarations?state=all&limit=2");
    expect(paged.map((row) => row.number)).toEqual([5, 3, 2, 1]);
  });

  it("names a bad or unknown filter", async () => {
    const unknown = await get("/declarations?colour=red");
    expect(unknown.status).toBe(400);
    expect(api.conforms("/declarations", "GET", 400, unknown.body)).toBeNull();
    expect(unknown.body.errors).toEqual([{ name: "colour", reason: "unknown" }]);
    const bad = await get("/declarations?state=draft");
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { name: string }) => error.name)).toEqual(["state"]);
    const cursor = await get("/declarations?cursor=nonsense");
    expect(cursor.body.errors).toEqual([{ name: "cursor", reason: "invalid" }]);
  });

  it("gives a declaration's canonical JSON, byte for byte as its .json export", async () => {
    const one = await get("/declarations/1");
    expect(one.status).toBe(200);
    expect(api.conforms("/declarations/{number}", "GET", 200, one.body)).toBeNull();
    expect(one.text).toBe(await declarationJson(test.db, 1));
    expect(one.body.versions.length).toBeGreaterThan(1);
    // A draft was never published: as on its page, there is nothing there.
    expect((await get("/declarations/4")).status).toBe(404);
    expect((await get("/declarations/0")).status).toBe(404);
  });
});

describe("challenges", () => {
  it("lists them newest first, with the log's filters, a page at a time", async () => {
    const all = await get("/challenges");
    expect(all.status).toBe(200);
    expect(api.conforms("/challenges", "GET", 200, all.body)).toBeNull();
    expect(all.body.data.map((row: { number: number }) => row.number)).toEqual([4, 3, 2, 1]);
    const open = await get("/challenges?state=open");
    expect(open.body.data.map((row: { number: number }) => row.number)).toEqual([4]);
    const closed = await get("/challenges?state=closed&organisation=brightbulb");
    expect(closed.body.data.map((row: { number: number }) => row.number)).toEqual([3, 1]);
    expect((await get("/challenges?state=upheld_cured")).body.data).toHaveLength(1);
    const hearthly = await get("/challenges?organisation=hearthly");
    expect(hearthly.body.data.map((row: { number: number }) => row.number)).toEqual([2]);
    expect((await get("/challenges?standard=nothing")).body.data).toEqual([]);
    const paged = await allPages("/challenges?limit=3");
    expect(paged.map((row) => row.number)).toEqual([4, 3, 2, 1]);
    expect((await get("/challenges?state=maybe")).status).toBe(400);
  });

  it("never names a challenger who withheld their name, even to their own token", async () => {
    const jonas = await personByEmail("jonas@demo.hum.invalid");
    const own = await tokenOf("jonas", "reader", ["read"]);
    for (const token of [undefined, own]) {
      const withheld = await get("/challenges/3", token);
      expect(withheld.status).toBe(200);
      expect(api.conforms("/challenges/{number}", "GET", 200, withheld.body)).toBeNull();
      expect(withheld.body).toMatchObject({ withheld: true, filer: null, phase: "upheld_cured" });
      expect(withheld.body.timeline.length).toBeGreaterThan(0);
      expect(withheld.text).not.toContain("Jonas");
      expect(withheld.text).not.toContain(jonas.id);
      expect(withheld.text).not.toContain("@demo.hum.invalid");
      expect(withheld.body.timeline[0]).toMatchObject({
        action: "registry.challenge_filed",
        actor: null,
      });
    }
    const list = await get("/challenges");
    expect(list.text).not.toContain("Jonas");
    // The same person's open challenge does name him: the check above is not vacuous.
    const open = await get("/challenges/2");
    expect(open.body.filer).toBe("Jonas Becker");
  });

  it("answers 404 for a challenge that does not exist", async () => {
    const missing = await get("/challenges/999");
    expect(missing.status).toBe(404);
    expect(api.conforms("/challenges/{number}", "GET", 404, missing.body)).toBeNull();
  });
});

describe("a representative's declare token", () => {
  let noor: string;
  let noorReadOnly: string;
  let kofi: string;
  let ref: string;

  beforeAll(async () => {
    noor = await tokenOf("noor", "hearthly-sync", ["read", "declare"]);
    noorReadOnly = await tokenOf("noor", "hearthly-read", ["read"]);
    kofi = await tokenOf("kofi", "brightbulb-sync", ["declare"]);
    const [row] = await test.db.select().from(declarations).where(eq(declarations.number, 4));
    ref = row?.working.answers[0]?.ref ?? "";
    expect(ref).not.toBe("");
  });

  const answer = {
    answer: "met",
    justification: "The lock's design notes and the test report linked here show it.",
    evidence: ["https://hearthly.example.org/hardware/hearthly-door-lock/report-2026"],
  };
  const put = (token: string | undefined, body: unknown, at = ref) =>
    api.request(`/declarations/4/working-copy/answers/${at}`, {
      method: "PUT",
      ...(token ? { token } : {}),
      body,
    });

  async function entriesOf(action: string, subjectId: string) {
    return test.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.subjectId, subjectId)));
  }

  it("is needed to write, with the declare scope, by a representative", async () => {
    const template = "/declarations/{number}/working-copy/answers/{ref}";
    const anonymous = await put(undefined, answer);
    expect(anonymous.status).toBe(401);
    expect(api.conforms(template, "PUT", 401, await anonymous.json())).toBeNull();
    const readOnly = await put(noorReadOnly, answer);
    expect(readOnly.status).toBe(403);
    expect((await readOnly.json()).type).toMatch(/#problem-insufficient-scope$/);
    // Kofi represents Brightbulb, not Hearthly: the lib's own proof refuses him.
    const stranger = await put(kofi, answer);
    expect(stranger.status).toBe(403);
    const refused = await stranger.json();
    expect(api.conforms(template, "PUT", 403, refused)).toBeNull();
    expect(refused.type).toMatch(/#problem-forbidden$/);
    const refusals = await entriesOf("access.refused", "registry.edit_declaration");
    expect(refusals.at(-1)?.details).toMatchObject({ token: "brightbulb-sync" });
  });

  it("refuses a bad body, naming the field", async () => {
    const badKind = await put(noor, { ...answer, answer: "maybe" });
    expect(badKind.status).toBe(400);
    const problem = await badKind.json();
    expect(
      api.conforms("/declarations/{number}/working-copy/answers/{ref}", "PUT", 400, problem),
    ).toBeNull();
    expect(problem.errors.map((error: { name: string }) => error.name)).toEqual(["answer"]);
    const extra = await put(noor, { ...answer, score: 3 });
    expect((await extra.json()).errors).toEqual([{ name: "score", reason: "unknown" }]);
    const notUrl = await put(noor, { ...answer, evidence: ["not a page"] });
    expect((await notUrl.json()).errors.map((e: { name: string }) => e.name)).toEqual([
      "evidence.0",
    ]);
    const noClause = await put(noor, answer, "ZZ-9");
    expect(noClause.status).toBe(404);
  });

  it("answers one clause of the working copy, publishes it, and says so with the token's name", async () => {
    const saved = await put(noor, answer);
    expect(saved.status).toBe(200);
    const copy = await saved.json();
    expect(
      api.conforms("/declarations/{number}/working-copy/answers/{ref}", "PUT", 200, copy),
    ).toBeNull();
    expect(copy.answers).toContainEqual({ ref, ...answer });
    expect(copy.problems).toEqual([]);
    // Saving a private draft leaves nothing on the public record.
    expect(await entriesOf("registry.declaration_published", "4")).toEqual([]);

    const published = await api.request("/declarations/4/publications", {
      method: "POST",
      token: noor,
    });
    const body = await published.json();
    expect(published.status, JSON.stringify(body)).toBe(201);
    expect(api.conforms("/declarations/{number}/publications", "POST", 201, body)).toBeNull();
    expect(body).toMatchObject({ number: 4, version: 1, state: "listed" });
    const [entry] = await entriesOf("registry.declaration_published", "4");
    expect(entry?.details).toMatchObject({ version: 1, token: "hearthly-sync" });
    expect((await get("/declarations/4")).body.versions[0].body.answers).toContainEqual({
      ref,
      ...answer,
    });

    // The same answers again are not a change: the lib's refusal, with the field it names.
    const again = await api.request("/declarations/4/publications", {
      method: "POST",
      token: noor,
    });
    expect(again.status).toBe(400);
    expect((await again.json()).errors).toEqual([{ name: "form", reason: "no_changes" }]);
  });

  it("sets the working copy's claims, and refuses an unknown module by its field", async () => {
    const response = await api.request("/declarations/4/working-copy", {
      method: "PUT",
      token: noor,
      body: {
        release: "1.1.0",
        product: { name: "Hearthly Door Lock", url: "https://hearthly.example.org/door-lock" },
        claims: [{ module: "XX", level: "Bronze" }],
      },
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([
      { name: "claims.XX", reason: "unknown_module" },
    ]);
  });

  it("reaffirms a lapsed listing for a new term", async () => {
    const response = await api.request("/declarations/3/reaffirmations", {
      method: "POST",
      token: kofi,
    });
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(201);
    expect(api.conforms("/declarations/{number}/reaffirmations", "POST", 201, body)).toBeNull();
    expect(body).toMatchObject({ number: 3, version: 2, state: "listed" });
    const [entry] = await entriesOf("registry.declaration_reaffirmed", "3");
    expect(entry?.details).toMatchObject({ version: 2, token: "brightbulb-sync" });
  });

  it("withdraws a listing with its note, only for its own organisation", async () => {
    const withdraw = (token: string) =>
      api.request("/declarations/2/withdrawal", {
        method: "POST",
        token,
        body: { note: "The T3 is no longer sold." },
      });
    expect((await withdraw(kofi)).status).toBe(403);
    const response = await withdraw(noor);
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    expect(api.conforms("/declarations/{number}/withdrawal", "POST", 200, body)).toBeNull();
    expect(body.state).toBe("withdrawn");
    const [entry] = await entriesOf("registry.declaration_withdrawn", "2");
    expect(entry?.details).toMatchObject({ token: "hearthly-sync" });
    expect((await get("/declarations/2")).body.stateNote).toBe("The T3 is no longer sold.");
  });
});
