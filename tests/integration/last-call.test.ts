import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Participant } from "@/lib/community/authz";
import { getCallPage } from "@/lib/decisions/call-page";
import { closeDue } from "@/lib/decisions/close-due";
import { type LastCallScope, lastCallCandidates, openLastCall } from "@/lib/decisions/last-call";
import { takePosition } from "@/lib/decisions/positions";
import { waitingFor } from "@/lib/decisions/queries";
import { addDays } from "@/lib/decisions/rules";
import { callItems, calls, positions } from "@/lib/decisions/schema";
import { appealDecision, castVote } from "@/lib/decisions/votes";
import { demoEmail, seedDemo } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { clauses } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { seedLargeDraft } from "@/tests/large-draft";

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
  for (const key of ["noor", "lena", "kofi", "sam", "rosa", "tomas", "mei", "amara"]) {
    people[key] = await demo(key);
  }
  // Twelve clauses over five modules, two of them retired, none adopted yet.
  ({ standardId } = await seedLargeDraft(test.db, "lastcall", 12));
});
afterAll(() => test?.close());

const open = (scope: LastCallScope, at = t0) =>
  openLastCall(
    test.db,
    p("noor"),
    standardId,
    { title: "Last call", description: "", organisations: "", scope },
    at,
  );
const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) =>
      error instanceof DomainError ? Object.values(error.fieldErrors ?? {})[0] : String(error),
  );
const itemsOf = (callId: string) =>
  test.db.select().from(callItems).where(eq(callItems.callId, callId)).orderBy(callItems.position);
const callCount = async () => (await test.db.select({ id: calls.id }).from(calls)).length;
const picked = (clauseRefs: string[]): LastCallScope => ({
  kind: "picked",
  clauseRefs,
  sectionSlugs: [],
});

