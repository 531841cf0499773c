import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import type { Participant } from "@/lib/community/authz";
import { seedDemo } from "@/lib/demo/seed";
import { createClause, moveClause, updateClauseMeta } from "@/lib/drafting/mutations";
import {
  getDraftClause,
  getStandardAxes,
  listDraftClauses,
  listRevisions,
} from "@/lib/drafting/queries";
import { retireClause } from "@/lib/drafting/retire";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { outcomeOf } from "@/tests/outcome";
import { createPerson, signedIn } from "@/tests/people";

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

const meta = {
  title: "Local control",
  moduleCode: "HW",
  level: "Gold",
  strength: "SHOULD" as const,
};

describe("the demo standard", () => {
  it("has at least 25 clauses across all five modules and three levels, each with history", async () => {
    const clauses = await listDraftClauses(test.db, standardId);
    const axes = await getStandardAxes(test.db, "iotmark");
    expect(clauses.length).toBeGreaterThanOrEqual(25);
    expect(new Set(clauses.map((clause) => clause.moduleId)).size).toBe(5);
    expect(new Set(clauses.map((clause) => clause.levelId).filter(Boolean)).size).toBe(3);
    expect(axes?.modules.map((module) => module.code)).toEqual([
      "ORG",
      "HW",
      "SW",
      "LEGAL",
      "DATA",
    ]);
    const histories = await Promise.all(clauses.map((clause) => listRevisions(test.db, clause.id)));
    expect(histories.every((history) => history.length >= 1)).toBe(true);
    expect(
      histories.some((history) => history.length >= 2 && (history[0]?.authors.length ?? 0) === 2),
    ).toBe(true);
  });
});

describe("clauses", () => {
  it("get the next reference in their module, never reused, kept when they move", async () => {
    const before = (await listDraftClauses(test.db, standardId)).filter((clause) =>
      clause.ref.startsWith("HW-"),
    );
    const highest = Math.max(...before.map((clause) => Number(clause.ref.split("-")[1])));
    const first = await createClause(test.db, ann, { ...meta, standardSlug: "iotmark" });
    expect(first.ref).toBe(`HW-${highest + 1}`);
    await retireClause(test.db, ann, first.clauseId);
    const second = await createClause(test.db, ann, { ...meta, standardSlug: "iotmark" });
    expect(second.ref).toBe(`HW-${highest + 2}`);
    await updateClauseMeta(test.db, ann, second.clauseId, { ...meta, moduleCode: "SW" });
    const moved = await getDraftClause(test.db, standardId, second.ref);
    const axes = await getStandardAxes(test.db, "iotmark");
    expect(moved?.moduleId).toBe(axes?.modules.find((module) => module.code === "SW")?.id);
    // The structural change kept the text before it as a revision.
    expect(
      (await listRevisions(test.db, second.clauseId)).map((revision) => revision.note),
    ).toEqual(["Before a change of structure", "Clause added"]);
  });

  it("move up and down within their module", async () => {
    const a = await createClause(test.db, ann, {
      ...meta,
      moduleCode: "LEGAL",
      standardSlug: "iotmark",
    });
    const b = await createClause(test.db, ann, {
      ...meta,
      moduleCode: "LEGAL",
      title: "Second",
      standardSlug: "iotmark",
    });
    const order = async () =>
      (await listDraftClauses(test.db, standardId))
        .filter((clause) => [a.ref, b.ref].includes(clause.ref))
        .map((clause) => clause.ref);
    expect(await order()).toEqual([a.ref, b.ref]);
    await moveClause(test.db, ann, b.clauseId, "up");
    expect(await order()).toEqual([b.ref, a.ref]);
    await moveClause(test.db, ann, b.clauseId, "up"); // already above a; moves past others only
    await moveClause(test.db, ann, a.clauseId, "down"); // already last: nothing happens
    const clauses = (await listDraftClauses(test.db, standardId)).filter((clause) =>
      clause.ref.startsWith("LEGAL-"),
    );
    expect(new Set(clauses.map((clause) => clause.position)).size).toBe(clauses.length);
  });

  it("refuse anonymous changes, unknown modules or levels, and changes to retired clauses", async () => {
    expect(
      await outcomeOf(
        signedIn(null).then((person) =>
          createClause(test.db, person, { ...meta, standardSlug: "iotmark" }),
        ),
      ),
    ).toBe("unauthenticated");
    expect(
      await outcomeOf(
        createClause(test.db, ann, { ...meta, moduleCode: "NOPE", standardSlug: "iotmark" }),
      ),
    ).toBe("invalid_input");
    expect(
      await outcomeOf(
        createClause(test.db, ann, { ...meta, level: "Platinum", standardSlug: "iotmark" }),
      ),
    ).toBe("invalid_input");
    expect(await outcomeOf(createClause(test.db, ann, { ...meta, standardSlug: "nope" }))).toBe(
      "not_found",
    );
    const { clauseId } = await createClause(test.db, ann, { ...meta, standardSlug: "iotmark" });
    await retireClause(test.db, ann, clauseId);
    expect(await outcomeOf(retireClause(test.db, ann, clauseId))).toBe("conflict");
    expect(await outcomeOf(updateClauseMeta(test.db, ann, clauseId, meta))).toBe("conflict");
  });

  it("write every structural change to the audit log", async () => {
    const { clauseId, ref } = await createClause(test.db, ann, {
      ...meta,
      standardSlug: "iotmark",
    });
    await updateClauseMeta(test.db, ann, clauseId, { ...meta, title: "Renamed" });
    await moveClause(test.db, ann, clauseId, "up");
    await retireClause(test.db, ann, clauseId);
    const rows = await test.db.select().from(auditLog).where(eq(auditLog.subjectId, ref));
    expect(rows.map((row) => row.action)).toEqual([
      "drafting.clause_added",
      "drafting.clause_changed",
      "drafting.clause_moved",
      "drafting.clause_retired",
    ]);
  });
});
