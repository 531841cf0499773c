import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Participant, requireSecretariat } from "@/lib/community/authz";
import type { Viewer } from "@/lib/community/viewer";
import { openCall } from "@/lib/decisions/calls";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { prepareRelease } from "@/lib/decisions/release-calls";
import { addDays } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { demoEmail, seedDemo } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { parseStandard } from "@/lib/drafting/markdown/document";
import { standards } from "@/lib/drafting/schema";
import { importStandard, loadStandardDocument } from "@/lib/drafting/transfer";
import { requireReleaseManager } from "@/lib/releases/authz";
import { releaseJson, releaseMarkdown } from "@/lib/releases/export";
import { type PrepareReleaseInput, withdrawRelease } from "@/lib/releases/mutations";
import { getRelease, listReleases } from "@/lib/releases/queries";
import { releaseCandidates, releases } from "@/lib/releases/schema";
import { createTestDatabase, databaseErrorOf, type TestDatabase } from "@/tests/database";
import { outcomeOf } from "@/tests/outcome";
import { createPerson } from "@/tests/people";

let test: TestDatabase;
let standardId: string;
const people: Record<string, Participant> = {};
const t0 = new Date("2026-10-01T08:00:00Z");
let clock = t0;
/** Each step happens a little later than the one before, as in real use. */
const later = (days = 1) => {
  clock = addDays(clock, days);
  return clock;
};

const who = (key: string): Participant => {
  const viewer = people[key];
  if (!viewer) throw new Error(key);
  return viewer;
};

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db, t0);
  const demo = demoViewers(test.db, demoEmail, t0);
  for (const key of ["sam", "rosa", "mei", "noor", "kofi", "lena"]) {
    people[key] = await demo(key);
  }
  standardId =
    (await test.db.select().from(standards).where(eq(standards.slug, "iotmark")))[0]?.id ?? "";
});
afterAll(() => test?.close());

/** Three participants support the call, and the deadline passes: rough consensus. */
async function agree(callId: string) {
  const at = later();
  for (const key of ["noor", "kofi", "lena"]) {
    await takePosition(test.db, who(key), callId, { stance: "support", reason: "" }, at);
  }
  const [call] = await test.db.select().from(calls).where(eq(calls.id, callId));
  clock = addDays(call?.closesAt ?? clock, 0.01);
  await closeDue(test.db, clock);
}

async function adopt(ref: string) {
  const { id } = await openCall(
    test.db,
    who("noor"),
    standardId,
    {
      kind: "clause_revision",
      clauseRef: ref,
      revision: null,
      title: `Adopt ${ref}`,
      description: "",
      organisations: "",
    },
    later(),
  );
  await agree(id);
}

/** As the server action does: the release manager's proof, a moment later, then the release. */
function prepareAs(viewer: Viewer | null, input: PrepareReleaseInput) {
  const at = later();
  return requireReleaseManager(test.db, viewer, at).then((manager) =>
    prepareRelease(test.db, manager, standardId, input, at),
  );
}

/** As the server action does: the secretariat's proof, then the withdrawal. */
function withdrawAs(viewer: Viewer, releaseId: string, reason: string) {
  const at = later();
  return requireSecretariat(test.db, viewer, "releases.withdraw").then((secretary) =>
    withdrawRelease(test.db, secretary, releaseId, reason, at),
  );
}

async function publish(version: string, notes = "") {
  const { callNumber } = await prepareAs(who("sam"), { version, notes });
  const [call] = await test.db.select().from(calls).where(eq(calls.number, callNumber));
  await agree(call?.id ?? "");
}

