import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "@/lib/db/client";
import { getDraftPage } from "@/lib/drafting/draft-page";
import type { RichText } from "@/lib/drafting/rich-text";
import { clauseRevisions, clauses } from "@/lib/drafting/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { seedLargeDraft } from "@/tests/large-draft";

let test: TestDatabase;
let seeded: Awaited<ReturnType<typeof seedLargeDraft>>;

beforeAll(async () => {
  test = await createTestDatabase();
  seeded = await seedLargeDraft(test.db, "big", 500);
});
afterAll(() => test?.close());

const moduleId = (code: string) => seeded.modules.find((module) => module.code === code)?.id;

describe("the working draft page", () => {
  it("shows one module at a time, the first by default, in a fixed number of queries", async () => {
    const queries: string[] = [];
    const counted = createDatabase(test.url, { max: 2, onQuery: (query) => queries.push(query) });
    const view = await getDraftPage(counted.db, "big", {});
    await counted.pool.end();
    expect(view?.module?.code).toBe("ORG");
    expect(view?.clauses).toHaveLength(100);
    expect(view?.clauses.every((clause) => clause.moduleId === moduleId("ORG"))).toBe(true);
    expect([...(view?.counts.values() ?? [])]).toEqual([100, 100, 100, 100, 100]);
    expect(queries.length).toBeLessThanOrEqual(5);
  });

  it("shows the module asked for, filtered by level, without retired clauses", async () => {
    const view = await getDraftPage(test.db, "big", { module: "SW", level: "Silver" });
    const allowed = new Set(
      seeded.levels.filter((level) => level.name !== "Gold").map((level) => level.id),
    );
    expect(view?.level?.name).toBe("Silver");
    expect(view?.clauses.length).toBeGreaterThan(0);
    expect(view?.clauses.length).toBeLessThan(100);
    for (const clause of view?.clauses ?? []) {
      expect(clause.moduleId).toBe(moduleId("SW"));
      expect(allowed.has(clause.levelId ?? "")).toBe(true);
      expect(clause.retiredAt).toBeNull();
    }
  });

  it("tells each clause's adoption: adopted as it is, changed since, or never adopted", async () => {
    const [adopted, changed, retitled] = (
      await getDraftPage(test.db, "big", { module: "HW" })
    )?.clauses
      .filter((clause) => !clause.retiredAt)
      .slice(0, 3) ?? [undefined, undefined, undefined];
    if (!adopted || !changed || !retitled) throw new Error("the seed has too few clauses");
    for (const [clause, body, title] of [
      [adopted, adopted.body, adopted.title],
      [changed, { type: "doc", content: [{ type: "paragraph" }] } as RichText, changed.title],
      [retitled, retitled.body, "An older title"],
    ] as const) {
      const [revision] = await test.db
        .insert(clauseRevisions)
        .values({
          clauseId: clause.id,
          number: 1,
          kind: "saved",
          title,
          strength: clause.strength,
          levelId: clause.levelId,
          body,
          assessment: clause.assessment,
          examples: clause.examples,
          plainText: "",
          authorIds: [],
        })
        .returning({ id: clauseRevisions.id });
      await test.db
        .update(clauses)
        .set({ adoptedRevisionId: revision?.id })
        .where(eq(clauses.id, clause.id));
    }
    const view = await getDraftPage(test.db, "big", { module: "HW" });
    const adoptionOf = new Map(view?.clauses.map((clause) => [clause.id, clause.adoption]));
    expect(adoptionOf.get(adopted.id)).toBe("adopted");
    expect(adoptionOf.get(changed.id)).toBe("changed");
    expect(adoptionOf.get(retitled.id)).toBe("changed");
    const others = view?.clauses.filter(
      (clause) => ![adopted.id, changed.id, retitled.id].includes(clause.id),
    );
    expect(others?.every((clause) => clause.adoption === "never")).toBe(true);
    await test.db
      .update(clauses)
      .set({ adoptedRevisionId: null })
      .where(inArray(clauses.id, [adopted.id, changed.id, retitled.id]));
  });

  it("does not exist for an unknown standard or module", async () => {
    expect(await getDraftPage(test.db, "nope", {})).toBeNull();
    expect(await getDraftPage(test.db, "big", { module: "NOPE" })).toBeNull();
  });
});
