import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "@/lib/db/client";
import { getDraftPage } from "@/lib/drafting/draft-page";
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

  it("does not exist for an unknown standard or module", async () => {
    expect(await getDraftPage(test.db, "nope", {})).toBeNull();
    expect(await getDraftPage(test.db, "big", { module: "NOPE" })).toBeNull();
  });
});
