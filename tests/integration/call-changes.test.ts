import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Participant } from "@/lib/community/authz";
import { getCallPage } from "@/lib/decisions/call-page";
import { openCall } from "@/lib/decisions/calls";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { addDays } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { demoEmail, seedDemo } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { markdownToRichText as md } from "@/lib/drafting/markdown/text";
import { createClause, saveRevision } from "@/lib/drafting/mutations";
import { clauseTexts, standards } from "@/lib/drafting/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";

let test: TestDatabase;
let standardId: string;
let clause: { clauseId: string; ref: string };
const people: Record<string, Participant> = {};
const t0 = new Date("2026-11-01T10:00:00Z");

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db);
  const demo = demoViewers(test.db, demoEmail, t0);
  for (const key of ["noor", "kofi", "lena"]) people[key] = await demo(key);
  const [standard] = await test.db.select().from(standards).where(eq(standards.slug, "iotmark"));
  standardId = standard?.id ?? "";
  clause = await createClause(test.db, person("noor"), {
    standardSlug: "iotmark",
    title: "Signed updates",
    moduleCode: "SW",
    level: "Bronze",
    strength: "SHOULD",
    fields: {
      body: md("Updates SHOULD be signed."),
      assessment: md("The update process."),
      examples: md(""),
    },
  });
});
afterAll(() => test?.close());

function person(key: string): Participant {
  const found = people[key];
  if (!found) throw new Error(key);
  return found;
}

/** Opens a call on the working text and lets the community agree to it. */
async function adoptWorkingText(title: string, at: Date): Promise<number> {
  const { id, number } = await openCall(
    test.db,
    person("noor"),
    standardId,
    {
      kind: "clause_revision",
      clauseRef: clause.ref,
      revision: null,
      title,
      description: "",
      organisations: "",
    },
    at,
  );
  for (const key of ["noor", "kofi", "lena"]) {
    await takePosition(test.db, person(key), id, { stance: "support", reason: "" }, at);
  }
  const [row] = await test.db.select().from(calls).where(eq(calls.id, id));
  await closeDue(test.db, addDays(row?.closesAt ?? at, 0.01));
  return number;
}

const textsOf = async (number: number) =>
  (await getCallPage(test.db, "iotmark", number, null))?.texts ?? null;

describe("what a clause call changes, against the adopted text", () => {
  it("reads a clause never adopted against nothing, before and after its adoption", async () => {
    const first = await adoptWorkingText("Adopt signed updates", t0);
    const texts = await textsOf(first);
    expect(texts?.adopted).toBeNull();
    expect(texts?.proposed).toMatchObject({
      title: "Signed updates",
      strength: "SHOULD",
      level: "Bronze",
      body: md("Updates SHOULD be signed."),
    });
  });

  it("reads a later call against the revision adopted before it, even once it is adopted", async () => {
    await test.db
      .update(clauseTexts)
      .set({ body: md("Updates MUST be signed."), plainText: "Updates MUST be signed." })
      .where(eq(clauseTexts.clauseId, clause.clauseId));
    await saveRevision(test.db, person("noor"), clause.clauseId, "MUST, not SHOULD");
    const [first] = await test.db.select().from(calls).where(eq(calls.clauseId, clause.clauseId));
    const second = await adoptWorkingText("Make signing a MUST", addDays(t0, 30));

    const texts = await textsOf(second);
    expect(texts?.adopted).toMatchObject({
      call: first?.number,
      clause: { body: md("Updates SHOULD be signed.") },
    });
    expect(texts?.proposed.body).toEqual(md("Updates MUST be signed."));
    expect(texts?.working?.body).toEqual(md("Updates MUST be signed."));
    // The first call still shows the change it made: from nothing.
    expect((await textsOf(first?.number ?? 0))?.adopted).toBeNull();
  });
});