describe("a last call", () => {
  let moduleCall = "";
  let changedCall = "";

  it("refuses a call over nothing, and writes nothing", async () => {
    const before = await callCount();
    expect(await refusalOf(open(picked([])))).toBe("no_changes");
    expect(await refusalOf(open({ kind: "module", moduleCode: "NOPE" }))).toBe("unknown_module");
    expect(await callCount()).toBe(before);
  });

  it("opens on one module as drafted, its changed clauses in order", async () => {
    const call = await open({ kind: "module", moduleCode: "SW" });
    moduleCall = call.id;
    const items = await itemsOf(call.id);
    const refs = await test.db
      .select({ id: clauses.id, number: clauses.refNumber })
      .from(clauses)
      .where(and(eq(clauses.standardId, standardId), eq(clauses.refCode, "SW")));
    expect(items.map((item) => item.kind)).toEqual(["adopt_clause", "adopt_clause"]);
    expect(items.every((item) => item.revisionId)).toBe(true);
    expect(new Set(items.map((item) => item.clauseId))).toEqual(new Set(refs.map((r) => r.id)));
  });

  it("refuses clauses another open call decides, and writes nothing", async () => {
    const before = await callCount();
    expect(await refusalOf(open(picked(["SW-1", "ORG-2"])))).toBe("in_open_call");
    expect(await callCount()).toBe(before);
  });

  it("opens on every clause changed since adopted, leaving out the busy ones", async () => {
    const call = await open({ kind: "changed" });
    changedCall = call.id;
    const items = await itemsOf(call.id);
    // Ten live clauses, two of them in the module's call.
    expect(items).toHaveLength(8);
    const candidates = await lastCallCandidates(test.db, standardId);
    expect(candidates.filter((c) => c.busy)).toHaveLength(10);
    expect(await refusalOf(open({ kind: "changed" }))).toBe("no_changes");
  });

  it("refuses an objection naming a change outside the call, and writes nothing", async () => {
    const [outside] = await itemsOf(moduleCall);
    const refused = takePosition(
      test.db,
      p("kofi"),
      changedCall,
      { stance: "object", reason: "Not this one.", itemIds: [outside?.id ?? ""] },
      addDays(t0, 1),
    );
    expect(await refusalOf(refused)).toBe("not_in_call");
    const stands = await test.db.select().from(positions).where(eq(positions.callId, changedCall));
    expect(stands).toHaveLength(0);
  });

  it("adopts the unobjected changes and sends the objected one to the advisory group", async () => {
    const items = await itemsOf(changedCall);
    const objected = items[1];
    if (!objected) throw new Error("a second change");
    for (const key of ["lena", "sam", "noor"]) {
      await takePosition(test.db, p(key), changedCall, { stance: "support", reason: "" }, t0);
    }
    await takePosition(
      test.db,
      p("kofi"),
      changedCall,
      { stance: "object", reason: "This one goes too far.", itemIds: [objected.id] },
      addDays(t0, 1),
    );
    // The module's call closes at the same time, with an objection to the whole of it.
    for (const key of ["lena", "sam", "noor"]) {
      await takePosition(test.db, p(key), moduleCall, { stance: "support", reason: "" }, t0);
    }
    await takePosition(
      test.db,
      p("kofi"),
      moduleCall,
      { stance: "object", reason: "The module is not ready.", itemIds: [] },
      addDays(t0, 1),
    );
    const closing = addDays(t0, 14);
    await closeDue(test.db, closing);
    const [parent] = await test.db.select().from(calls).where(eq(calls.id, changedCall));
    expect(parent?.phase).toBe("adopted");
    expect(parent?.rationaleMessage).toEqual({
      key: "decisions.rationales.partlyAdopted",
      params: { positions: 4, adopted: 7, held: 1 },
    });
    const after = await itemsOf(changedCall);
    expect(after.filter((item) => item.outcome === "adopted")).toHaveLength(7);
    const held = after.find((item) => item.id === objected.id);
    expect(held?.outcome).toBe("escalated");
    for (const item of after.filter((row) => row.outcome === "adopted")) {
      const [clause] = await test.db
        .select()
        .from(clauses)
        .where(eq(clauses.id, item.clauseId ?? ""));
      expect(clause?.adoptedRevisionId).toBe(item.revisionId);
    }
    const [child] = await test.db.select().from(calls).where(eq(calls.parentCallId, changedCall));
    expect(child).toMatchObject({
      id: held?.escalatedCallId,
      kind: "changes",
      phase: "escalated_ag",
      agDeadline: addDays(closing, 7),
      charter: parent?.charter,
    });
    expect(child?.title).toMatch(/^Last call: [A-Z]+-\d+$/);
    const [copy, ...more] = await itemsOf(child?.id ?? "");
    expect(more).toHaveLength(0);
    expect(copy).toMatchObject({ clauseId: objected.clauseId, revisionId: objected.revisionId });
    const queue = await waitingFor(test.db, p("rosa"));
    expect(queue.map((call) => call.id)).toContain(child?.id);
  });

  it("settles the held change when the advisory group adopts it, and its last call shows it", async () => {
    const [child] = await test.db.select().from(calls).where(eq(calls.parentCallId, changedCall));
    if (!child) throw new Error("a held change's call");
    const at = addDays(t0, 15);
    for (const key of ["rosa", "tomas"]) {
      await castVote(
        test.db,
        p(key),
        child.id,
        { stage: "ag", choice: "adopt", rationale: "The wording is proportionate." },
        at,
      );
    }
    // Only those who took a position (on the last call) may appeal.
    expect(
      await appealDecision(test.db, p("amara"), child.id, "No.", at).catch((e) => e.code),
    ).toBe("no_position");
    await closeDue(test.db, addDays(at, 8));
    const [copy] = await itemsOf(child.id);
    expect(copy?.outcome).toBe("adopted");
    const [clause] = await test.db
      .select()
      .from(clauses)
      .where(eq(clauses.id, copy?.clauseId ?? ""));
    expect(clause?.adoptedRevisionId).toBe(copy?.revisionId);
    const [parent] = await test.db.select().from(calls).where(eq(calls.id, changedCall));
    const page = await getCallPage(test.db, "lastcall", parent?.number ?? 0, null);
    const shown = page?.changes?.items.find((item) => item.outcome === "escalated");
    expect(shown?.escalated).toEqual({ number: child.number, phase: "adopted" });
    expect(shown?.objections.map((objection) => objection.author)).toEqual(["Kofi Mensah"]);
    expect(page?.changes?.items.filter((item) => item.outcome === "adopted")).toHaveLength(7);
  });

  it("sends the whole call to the advisory group on an objection to the whole", async () => {
    const [call] = await test.db.select().from(calls).where(eq(calls.id, moduleCall));
    // It went to the advisory group at close (and, undecided since, on to the SC).
    expect(call?.agDeadline).toEqual(addDays(t0, 21));
    expect(["escalated_ag", "escalated_sc"]).toContain(call?.phase);
    expect((await itemsOf(moduleCall)).every((item) => item.outcome === "pending")).toBe(true);
    const children = await test.db.select().from(calls).where(eq(calls.parentCallId, moduleCall));
    expect(children).toHaveLength(0);
  });

  it("opens on a hand-picked set, even of adopted text", async () => {
    const call = await open(picked(["ORG-2", "HW-1"]), addDays(t0, 31));
    expect(await itemsOf(call.id)).toHaveLength(2);
  });
});
