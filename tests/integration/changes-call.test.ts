import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Participant } from "@/lib/community/authz";
import { type ChangeRequest, openChangesCall } from "@/lib/decisions/changes";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { addDays } from "@/lib/decisions/rules";
import { callItems, calls } from "@/lib/decisions/schema";
import { demoEmail, seedDemo } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { createClause } from "@/lib/drafting/mutations";
import { clauses, modules, standards } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/tests/database";

let test: TestDatabase;
let standardId: string;
const t0 = new Date("2026-12-01T10:00:00Z");
const people: Record<string, Participant> = {};
const p = (key: string): Participant => {
  const person = people[key];
  if (!person) throw new Error(key);
  return person;
};

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db);
  const demo = demoViewers(test.db, demoEmail, t0);
  for (const key of ["noor", "lena", "kofi", "sam"]) people[key] = await demo(key);
  const [standard] = await test.db.select().from(standards).where(eq(standards.slug, "iotmark"));
  standardId = standard?.id ?? "";
});
afterAll(() => test?.close());

const open = (items: ChangeRequest[], at = t0) =>
  test.db.transaction((tx) =>
    openChangesCall(
      tx,
      p("noor").id,
      standardId,
      { title: "Last call", description: "", organisations: "", items },
      at,
    ),
  );

const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof DomainError ? error.fieldErrors?.items : String(error)),
  );

async function newClauses(count: number) {
  const made = [];
  for (let index = 0; index < count; index++) {
    const { ref } = await createClause(test.db, p("noor"), {
      standardSlug: "iotmark",
      title: `Set change ${index + 1}`,
      moduleCode: "SW",
      level: "Bronze",
      strength: "MUST",
    });
    const [code, number] = ref.split("-");
    const [clause] = await test.db
      .select()
      .from(clauses)
      .where(
        and(
          eq(clauses.standardId, standardId),
          eq(clauses.refCode, code ?? ""),
          eq(clauses.refNumber, Number(number)),
        ),
      );
    if (clause) made.push(clause);
  }
  return made;
}

const supportAndClose = async (callId: string, at: Date) => {
  for (const key of ["lena", "kofi", "sam"]) {
    await takePosition(test.db, p(key), callId, { stance: "support", reason: "" }, at);
  }
  await closeDue(test.db, addDays(at, 14));
};

describe("a call on a set of changes", () => {
  it("refuses a call over nothing, and writes nothing", async () => {
    const before = await test.db.select().from(calls);
    expect(await refusalOf(open([]))).toBe("no_changes");
    expect(await test.db.select().from(calls)).toHaveLength(before.length);
  });

  it("refuses to retire a clause never adopted: that needs no call", async () => {
    const [fresh] = await test.db
      .select()
      .from(clauses)
      .where(and(eq(clauses.standardId, standardId), isNull(clauses.adoptedRevisionId)))
      .limit(1);
    if (!fresh) return; // every demo clause adopted: nothing to check here
    expect(await refusalOf(open([{ kind: "retire_clause", clauseId: fresh.id }]))).toBe(
      "not_adopted",
    );
  });

  it("adopts, retires and moves together when it closes with consensus", async () => {
    const [a, b, c] = await newClauses(3);
    if (!a || !b || !c) throw new Error("three new clauses");
    // A never-adopted clause cannot be retired or moved by a call: that needs none.
    expect(await refusalOf(open([{ kind: "retire_clause", clauseId: a.id }]))).toBe("not_adopted");
    const founding = await open([
      { kind: "adopt_clause", clauseId: b.id },
      { kind: "adopt_clause", clauseId: c.id },
    ]);
    await supportAndClose(founding.id, t0);
    const [other] = await test.db
      .select()
      .from(modules)
      .where(eq(modules.standardId, standardId))
      .limit(5)
      .then((rows) => rows.filter((row) => row.id !== c.moduleId));
    if (!other) throw new Error("demo has several modules");
    const later = addDays(t0, 20);
    const call = await open(
      [
        { kind: "adopt_clause", clauseId: a.id },
        { kind: "retire_clause", clauseId: b.id },
        { kind: "move_clause", clauseId: c.id, moduleId: other.id },
      ],
      later,
    );
    // The same clauses cannot be in two open calls at once.
    expect(await refusalOf(open([{ kind: "retire_clause", clauseId: b.id }]))).toBe("in_open_call");
    // Until the call is decided, nothing has changed.
    const [stillB] = await test.db.select().from(clauses).where(eq(clauses.id, b.id));
    expect(stillB?.retiredAt).toBeNull();
    await supportAndClose(call.id, later);
    const [decided] = await test.db.select().from(calls).where(eq(calls.id, call.id));
    expect(decided?.phase).toBe("adopted");
    const items = await test.db.select().from(callItems).where(eq(callItems.callId, call.id));
    expect(items.map((item) => item.outcome)).toEqual(["adopted", "adopted", "adopted"]);
    const after = new Map(
      (await test.db.select().from(clauses)).map((clause) => [clause.id, clause]),
    );
    expect(after.get(a.id)?.adoptedRevisionId).toBe(items[0]?.revisionId);
    expect(after.get(b.id)?.retiredAt).not.toBeNull();
    expect(after.get(c.id)?.moduleId).toBe(other.id);
    // A retired clause is restored by a call too; retiring it again is refused.
    expect(await refusalOf(open([{ kind: "retire_clause", clauseId: b.id }]))).toBe(
      "already_retired",
    );
    const restore = await open([{ kind: "restore_clause", clauseId: b.id }], addDays(t0, 40));
    expect(restore.number).toBeGreaterThan(call.number);
  });
});
