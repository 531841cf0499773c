import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import type { Participant } from "@/lib/community/authz";
import { openCall } from "@/lib/decisions/calls";
import { openChangesCall } from "@/lib/decisions/changes";
import { charterOf } from "@/lib/decisions/charter";
import { proposeCharter } from "@/lib/decisions/charter-calls";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { addDays, defaultCharter } from "@/lib/decisions/rules";
import { callItems, calls } from "@/lib/decisions/schema";
import {
  changeClauseStructure,
  pendingSectionRetirement,
  pendingStructure,
  proposeRestoration,
  proposeRetirement,
  proposeSectionRetirement,
} from "@/lib/decisions/structure";
import { demoEmail, seedDemo } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { createClause, updateClauseMeta } from "@/lib/drafting/mutations";
import { isReadOnly } from "@/lib/drafting/rules";
import { clauseRevisions, clauses, modules, sections, standards } from "@/lib/drafting/schema";
import { createSection } from "@/lib/drafting/sections";
import { DomainError } from "@/lib/errors";
import { draftCandidate } from "@/lib/releases/build";
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
  for (const key of ["noor", "lena", "kofi", "sam", "rosa"]) people[key] = await demo(key);
  const [standard] = await test.db.select().from(standards).where(eq(standards.slug, "iotmark"));
  standardId = standard?.id ?? "";
});
afterAll(() => test?.close());

/** "ok", or the field error (else the code) a refusal carries. */
const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => {
      if (!(error instanceof DomainError)) throw error;
      return Object.values(error.fieldErrors)[0] ?? error.code;
    },
  );

const clauseById = async (id: string) => {
  const [clause] = await test.db.select().from(clauses).where(eq(clauses.id, id));
  if (!clause) throw new Error(id);
  return clause;
};

/** How much is written: calls, their changes, revisions and log entries. */
const footprint = async () => ({
  calls: (await test.db.select({ n: count() }).from(calls))[0]?.n,
  items: (await test.db.select({ n: count() }).from(callItems))[0]?.n,
  revisions: (await test.db.select({ n: count() }).from(clauseRevisions))[0]?.n,
  log: (await test.db.select({ n: count() }).from(auditLog))[0]?.n,
});

const supportAndClose = async (callId: string, at: Date) => {
  for (const key of ["lena", "kofi", "sam"]) {
    await takePosition(test.db, p(key), callId, { stance: "support", reason: "" }, at);
  }
  await closeDue(test.db, addDays(at, 14));
};

const callByNumber = async (number: number) => {
  const [call] = await test.db
    .select()
    .from(calls)
    .where(and(eq(calls.standardId, standardId), eq(calls.number, number)));
  if (!call) throw new Error(`call ${number}`);
  return call;
};

const candidateRefs = async () => {
  const draft = await draftCandidate(test.db, standardId);
  return { included: draft.content.clauses.map((clause) => clause.ref), leftOut: draft.leftOut };
};

/** New clauses in module SW, adopted by one call that closes by `at` + 14 days. */
async function adoptedClauses(titles: string[], at: Date) {
  const made: { id: string; ref: string }[] = [];
  for (const title of titles) {
    const { clauseId, ref } = await createClause(test.db, p("noor"), {
      standardSlug: "iotmark",
      title,
      moduleCode: "SW",
      level: "Bronze",
      strength: "MUST",
    });
    made.push({ id: clauseId, ref });
  }
  const call = await test.db.transaction((tx) =>
    openChangesCall(
      tx,
      p("noor").id,
      standardId,
      {
        title: "Adopt",
        description: "",
        organisations: "",
        items: made.map((clause) => ({ kind: "adopt_clause" as const, clauseId: clause.id })),
      },
      at,
    ),
  );
  await supportAndClose(call.id, at);
  for (const clause of made) expect((await clauseById(clause.id)).adoptedRevisionId).not.toBeNull();
  return made;
}

