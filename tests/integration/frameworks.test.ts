import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import type { Participant } from "@/lib/community/authz";
import { seedDemo } from "@/lib/demo/seed";
import { addFramework, addMapping, listFrameworks, removeMapping } from "@/lib/drafting/frameworks";
import { latestRevisions } from "@/lib/drafting/latest-revision";
import { frameworkSchema, type Mapping, mappingSchema } from "@/lib/drafting/mappings";
import { exportStandard, parseStandard } from "@/lib/drafting/markdown/document";
import type { StandardDocument } from "@/lib/drafting/markdown/types";
import { saveRevision, takeRevision } from "@/lib/drafting/mutations";
import { getDraftClause, getStandardAxes } from "@/lib/drafting/queries";
import { restoreRevision } from "@/lib/drafting/restore";
import { clauseRevisions, clauses, standards } from "@/lib/drafting/schema";
import { importStandard, loadStandardDocument } from "@/lib/drafting/transfer";
import { DomainError } from "@/lib/errors";
import { draftCandidate } from "@/lib/releases/build";
import { canonicalJson, contentProblems } from "@/lib/releases/content";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson, createSecretary } from "@/tests/people";

let test: TestDatabase;
let ann: Participant;
let standardId: string;

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db);
  ann = await createPerson(test.db, { name: "Ann" });
  standardId = (await getStandardAxes(test.db, "iotmark"))?.id ?? "";
});
afterAll(() => test?.close());

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, fields: error.fieldErrors };
    throw error;
  }
  return null;
}

const nist = {
  name: "NIST IR 8259 Core",
  version: "2020",
  url: "https://example.org/8259",
  key: "",
};
const etsi = (provision: string, rationale = "Says the same."): Mapping => ({
  framework: "etsi-en-303-645",
  provision,
  relationship: "equivalent",
  rationale,
});

async function clauseId(ref: string) {
  const clause = await getDraftClause(test.db, standardId, ref);
  if (!clause) throw new Error(`no clause ${ref}`);
  return clause;
}

describe("frameworks of a standard", () => {
  it("are listed under a key derived from the name, and a key taken is refused", async () => {
    const { key } = await addFramework(test.db, ann, { ...nist, standardSlug: "iotmark" });
    expect(key).toBe("nist-ir-8259-core");
    const listed = await listFrameworks(test.db, standardId);
    expect(listed.map((framework) => framework.key)).toContain("nist-ir-8259-core");
    expect(await refusal(addFramework(test.db, ann, { ...nist, standardSlug: "iotmark" }))).toEqual(
      {
        code: "invalid_input",
        fields: { name: "framework_key_taken" },
      },
    );
    const [entry] = await test.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "drafting.framework_added"))
      .orderBy(desc(auditLog.id));
    expect(entry?.details).toMatchObject({ framework: "nist-ir-8259-core", version: "2020" });
  });

  it("take only http and https addresses", () => {
    const parse = (url: string) => frameworkSchema.safeParse({ ...nist, url }).success;
    expect(parse("https://example.org/x")).toBe(true);
    expect(parse("javascript:alert(1)")).toBe(false);
    expect(parse("ftp://example.org/x")).toBe(false);
  });
});

describe("mappings on a clause", () => {
  it("change the working text, sorted, so it differs from the latest and the adopted revision", async () => {
    const clause = await clauseId("HW-1");
    // Adopt the working text as it stands, so the change shows against the adopted one.
    const number = await test.db.transaction((tx) =>
      takeRevision(tx, clause.id, { kind: "saved", note: "", actorId: ann.id }),
    );
    const [adopted] = await test.db
      .select()
      .from(clauseRevisions)
      .where(and(eq(clauseRevisions.clauseId, clause.id), eq(clauseRevisions.number, number)));
    await test.db
      .update(clauses)
      .set({ adoptedRevisionId: adopted?.id })
      .where(eq(clauses.id, clause.id));
    expect((await clauseId("HW-1")).adoption).toBe("adopted");
    expect((await latestRevisions(test.db, standardId)).get("HW-1")?.current).toBe(true);

    await addMapping(test.db, ann, clause.id, etsi("5.6-1"));
    await addMapping(test.db, ann, clause.id, etsi("5.5-1"));
    const changed = await clauseId("HW-1");
    expect(changed.mappings.map((mapping) => mapping.provision)).toEqual(["5.5-1", "5.6-1"]);
    expect(changed.adoption).toBe("changed");
    expect((await latestRevisions(test.db, standardId)).get("HW-1")?.current).toBe(false);

    const saved = await saveRevision(test.db, ann, clause.id, "Mapped to ETSI");
    const [revision] = await test.db
      .select()
      .from(clauseRevisions)
      .where(and(eq(clauseRevisions.clauseId, clause.id), eq(clauseRevisions.number, saved)));
    expect(revision?.mappings).toEqual(changed.mappings);
    expect((await latestRevisions(test.db, standardId)).get("HW-1")?.current).toBe(true);

    await removeMapping(test.db, ann, clause.id, etsi("5.6-1"));
    expect((await clauseId("HW-1")).mappings.map((mapping) => mapping.provision)).toEqual([
      "5.5-1",
    ]);
    expect((await latestRevisions(test.db, standardId)).get("HW-1")?.current).toBe(false);
  });

  it("refuse a framework the standard does not list, a link not there, and nothing new", async () => {
    const clause = await clauseId("HW-2");
    expect(
      await refusal(addMapping(test.db, ann, clause.id, { ...etsi("1"), framework: "iso-27001" })),
    ).toEqual({ code: "invalid_input", fields: { framework: "unknown_framework" } });
    expect(await refusal(removeMapping(test.db, ann, clause.id, etsi("9.9-9")))).toEqual({
      code: "not_found",
      fields: {},
    });
    await addMapping(test.db, ann, clause.id, etsi("5.4-1"));
    expect(await refusal(addMapping(test.db, ann, clause.id, etsi("5.4-1")))).toEqual({
      code: "invalid_input",
      fields: { provision: "no_changes" },
    });
    // The same link with new words replaces the rationale.
    await addMapping(test.db, ann, clause.id, etsi("5.4-1", "Now in other words."));
    expect((await clauseId("HW-2")).mappings).toEqual([etsi("5.4-1", "Now in other words.")]);
  });

  it("refuse an unknown relationship by its own code", () => {
    const parsed = mappingSchema.safeParse({ ...etsi("5.1-1"), relationship: "kinda" });
    expect(parsed.success ? null : parsed.error.issues[0]?.message).toBe("unknown_relationship");
  });
});