describe("releases", () => {
  it("are prepared by the secretariat or the AG chair only", async () => {
    const participant = await createPerson(test.db, { name: "Pat" });
    const input = { version: "1.0.0", notes: "" };
    expect(await outcomeOf(prepareAs(participant, input))).toBe("forbidden");
    expect(await outcomeOf(prepareAs(who("mei"), input))).toBe("forbidden");
    expect(await outcomeOf(prepareAs(null, input))).toBe("unauthenticated");
  });

  it("are published only by an adopted call, hash to their digest, and never change", async () => {
    for (const ref of ["ORG-1", "SW-1", "SW-2", "DATA-1"]) await adopt(ref);
    await publish("1.0.0", "The first release.");
    const view = await getRelease(test.db, "iotmark", "1.0.0");
    expect(view?.content.clauses.map((clause) => clause.ref)).toEqual(
      expect.arrayContaining(["ORG-1", "ORG-2", "SW-1", "SW-2", "DATA-1"]),
    );
    const json = releaseJson(view?.content ?? ({} as never));
    expect(createHash("sha256").update(json).digest("hex")).toBe(view?.digest);
    expect(view?.trace["SW-1"]?.call).toBeGreaterThan(0);

    // Publishing again, or an older version, is refused; so is any change to the stored rows.
    expect(await outcomeOf(prepareAs(who("sam"), { version: "1.0.0", notes: "" }))).toBe(
      "invalid_input",
    );
    const id = view?.id ?? "";
    expect(
      await databaseErrorOf(
        test.db.update(releases).set({ digest: "0" }).where(eq(releases.id, id)),
      ),
    ).toMatch(/immutable/);
    expect(await databaseErrorOf(test.db.delete(releases).where(eq(releases.id, id)))).toMatch(
      /immutable/,
    );
    expect(
      await databaseErrorOf(
        test.db.insert(releases).values({
          standardId,
          version: "9.9.9",
          content: view?.content ?? ({} as never),
          digest: "x",
          trace: {},
          candidateId: view?.candidateId ?? "",
          callId: view?.callId ?? "",
          publishedAt: new Date(),
        }),
      ),
    ).toMatch(/adopted call|duplicate key/);
  });

  it("supersede each other; a withdrawn one stays readable and points to the latest", async () => {
    await adopt("HW-1");
    const { callNumber } = await prepareAs(who("rosa"), { version: "1.1.0", notes: "" });
    const [call] = await test.db.select().from(calls).where(eq(calls.number, callNumber));
    // Before its call is decided, the candidate is not a release, and cannot be made one.
    expect(await getRelease(test.db, "iotmark", "1.1.0")).toBeNull();
    const [candidate] = await test.db
      .select()
      .from(releaseCandidates)
      .where(eq(releaseCandidates.version, "1.1.0"));
    expect(
      await databaseErrorOf(
        test.db.insert(releases).values({
          standardId,
          version: "1.1.0",
          content: candidate?.content ?? ({} as never),
          digest: candidate?.digest ?? "",
          trace: {},
          candidateId: candidate?.id ?? "",
          callId: call?.id ?? "",
          publishedAt: new Date(),
        }),
      ),
    ).toMatch(/only by an adopted call/);
    expect(
      await databaseErrorOf(
        test.db.delete(releaseCandidates).where(eq(releaseCandidates.id, candidate?.id ?? "")),
      ),
    ).toMatch(/immutable/);
    await agree(call?.id ?? "");
    expect((await listReleases(test.db, "iotmark")).map((r) => r.version)).toEqual([
      "1.1.0",
      "1.0.0",
    ]);
    const latest = await getRelease(test.db, "iotmark", "latest");
    expect(latest?.version).toBe("1.1.0");
    // Lists carry what they show of each release, never the content of all of them.
    const listed = await listReleases(test.db, "iotmark");
    expect(listed.map((r) => [r.standardName, r.notes])).toEqual(
      [latest, await getRelease(test.db, "iotmark", "1.0.0")].map((r) => [
        r?.content.standard.name,
        r?.content.notes,
      ]),
    );
    expect(listed.every((r) => !("content" in r) && !("trace" in r))).toBe(true);
    expect(latest?.all.every((r) => !("content" in r))).toBe(true);

    expect(await outcomeOf(withdrawAs(who("rosa"), latest?.id ?? "", "Mistake."))).toBe(
      "forbidden",
    );
    await withdrawAs(who("sam"), latest?.id ?? "", "Published by mistake.");
    const withdrawn = await getRelease(test.db, "iotmark", "1.1.0");
    expect(withdrawn?.withdrawal?.reason).toBe("Published by mistake.");
    expect(withdrawn?.latest?.version).toBe("1.0.0");
    expect(withdrawn?.content.clauses.length).toBeGreaterThan(0);
  });

  it("export Markdown that re-imports into a new standard with identical clause text", async () => {
    const view = await getRelease(test.db, "iotmark", "1.0.0");
    if (!view) throw new Error("no release");
    const parsed = parseStandard(releaseMarkdown(view.content));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const secretary = await requireSecretariat(test.db, who("sam"), "drafting.import_standard");
    await importStandard(test.db, secretary, { ...parsed.standard, slug: "iotmark-1-0-0" });
    const copy = await loadStandardDocument(test.db, "iotmark-1-0-0");
    const byRef = new Map(copy?.clauses.map((clause) => [clause.ref, clause]));
    expect(copy?.clauses).toHaveLength(view.content.clauses.length);
    for (const clause of view.content.clauses) {
      const imported = byRef.get(clause.ref);
      expect(imported, clause.ref).toMatchObject({
        title: clause.title,
        strength: clause.strength,
        level: clause.level,
        body: clause.body,
        assessment: clause.assessment,
        examples: clause.examples,
      });
    }
    // Importing over the published standard's address is refused.
    expect(
      await outcomeOf(importStandard(test.db, secretary, { ...parsed.standard, slug: "iotmark" })),
    ).toBe("conflict");
  });
});