describe("retiring", () => {
  it("retires an adopted clause only through a call; the candidate keeps it until then", async () => {
    const [kept] = await adoptedClauses(["Retire me by call"], t0);
    if (!kept) throw new Error("clause");
    const at = addDays(t0, 20);
    const outcome = await proposeRetirement(test.db, p("rosa"), kept.id, "Superseded.", at);
    expect(outcome.callNumber).not.toBeNull();
    const call = await callByNumber(outcome.callNumber ?? 0);
    expect(call).toMatchObject({ kind: "changes", title: `Retire ${kept.ref}` });
    expect(call.description).toBe("Superseded.");
    expect((await clauseById(kept.id)).retiredAt).toBeNull();
    expect((await candidateRefs()).included).toContain(kept.ref);
    expect(await pendingStructure(test.db, standardId, [kept.id])).toEqual([
      {
        clauseId: kept.id,
        ref: kept.ref,
        kind: "retire_clause",
        callNumber: call.number,
        moduleCode: null,
      },
    ]);
    // A second proposal while the first is open is refused, and writes nothing.
    const before = await footprint();
    expect(await refusalOf(proposeRetirement(test.db, p("kofi"), kept.id, "Again.", at))).toBe(
      "in_open_call",
    );
    expect(await footprint()).toEqual(before);

    await supportAndClose(call.id, at);
    expect((await clauseById(kept.id)).retiredAt).not.toBeNull();
    const after = await candidateRefs();
    expect(after.included).not.toContain(kept.ref);
    expect(after.leftOut).not.toContain(kept.ref);
    expect(await pendingStructure(test.db, standardId, [kept.id])).toEqual([]);
  });

  it("retires a clause never adopted at once, without a call", async () => {
    const { clauseId } = await createClause(test.db, p("noor"), {
      standardSlug: "iotmark",
      title: "Never adopted",
      moduleCode: "HW",
      level: "Bronze",
      strength: "SHOULD",
    });
    const before = await footprint();
    const outcome = await proposeRetirement(test.db, p("rosa"), clauseId, "A duplicate.");
    expect(outcome.callNumber).toBeNull();
    expect((await clauseById(clauseId)).retiredAt).not.toBeNull();
    expect((await footprint()).calls).toBe(before.calls);
    // Its reason stays with the revision taken before it went.
    const [last] = await test.db
      .select()
      .from(clauseRevisions)
      .where(eq(clauseRevisions.clauseId, clauseId))
      .orderBy(clauseRevisions.number)
      .then((rows) => rows.slice(-1));
    expect(last?.note).toBe("Before retirement: A duplicate.");
    // Retiring it again is refused, and writes nothing.
    const settled = await footprint();
    expect(await refusalOf(proposeRetirement(test.db, p("rosa"), clauseId, "Twice."))).toBe(
      "already_retired",
    );
    expect(await footprint()).toEqual(settled);
  });
});

describe("retiring a prose section", () => {
  const sectionBySlug = async (slug: string) => {
    const [section] = await test.db
      .select()
      .from(sections)
      .where(and(eq(sections.standardId, standardId), eq(sections.slug, slug)));
    if (!section) throw new Error(slug);
    return section;
  };
  const inCandidate = async (slug: string) =>
    ((await draftCandidate(test.db, standardId)).content.sections ?? []).some(
      (section) => section.slug === slug,
    );

  it("retires an adopted section only through a call; the candidate keeps it until then", async () => {
    const at = addDays(t0, 200);
    const scope = await sectionBySlug("scope");
    expect(scope.adoptedRevisionId).not.toBeNull();
    const { callNumber } = await proposeSectionRetirement(
      test.db,
      p("noor"),
      scope.id,
      "The introduction now says the same.",
      at,
    );
    expect(callNumber).not.toBeNull();
    expect(await pendingSectionRetirement(test.db, scope.id)).toBe(callNumber);
    expect((await sectionBySlug("scope")).retiredAt).toBeNull();
    expect(await inCandidate("scope")).toBe(true);
    // A second proposal while the first is open is refused, with nothing written.
    const before = await footprint();
    expect(await refusalOf(proposeSectionRetirement(test.db, p("kofi"), scope.id, "", at))).toBe(
      "in_open_call",
    );
    expect(await footprint()).toEqual(before);
    const call = await callByNumber(callNumber ?? 0);
    await supportAndClose(call.id, at);
    expect((await sectionBySlug("scope")).retiredAt).not.toBeNull();
    expect(await inCandidate("scope")).toBe(false);
    expect(await pendingSectionRetirement(test.db, scope.id)).toBeNull();
    expect(await refusalOf(proposeSectionRetirement(test.db, p("noor"), scope.id, "", at))).toBe(
      "already_retired",
    );
  });

  it("retires a section never adopted at once, without a call", async () => {
    const { sectionId } = await createSection(test.db, p("noor"), {
      standardSlug: "iotmark",
      kind: "other",
      title: "Notes for assessors",
    });
    const before = (await test.db.select({ n: count() }).from(calls))[0]?.n;
    expect(await proposeSectionRetirement(test.db, p("noor"), sectionId, "Not needed.")).toEqual({
      callNumber: null,
    });
    const [section] = await test.db.select().from(sections).where(eq(sections.id, sectionId));
    expect(section?.retiredAt).not.toBeNull();
    expect((await test.db.select({ n: count() }).from(calls))[0]?.n).toBe(before);
  });
});

