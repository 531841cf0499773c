import fs from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireSecretariat, type Secretariat } from "@/lib/community/authz";
import { seedDemo } from "@/lib/demo/seed";
import { exportStandard, parseStandard } from "@/lib/drafting/markdown/document";
import { parsePlainDocument } from "@/lib/drafting/markdown/plain";
import { clauses, standards } from "@/lib/drafting/schema";
import { importStandard, loadStandardDocument } from "@/lib/drafting/transfer";
import { DomainError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson, createSecretary } from "@/tests/people";

let test: TestDatabase;
let secretary: Secretariat;
beforeAll(async () => {
  test = await createTestDatabase();
  secretary = await createSecretary(test.db, { name: "Sam" });
});
afterAll(() => test?.close());

const fixture = (name: string) => fs.readFileSync(`lib/drafting/fixtures/${name}`, "utf8");

function parsed(markdown: string) {
  const result = parseStandard(markdown);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.standard;
}

describe("Markdown through the database", () => {
  it("export → import → export is byte-identical", async () => {
    const original = fixture("iotmark-export.md");
    await importStandard(test.db, secretary, parsed(original));
    const stored = await loadStandardDocument(test.db, parsed(original).slug);
    expect(stored).not.toBeNull();
    expect(exportStandard(stored ?? parsed(original))).toBe(original);
  });

  it("round-trips the whole demo standard", async () => {
    await seedDemo(test.db);
    const demo = await loadStandardDocument(test.db, "iotmark");
    if (!demo) throw new Error("no demo");
    const exported = exportStandard(demo);
    const copy = { ...parsed(exported), slug: "iotmark-copy" };
    await importStandard(test.db, secretary, copy);
    const again = await loadStandardDocument(test.db, "iotmark-copy");
    expect(exportStandard({ ...(again ?? copy), slug: "iotmark" })).toBe(exported);
  });

  it("imports an outside document in plain conventions", async () => {
    const result = parsePlainDocument(fixture("outside-document.md"), {
      slug: "outside",
      name: "Outside Principles",
      levels: [{ name: "Bronze", summary: "" }],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { clauses: count } = await importStandard(test.db, secretary, result.standard);
    expect(count).toBe(result.standard.clauses.length);
    const stored = await loadStandardDocument(test.db, "outside");
    expect(stored?.clauses.map((clause) => clause.strength)).toEqual(
      result.standard.clauses.map((clause) => clause.strength),
    );
  });

  it("leaves nothing behind when an import fails, and only the secretariat imports", async () => {
    const document = { ...parsed(fixture("iotmark-export.md")), slug: "half-way" };
    // A clause whose module is missing fails after the standard row was written.
    const broken = {
      ...document,
      clauses: [...document.clauses, { ...document.clauses[0], moduleCode: "NOPE" }],
    };
    await expect(
      importStandard(test.db, secretary, broken as typeof document),
    ).rejects.toBeInstanceOf(DomainError);
    expect(
      await test.db.select().from(standards).where(eq(standards.slug, "half-way")),
    ).toHaveLength(0);
    const participant = await createPerson(test.db, { name: "Pat" });
    await expect(
      requireSecretariat(test.db, participant, "drafting.import_standard").then((proof) =>
        importStandard(test.db, proof, document),
      ),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      importStandard(test.db, secretary, { ...document, slug: "import" }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    const total = await test.db.select().from(clauses);
    const expected = await Promise.all(
      ["iot-trustmark", "iotmark", "iotmark-copy", "outside"].map(
        async (slug) => (await loadStandardDocument(test.db, slug))?.clauses.length ?? 0,
      ),
    );
    expect(total.length).toBe(expected.reduce((sum, count) => sum + count, 0));
  });
});
