import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Participant } from "@/lib/community/authz";
import { openThread, setThreadStatus } from "@/lib/discussion/mutations";
import { createClause, saveRevision } from "@/lib/drafting/mutations";
import { clauses, modules, standards } from "@/lib/drafting/schema";
import { listAudit } from "@/lib/transparency/queries";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

let test: TestDatabase;
let ann: Participant;

async function standardWithModule(slug: string, name: string) {
  const [standard] = await test.db
    .insert(standards)
    .values({ slug, name })
    .returning({ id: standards.id });
  if (!standard) throw new Error("no standard");
  const [module] = await test.db
    .insert(modules)
    .values({ standardId: standard.id, code: "SW", name: "Software", position: 1 })
    .returning({ id: modules.id });
  if (!module) throw new Error("no module");
  return { standardId: standard.id, moduleId: module.id };
}

beforeAll(async () => {
  test = await createTestDatabase();
  ann = await createPerson(test.db, { name: "Ann" });
  await standardWithModule("first", "First Standard");
});
afterAll(() => test?.close());

const clauseEntries = async (ref: string) =>
  (await listAudit(test.db, { subjectType: "clause", subjectId: ref })).rows;

// Clause entries name the clause by its reference, which is unique within one standard only: the
// log's sentences link a clause where the record says, or shows without a doubt, which one it is.
describe("where the public log's clause entries point", () => {
  it("finds a clause's standard, and names each thread entry's thread by its title", async () => {
    const { clauseId, ref } = await createClause(test.db, ann, {
      standardSlug: "first",
      title: "Signed updates",
      moduleCode: "SW",
      level: "",
      strength: "MUST",
    });
    await saveRevision(test.db, ann, clauseId, "First wording");
    const { threadId } = await openThread(test.db, ann, clauseId, {
      kind: "question",
      title: "Which keys?",
      quote: "",
      body: "Which keys sign the updates?",
    });
    await setThreadStatus(test.db, ann, threadId, { status: "resolved", reason: "Answered." });

    const rows = await clauseEntries(ref);
    expect(rows.map((row) => [row.action, row.place?.slug])).toEqual([
      ["discussion.thread_resolved", "first"],
      ["discussion.thread_opened", "first"],
      ["drafting.revision_saved", "first"],
      ["drafting.clause_added", "first"],
    ]);
    expect(rows[0]?.place).toEqual({ slug: "first", name: "First Standard" });
    expect(rows[0]?.details).toMatchObject({ thread: threadId, title: "Which keys?" });

    // Another standard with a clause of the same reference: an entry that names only the
    // reference no longer says which clause it is, and is not linked to either.
    const { standardId, moduleId } = await standardWithModule("second", "Second Standard");
    const [, number] = ref.split("-");
    await test.db.insert(clauses).values({
      standardId,
      moduleId,
      refCode: "SW",
      refNumber: Number(number),
      title: "Same reference",
      strength: "MUST",
      position: 1,
    });
    const again = await clauseEntries(ref);
    expect(again.map((row) => [row.action, row.place?.slug ?? null])).toEqual([
      ["discussion.thread_resolved", "first"],
      ["discussion.thread_opened", "first"],
      ["drafting.revision_saved", null],
      ["drafting.clause_added", "first"],
    ]);
  });
});