describe("restoring", () => {
  it("brings a retired clause back under the same reference by a call", async () => {
    const start = addDays(t0, 40);
    const [clause] = await adoptedClauses(["Retire then restore"], start);
    if (!clause) throw new Error("clause");
    // Restoring a clause that is not retired is refused, and writes nothing.
    const before = await footprint();
    expect(await refusalOf(proposeRestoration(test.db, p("rosa"), clause.id, "Why not."))).toBe(
      "not_retired",
    );
    expect(await footprint()).toEqual(before);

    const retire = await proposeRetirement(test.db, p("rosa"), clause.id, "Gone.", start);
    await supportAndClose((await callByNumber(retire.callNumber ?? 0)).id, start);
    const retired = await clauseById(clause.id);
    expect(isReadOnly(retired)).toBe(true);

    const later = addDays(start, 20);
    const restore = await proposeRestoration(test.db, p("kofi"), clause.id, "Still needed.", later);
    expect(restore.ref).toBe(clause.ref);
    expect((await clauseById(clause.id)).retiredAt).not.toBeNull();
    await supportAndClose((await callByNumber(restore.callNumber ?? 0)).id, later);
    const back = await clauseById(clause.id);
    expect(back.retiredAt).toBeNull();
    expect(isReadOnly(back)).toBe(false);
    expect(back.adoptedRevisionId).toBe(retired.adoptedRevisionId);
    expect((await candidateRefs()).included).toContain(clause.ref);
  });
});

