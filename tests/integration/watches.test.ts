import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Participant } from "@/lib/community/authz";
import { createClause } from "@/lib/drafting/mutations";
import { modules, standards } from "@/lib/drafting/schema";
import { setWatch } from "@/lib/notifications/mutations";
import { watches } from "@/lib/notifications/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { outcomeOf } from "@/tests/outcome";
import { createPerson } from "@/tests/people";

let test: TestDatabase;
let ann: Participant;
let standardId: string;
let moduleId: string;
let clauseId: string;

beforeAll(async () => {
  test = await createTestDatabase();
  ann = await createPerson(test.db, { name: "Ann" });
  const [standard] = await test.db
    .insert(standards)
    .values({ slug: "watched", name: "Watched" })
    .returning({ id: standards.id });
  standardId = standard?.id ?? "";
  const [module] = await test.db
    .insert(modules)
    .values({ standardId, code: "SW", name: "Software", position: 0 })
    .returning({ id: modules.id });
  moduleId = module?.id ?? "";
  ({ clauseId } = await createClause(test.db, ann, {
    standardSlug: "watched",
    title: "Updates",
    moduleCode: "SW",
    level: "",
    strength: "MUST",
  }));
});
afterAll(() => test?.close());

const watchCount = async () =>
  (await test.db.select({ n: count() }).from(watches).where(eq(watches.userId, ann.id)))[0]?.n;

describe("watches", () => {
  it("are only created on things that exist", async () => {
    for (const target of ["standard", "module", "clause", "thread"] as const) {
      expect(await outcomeOf(setWatch(test.db, ann, target, randomUUID(), true))).toBe("not_found");
    }
    // A real id of the wrong kind is no better.
    expect(await outcomeOf(setWatch(test.db, ann, "thread", clauseId, true))).toBe("not_found");
    expect(await watchCount()).toBe(0);
    await setWatch(test.db, ann, "standard", standardId, true);
    await setWatch(test.db, ann, "module", moduleId, true);
    await setWatch(test.db, ann, "clause", clauseId, true);
    expect(await watchCount()).toBe(3);
    // Stopping a watch on something that does not exist is harmless.
    await setWatch(test.db, ann, "clause", randomUUID(), false);
  });
});