/** Records a clause's working text as a revision and makes it the adopted one. */
async function adoptWorkingText(ref: string) {
  const clause = await clauseId(ref);
  const number = await test.db.transaction((tx) =>
    takeRevision(tx, clause.id, { kind: "saved", note: "", actorId: ann.id }),
  );
  const [revision] = await test.db
    .select()
    .from(clauseRevisions)
    .where(and(eq(clauseRevisions.clauseId, clause.id), eq(clauseRevisions.number, number)));
  await test.db
    .update(clauses)
    .set({ adoptedRevisionId: revision?.id })
    .where(eq(clauses.id, clause.id));
}

describe("release candidates", () => {
  it("carry adopted mappings and the frameworks they name, and nothing when none", async () => {
    await adoptWorkingText("HW-1");
    await adoptWorkingText("HW-3");
    const draft = await draftCandidate(test.db, standardId);
    const hw1 = draft.content.clauses.find((entry) => entry.ref === "HW-1");
    expect(hw1?.mappings).toEqual([etsi("5.5-1")]);
    expect(draft.content.frameworks?.map((framework) => framework.key)).toContain(
      "etsi-en-303-645",
    );
    // A framework no adopted clause maps to stays out.
    expect(draft.content.frameworks?.map((framework) => framework.key)).not.toContain(
      "nist-ir-8259-core",
    );
    expect(contentProblems({ ...draft.content, version: "1.0.0", notes: "" })).toEqual([]);
    const unmapped = draft.content.clauses.find((entry) => entry.ref === "HW-3");
    expect(unmapped && "mappings" in unmapped).toBe(false);
  });

  it("of a standard without mappings keep the digest a release had before mappings existed", async () => {
    const [other] = await test.db
      .insert(standards)
      .values({ slug: "plain", name: "Plain", summary: "" })
      .returning();
    if (!other) throw new Error("no standard");
    const draft = await draftCandidate(test.db, other.id);
    // Not even an empty list: the canonical JSON, and so the digest, is what it was.
    const json = canonicalJson({ ...draft.content, version: "1.0.0", notes: "" });
    expect(json).toBe(
      '{"clauses":[],"levels":[],"modules":[],"notes":"","standard":{"name":"Plain","slug":"plain","summary":""},"version":"1.0.0"}',
    );
    const demo = await draftCandidate(test.db, standardId);
    const unmapped = demo.content.clauses.filter((entry) => !entry.mappings);
    expect(unmapped.length).toBeGreaterThan(0);
    expect(canonicalJson(unmapped)).not.toContain("mappings");
  });
});

describe("Markdown and restored revisions", () => {
  it("carry frameworks and mappings: the draft's export re-imports with them", async () => {
    const document = await loadStandardDocument(test.db, "iotmark");
    const markdown = exportStandard(document ?? ({} as StandardDocument));
    expect(markdown).toContain('Mappings:\n- etsi-en-303-645 "5.1-1" equivalent');
    const parsed = parseStandard(markdown.replace('slug: "iotmark"', 'slug: "iotmark-copy"'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const sam = await createSecretary(test.db, { name: "Sam" });
    await importStandard(test.db, sam, parsed.standard);
    const copy = await loadStandardDocument(test.db, "iotmark-copy");
    expect(copy?.frameworks).toEqual(document?.frameworks);
    expect(copy?.clauses.find((clause) => clause.ref === "SW-4")?.mappings).toEqual(
      document?.clauses.find((clause) => clause.ref === "SW-4")?.mappings,
    );
  });

  it("bring back the mappings of the revision restored", async () => {
    const clause = await clauseId("HW-2");
    const before = await saveRevision(test.db, ann, clause.id, "Mapped");
    await removeMapping(test.db, ann, clause.id, etsi("5.4-1"));
    expect((await clauseId("HW-2")).mappings).toEqual([]);
    await restoreRevision(test.db, ann, clause.id, before, async () => {});
    expect((await clauseId("HW-2")).mappings).toEqual([etsi("5.4-1", "Now in other words.")]);
  });
});