describe("moving to another module", () => {
  it("moves an adopted clause by a call, and saves the rest of the change at once", async () => {
    const start = addDays(t0, 80);
    const [clause] = await adoptedClauses(["Move me"], start);
    if (!clause) throw new Error("clause");
    const [hw] = await test.db
      .select()
      .from(modules)
      .where(and(eq(modules.standardId, standardId), eq(modules.code, "HW")));
    if (!hw) throw new Error("HW");
    const meta = { title: "Moved and renamed", moduleCode: "HW", level: "Bronze" } as const;
    // Straight through drafting, the move is refused: it needs a call.
    expect(
      await refusalOf(
        updateClauseMeta(test.db, p("rosa"), clause.id, { ...meta, strength: "MUST" }),
      ),
    ).toBe("needs_call");
    const outcome = await changeClauseStructure(
      test.db,
      p("rosa"),
      clause.id,
      { ...meta, strength: "MUST", reason: "It is about hardware." },
      start,
    );
    expect(outcome.callNumber).not.toBeNull();
    const waiting = await clauseById(clause.id);
    expect(waiting.title).toBe("Moved and renamed");
    expect(waiting.moduleId).not.toBe(hw.id);
    expect(await pendingStructure(test.db, standardId, [clause.id])).toMatchObject([
      { kind: "move_clause", moduleCode: "HW", callNumber: outcome.callNumber },
    ]);
    await supportAndClose((await callByNumber(outcome.callNumber ?? 0)).id, start);
    const moved = await clauseById(clause.id);
    expect(moved.moduleId).toBe(hw.id);
    expect(moved.refCode).toBe("SW"); // the reference never changes
    // A move into the module it is in already is refused, and writes nothing.
    const before = await footprint();
    expect(
      await refusalOf(
        test.db.transaction((tx) =>
          openChangesCall(
            tx,
            p("noor").id,
            standardId,
            {
              title: "Same",
              description: "",
              organisations: "",
              items: [{ kind: "move_clause", clauseId: clause.id, moduleId: hw.id }],
            },
            addDays(start, 20),
          ),
        ),
      ),
    ).toBe("same_module");
    expect(await footprint()).toEqual(before);
  });

  it("moves a clause never adopted at once", async () => {
    const { clauseId } = await createClause(test.db, p("noor"), {
      standardSlug: "iotmark",
      title: "Loose",
      moduleCode: "SW",
      level: "Bronze",
      strength: "MUST",
    });
    const outcome = await changeClauseStructure(test.db, p("rosa"), clauseId, {
      title: "Loose",
      moduleCode: "HW",
      level: "Bronze",
      strength: "MUST",
    });
    expect(outcome.callNumber).toBeNull();
    const [hw] = await test.db
      .select()
      .from(modules)
      .where(and(eq(modules.standardId, standardId), eq(modules.code, "HW")));
    expect((await clauseById(clauseId)).moduleId).toBe(hw?.id);
  });
});

describe("the charter", () => {
  it("changes by a call: calls opened after take the new numbers, calls already open keep theirs", async () => {
    const start = addDays(t0, 120);
    const proposed = { ...defaultCharter, commentPeriodDays: 21, quorum: 4 };
    const before = await footprint();
    expect(
      await refusalOf(
        proposeCharter(test.db, p("rosa"), standardId, {
          charter: { ...proposed, commentPeriodDays: 3 },
          reason: "Faster.",
        }),
      ),
    ).toBe("too_small");
    expect(
      await refusalOf(
        proposeCharter(test.db, p("rosa"), standardId, {
          charter: await charterOf(test.db, standardId),
          reason: "Same.",
        }),
      ),
    ).toBe("no_changes");
    expect(await footprint()).toEqual(before);

    const { id, number } = await proposeCharter(
      test.db,
      p("rosa"),
      standardId,
      { charter: proposed, reason: "More eyes on each change." },
      start,
    );
    expect(
      await refusalOf(
        proposeCharter(
          test.db,
          p("kofi"),
          standardId,
          { charter: { ...proposed, quorum: 6 }, reason: "Even more." },
          start,
        ),
      ),
    ).toBe("in_open_call");
    const question = {
      kind: "question",
      clauseRef: "",
      revision: null,
      organisations: "",
    } as const;
    const already = await openCall(
      test.db,
      p("noor"),
      standardId,
      { ...question, title: "Opened before", description: "" },
      start,
    );
    // Proposed is not in force.
    expect(await charterOf(test.db, standardId)).not.toEqual(proposed);
    await supportAndClose(id, start);
    expect((await callByNumber(number)).phase).toBe("adopted");
    expect(await charterOf(test.db, standardId)).toEqual(proposed);
    const [entry] = await test.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "decisions.charter_changed"));
    expect(entry).toMatchObject({ actorId: null, subjectId: "iotmark" });
    expect(entry?.details).toMatchObject({ quorum: 4, call: `iotmark/${number}` });

    const kept = await callByNumber(already.number);
    expect(kept.charter).toEqual(defaultCharter);
    const after = addDays(start, 15);
    const fresh = await openCall(
      test.db,
      p("noor"),
      standardId,
      { ...question, title: "Opened after", description: "" },
      after,
    );
    const taken = await callByNumber(fresh.number);
    expect(taken.charter).toEqual(proposed);
    expect(taken.closesAt).toEqual(addDays(after, 21));
  });
});
