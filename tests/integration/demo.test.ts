import { readFileSync } from "node:fs";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/lib/demo/seed";
import { formatRef } from "@/lib/drafting/rules";
import { clauseRevisions, clauses, standards } from "@/lib/drafting/schema";
import { termsOf } from "@/lib/drafting/terms";
import { contentDigest, type ReleaseContent } from "@/lib/releases/content";
import { getRelease } from "@/lib/releases/queries";
import { createTestDatabase, type TestDatabase } from "@/tests/database";

let test: TestDatabase;
let standardId = "";

// The demo as `npm run dev` creates it: clauses with their histories, both releases, open calls.
beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db, new Date("2026-11-20T09:00:00Z"), { releases: true });
  const [standard] = await test.db.select().from(standards).where(eq(standards.slug, "iotmark"));
  standardId = standard?.id ?? "";
}, 240_000);
afterAll(() => test?.close());

const demoClauses = () =>
  test.db
    .select()
    .from(clauses)
    .where(eq(clauses.standardId, standardId))
    .orderBy(asc(clauses.refCode), asc(clauses.refNumber));

describe("the demo community", () => {
  it("dates each clause's revisions in the order they are numbered", async () => {
    const rows = await test.db
      .select({
        refCode: clauses.refCode,
        refNumber: clauses.refNumber,
        number: clauseRevisions.number,
        createdAt: clauseRevisions.createdAt,
      })
      .from(clauseRevisions)
      .innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
      .where(and(eq(clauses.standardId, standardId)))
      .orderBy(asc(clauses.refCode), asc(clauses.refNumber), asc(clauseRevisions.number));
    const outOfOrder: string[] = [];
    for (const [index, row] of rows.entries()) {
      const before = rows[index - 1];
      const sameClause = before?.refCode === row.refCode && before.refNumber === row.refNumber;
      if (before && sameClause && before.createdAt >= row.createdAt) {
        outOfOrder.push(
          `${formatRef(row.refCode, row.refNumber)}: revision ${row.number} (${row.createdAt.toISOString()}) is not after revision ${before.number} (${before.createdAt.toISOString()})`,
        );
      }
    }
    expect(rows.length).toBeGreaterThan(0);
    expect(outOfOrder).toEqual([]);
  });

  it("gives every clause a title of its own", async () => {
    const titles = (await demoClauses()).map((clause) => clause.title);
    const repeated = titles.filter((title, index) => titles.indexOf(title) !== index);
    expect(repeated).toEqual([]);
  });

  it("releases its scope, terminology and definitions before the modules", async () => {
    const latest = await getRelease(test.db, "iotmark", "1.1.0");
    expect(latest?.content.sections?.map((section) => section.slug)).toEqual([
      "scope",
      "terminology",
      "definitions",
    ]);
    const definitions = latest?.content.sections?.find((section) => section.kind === "definitions");
    expect(termsOf(definitions?.body ?? { type: "doc" }).map((term) => term.slug)).toEqual([
      "term-device",
      "term-vendor",
      "term-user",
      "term-update",
    ]);
    expect(contentDigest(latest?.content ?? ({} as ReleaseContent))).toBe(latest?.digest);
  });

  it("has as many clauses as the README says", async () => {
    const readme = readFileSync(path.join(import.meta.dirname, "../../README.md"), "utf8");
    const said = readme.match(/IoTmark Principles with (\d+) clauses/)?.[1];
    expect(Number(said)).toBe((await demoClauses()).length);
  });
});
