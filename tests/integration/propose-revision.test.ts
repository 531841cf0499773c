import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Participant } from "@/lib/community/authz";
import { openCall } from "@/lib/decisions/calls";
import { openCallSchema } from "@/lib/decisions/inputs";
import { calls } from "@/lib/decisions/schema";
import { latestRevisions } from "@/lib/drafting/latest-revision";
import { createClause, saveRevision, updateClauseMeta } from "@/lib/drafting/mutations";
import type { RichText } from "@/lib/drafting/rich-text";
import { clauseRevisions, clauseTexts, modules, standards } from "@/lib/drafting/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

/**
 * "Propose this text for adoption" proposes the latest revision when the text has not changed
 * since it was taken, and takes a new revision only when it has: never two alike in a row.
 */
let test: TestDatabase;
let standardId: string;
let clauseId: string;
let ref: string;
let writer: Participant;

const paragraph = (text: string): RichText => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});

beforeAll(async () => {
  test = await createTestDatabase();
  const [standard] = await test.db
    .insert(standards)
    .values({ slug: "proposals", name: "Proposals" })
    .returning({ id: standards.id });
  standardId = standard?.id ?? "";
  await test.db.insert(modules).values({ standardId, code: "SW", name: "Software", position: 0 });
  writer = await createPerson(test.db, { name: "Wren Writer" });
  ({ clauseId, ref } = await createClause(test.db, writer, {
    standardSlug: "proposals",
    title: "Sign firmware",
    moduleCode: "SW",
    level: "",
    strength: "MUST",
  }));
});
afterAll(() => test?.close());

/** An edit of the working text, as the collab server stores one. */
const edit = (text: string) =>
  test.db
    .update(clauseTexts)
    .set({ body: paragraph(text), plainText: text })
    .where(eq(clauseTexts.clauseId, clauseId));

const revisionNumbers = async () =>
  (
    await test.db
      .select({ number: clauseRevisions.number })
      .from(clauseRevisions)
      .where(eq(clauseRevisions.clauseId, clauseId))
      .orderBy(clauseRevisions.number)
  ).map((row) => row.number);

async function propose(title: string): Promise<number | undefined> {
  const { id } = await openCall(test.db, writer, standardId, {
    kind: "clause_revision",
    clauseRef: ref,
    revision: null,
    title,
    description: "",
    organisations: "",
  });
  const [row] = await test.db
    .select({ number: clauseRevisions.number })
    .from(calls)
    .innerJoin(clauseRevisions, eq(clauseRevisions.id, calls.revisionId))
    .where(eq(calls.id, id));
  return row?.number;
}

describe("proposing the text as it stands", () => {
  it("proposes the revision just saved, and twice with no edit takes no new revision", async () => {
    await edit("Firmware must be signed.");
    const saved = await saveRevision(test.db, writer, clauseId, "Ready for a call");
    expect(await revisionNumbers()).toEqual([1, 2]);

    const latest = (await latestRevisions(test.db, standardId)).get(ref);
    expect(latest).toMatchObject({
      number: saved,
      note: "Ready for a call",
      createdBy: "Wren Writer",
      current: true,
    });

    expect(await propose("Adopt the signing clause")).toBe(saved);
    expect(await propose("Adopt the signing clause, again")).toBe(saved);
    expect(await revisionNumbers()).toEqual([1, 2]);
  });

  it("takes a new revision once the text changed since the latest", async () => {
    await edit("Firmware must be signed with a key kept offline.");
    expect((await latestRevisions(test.db, standardId)).get(ref)).toMatchObject({
      number: 2,
      current: false,
    });
    expect(await propose("Adopt the offline-key wording")).toBe(3);
    const [taken] = await test.db
      .select()
      .from(clauseRevisions)
      .where(eq(clauseRevisions.clauseId, clauseId))
      .orderBy(clauseRevisions.number)
      .offset(2);
    expect(taken).toMatchObject({
      kind: "automatic",
      note: "Proposed for adoption: Adopt the offline-key wording",
      plainText: "Firmware must be signed with a key kept offline.",
    });
    expect(await propose("And once more")).toBe(3);
    expect(await revisionNumbers()).toEqual([1, 2, 3]);
  });

  it("counts a new title as a change", async () => {
    await updateClauseMeta(test.db, writer, clauseId, {
      title: "Sign firmware offline",
      moduleCode: "SW",
      level: "",
      strength: "MUST",
    });
    const before = await revisionNumbers();
    const proposed = await propose("Adopt the new title");
    expect(proposed).toBe((before.at(-1) ?? 0) + 1);
  });
});

describe("the form's revision number", () => {
  const form = {
    kind: "clause_revision",
    clauseRef: "SW-2",
    revision: "3",
    title: "Adopt",
  };

  it("is refused when it was filled in for another clause", () => {
    const parsed = openCallSchema.safeParse({ ...form, revisionOf: "SW-1" });
    expect(parsed.error?.issues).toMatchObject([
      { path: ["revision"], message: "revision_of_other_clause" },
    ]);
  });

  it("does not matter for a question", () => {
    const question = { ...form, kind: "question", clauseRef: "", revisionOf: "SW-1" };
    expect(openCallSchema.safeParse(question).success).toBe(true);
  });

  it("is taken when filled in for this clause, or typed in by hand", () => {
    expect(openCallSchema.safeParse({ ...form, revisionOf: "SW-2" }).data?.revision).toBe(3);
    expect(openCallSchema.safeParse(form).data?.revision).toBe(3);
  });
});
