import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import { type Participant, requireSecretariat } from "@/lib/community/authz";
import { endMembership } from "@/lib/community/mutations";
import { memberships } from "@/lib/community/schema";
import type { Viewer } from "@/lib/community/viewer";
import { getCallPage } from "@/lib/decisions/call-page";
import { openCall, withdrawCall } from "@/lib/decisions/calls";
import { setFoundingCharter } from "@/lib/decisions/charter";
import { closeDue } from "@/lib/decisions/close-due";
import { voteSchema } from "@/lib/decisions/inputs";
import { takePosition } from "@/lib/decisions/positions";
import { waitingFor } from "@/lib/decisions/queries";
import { addDays, type Charter, defaultCharter } from "@/lib/decisions/rules";
import { calls, positions } from "@/lib/decisions/schema";
import { appealDecision, castVote } from "@/lib/decisions/votes";
import { demoEmail, seedDemo } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { settleObjection } from "@/lib/discussion/mutations";
import { threads } from "@/lib/discussion/schema";
import { markdownToRichText } from "@/lib/drafting/markdown/text";
import { createClause } from "@/lib/drafting/mutations";
import { clauses, clauseTexts, standards } from "@/lib/drafting/schema";
import { setWatch } from "@/lib/notifications/mutations";
import { notifications } from "@/lib/notifications/schema";
import { putCharterForTest } from "@/tests/charter";
import { createTestDatabase, databaseErrorOf, type TestDatabase } from "@/tests/database";
import { outcomeOf } from "@/tests/outcome";
import { createPerson } from "@/tests/people";

let test: TestDatabase;
let standardId: string;
let clauseRef: string;
const t0 = new Date("2026-11-01T10:00:00Z");
const closed = addDays(t0, 14);
const people: Record<string, Participant> = {};

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db);
  const demo = demoViewers(test.db, demoEmail, t0);
  for (const key of [
    "sam",
    "rosa",
    "tomas",
    "mei",
    "jonas",
    "amara",
    "piotr",
    "lena",
    "kofi",
    "noor",
  ]) {
    people[key] = await demo(key);
  }
  const [standard] = await test.db.select().from(standards).where(eq(standards.slug, "iotmark"));
  standardId = standard?.id ?? "";
  ({ ref: clauseRef } = await createClause(test.db, p("noor"), {
    standardSlug: "iotmark",
    title: "Lock firmware signing",
    moduleCode: "SW",
    level: "Bronze",
    strength: "MUST",
  }));
});
afterAll(() => test?.close());

const p = (key: string): Participant => {
  const viewer = people[key];
  if (!viewer) throw new Error(key);
  return viewer;
};

/** As the first-numbers form does it: the secretariat's check, then the change. */
const setFoundingCharterAs = async (viewer: Viewer, charter: Charter) =>
  setFoundingCharter(
    test.db,
    await requireSecretariat(test.db, viewer, "decisions.set_charter"),
    standardId,
    charter,
  );

async function open(title: string, options: { clause?: boolean; organisations?: string } = {}) {
  const { number } = await openCall(
    test.db,
    p("noor"),
    standardId,
    {
      kind: options.clause ? "clause_revision" : "question",
      clauseRef: options.clause ? clauseRef : "",
      revision: null,
      title,
      description: "",
      organisations: options.organisations ?? "",
    },
    t0,
  );
  const [call] = await test.db
    .select()
    .from(calls)
    .where(and(eq(calls.standardId, standardId), eq(calls.number, number)));
  if (!call) throw new Error("call missing");
  return call;
}

const vote = (
  key: string,
  callId: string,
  stage: "ag" | "sc",
  choice: "adopt" | "reject" | "return" | "recuse",
  at = addDays(closed, 1),
) =>
  castVote(test.db, p(key), callId, { stage, choice, rationale: `${key} thinks ${choice}.` }, at);

async function auditActions(number: number): Promise<string[]> {
  const rows = await test.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, "call"), eq(auditLog.subjectId, `iotmark/${number}`)))
    .orderBy(auditLog.id);
  return rows.map((row) => row.action);
}

describe("a call on a clause revision", () => {
  it("escalates on a sustained objection, splits the AG, and the SC chair's casting vote adopts", async () => {
    const call = await open("Adopt lock firmware signing", {
      clause: true,
      organisations: "Lockwise",
    });
    // The working text moves on after opening: the call still decides the frozen revision.
    await test.db
      .update(clauseTexts)
      .set({ body: markdownToRichText("A later wording."), plainText: "A later wording." })
      .where(eq(clauseTexts.clauseId, call.clauseId ?? ""));
    await takePosition(
      test.db,
      p("kofi"),
      call.id,
      { stance: "object", reason: "Too strict for small makers." },
      t0,
    );
    await takePosition(test.db, p("noor"), call.id, { stance: "support", reason: "" }, t0);
    await takePosition(test.db, p("lena"), call.id, { stance: "support", reason: "" }, t0);
    const [objection] = await test.db.select().from(threads).where(eq(threads.callId, call.id));
    expect(objection).toMatchObject({
      kind: "objection",
      clauseId: call.clauseId,
      objectionState: "raised",
    });
    await settleObjection(test.db, p("kofi"), objection?.id ?? "", "sustained", t0);

    expect(await closeDue(test.db, addDays(t0, 13))).toMatchObject({ moved: 0 });
    expect(await closeDue(test.db, closed)).toMatchObject({ moved: 1 });
    const page = await getCallPage(test.db, "iotmark", call.number, p("tomas"));
    expect(page?.call.phase).toBe("escalated_ag");
    expect(page?.texts?.working?.body).toEqual(markdownToRichText("A later wording."));
    expect(page?.texts?.proposed.body).not.toEqual(markdownToRichText("A later wording."));
    expect(page?.mine).toMatchObject({ voteStage: "ag", conflicted: true });
    expect((await waitingFor(test.db, p("mei"))).map((c) => c.id)).toContain(call.id);

    // Tomás's declaration names Lockwise: he may only recuse.
    expect(await outcomeOf(vote("tomas", call.id, "ag", "adopt"))).toBe("must_recuse");
    await vote("tomas", call.id, "ag", "recuse");
    await vote("rosa", call.id, "ag", "adopt");
    await vote("mei", call.id, "ag", "reject");
    expect((await getCallPage(test.db, "iotmark", call.number, null))?.call.phase).toBe(
      "escalated_sc",
    );

    await vote("amara", call.id, "sc", "adopt");
    await vote("piotr", call.id, "sc", "reject");
    await vote("lena", call.id, "sc", "return");
    const [after] = await test.db.select().from(calls).where(eq(calls.id, call.id));
    expect(after).toMatchObject({ phase: "adopted", rationale: "amara thinks adopt." });
    const [clause] = await test.db
      .select()
      .from(clauses)
      .where(eq(clauses.id, call.clauseId ?? ""));
    expect(clause?.adoptedRevisionId).toBe(call.revisionId);
    expect(await auditActions(call.number)).toEqual([
      "decisions.call_opened",
      "decisions.position_taken",
      "decisions.position_taken",
      "decisions.position_taken",
      "decisions.escalated_to_ag",
      "decisions.recused",
      "decisions.vote_cast",
      "decisions.vote_cast",
      "decisions.escalated_to_sc",
      "decisions.vote_cast",
      "decisions.vote_cast",
      "decisions.vote_cast",
      "decisions.sc_ruled",
    ]);
    // AG members heard of the escalation; the proposer heard of the outcome.
    const told = await test.db
      .select()
      .from(notifications)
      .where(eq(notifications.callId, call.id));
    expect(told.filter((n) => n.kind === "call_escalated").map((n) => n.userId)).toContain(
      p("mei").id,
    );
    expect(told.find((n) => n.kind === "call_decided" && n.userId === p("noor").id)?.path).toBe(
      `/standards/iotmark/calls/${call.number}`,
    );
  });
});

describe("an AG decision", () => {
  it("is appealed by a participant and overturned by the SC", async () => {
    const call = await open("Should gold require a repair manual?");
    await takePosition(test.db, p("kofi"), call.id, { stance: "support", reason: "" }, t0);
    await closeDue(test.db, closed);
    await vote("rosa", call.id, "ag", "reject");
    await vote("tomas", call.id, "ag", "reject");
    const [decided] = await test.db.select().from(calls).where(eq(calls.id, call.id));
    expect(decided).toMatchObject({ phase: "ag_decided", agDecision: "reject" });
    expect(
      await outcomeOf(
        appealDecision(test.db, p("jonas"), call.id, "I disagree.", addDays(closed, 2)),
      ),
    ).toBe("no_position");
    await appealDecision(
      test.db,
      p("kofi"),
      call.id,
      "The AG ignored repair cafés.",
      addDays(closed, 2),
    );
    expect(
      await outcomeOf(appealDecision(test.db, p("kofi"), call.id, "Again.", addDays(closed, 2))),
    ).toBe("wrong_stage");
    await vote("amara", call.id, "sc", "adopt", addDays(closed, 3));
    await vote("lena", call.id, "sc", "adopt", addDays(closed, 3));
    const [ruled] = await test.db.select().from(calls).where(eq(calls.id, call.id));
    expect(ruled?.phase).toBe("adopted");
    const [entry] = await test.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "decisions.sc_ruled"),
          eq(auditLog.subjectId, `iotmark/${call.number}`),
        ),
      );
    expect(entry?.details).toMatchObject({ appeal: "overturned", phase: "adopted" });
  });

  it("becomes final when the appeal window ends unappealed", async () => {
    const call = await open("Name the levels after metals?");
    await closeDue(test.db, closed);
    await vote("rosa", call.id, "ag", "return");
    await vote("mei", call.id, "ag", "return");
    await closeDue(test.db, addDays(closed, 3));
    expect((await test.db.select().from(calls).where(eq(calls.id, call.id)))[0]?.phase).toBe(
      "ag_decided",
    );
    await closeDue(test.db, addDays(closed, 9));
    expect((await test.db.select().from(calls).where(eq(calls.id, call.id)))[0]?.phase).toBe(
      "returned",
    );
  });

  it("goes to the SC when the AG misses its deadline", async () => {
    const call = await open("Allow cloud-only pairing?");
    await closeDue(test.db, closed);
    await vote("rosa", call.id, "ag", "adopt");
    expect(await outcomeOf(vote("mei", call.id, "ag", "adopt", addDays(closed, 8)))).toBe(
      "deadline_passed",
    );
    await closeDue(test.db, addDays(closed, 8));
    expect((await test.db.select().from(calls).where(eq(calls.id, call.id)))[0]?.phase).toBe(
      "escalated_sc",
    );
  });
});

describe("bad input", () => {
  it("refuses positions after close, ended memberships, second votes and empty reasons", async () => {
    const call = await open("Refusals");
    expect(
      await outcomeOf(
        takePosition(test.db, p("kofi"), call.id, { stance: "object", reason: " " }, t0),
      ),
    ).toBe("invalid_input");
    expect(
      await outcomeOf(
        takePosition(test.db, p("kofi"), call.id, { stance: "support", reason: "" }, closed),
      ),
    ).toBe("call_not_open");
    await closeDue(test.db, closed);
    expect(
      await outcomeOf(
        takePosition(test.db, p("kofi"), call.id, { stance: "support", reason: "" }, t0),
      ),
    ).toBe("call_not_open");
    // Jonas's AG term ended in 2025.
    expect(await outcomeOf(vote("jonas", call.id, "ag", "adopt"))).toBe("not_member");
    expect(await outcomeOf(vote("kofi", call.id, "ag", "adopt"))).toBe("not_member");
    expect(await outcomeOf(vote("amara", call.id, "sc", "adopt"))).toBe("wrong_stage");
    await vote("rosa", call.id, "ag", "adopt");
    expect(await outcomeOf(vote("rosa", call.id, "ag", "reject"))).toBe("already_voted");
    expect(
      await outcomeOf(
        castVote(
          test.db,
          p("mei"),
          call.id,
          { stage: "ag", choice: "adopt", rationale: "" },
          addDays(closed, 1),
        ),
      ),
    ).toBe("invalid_input");
    expect(await outcomeOf(withdrawCall(test.db, p("noor"), call.id, "Late.", closed))).toBe(
      "call_not_open",
    );
  });

  it("never votes on someone else's behalf: the voter is whoever is signed in", async () => {
    const parsed = voteSchema.parse({
      stage: "ag",
      choice: "adopt",
      rationale: "Yes.",
      userId: p("rosa").id,
    });
    expect(parsed).not.toHaveProperty("userId");
  });

  it("keeps a call's charter when the standard's changes, and the database refuses to change it", async () => {
    expect(await outcomeOf(setFoundingCharterAs(p("noor"), defaultCharter))).toBe("forbidden");
    // The community has adopted text: from then on, not even the secretariat sets numbers alone.
    expect(await outcomeOf(setFoundingCharterAs(p("sam"), defaultCharter))).toBe("invalid_input");
    const call = await open("Charter snapshot");
    await putCharterForTest(test.db, standardId, {
      ...defaultCharter,
      commentPeriodDays: 30,
      quorum: 5,
    });
    const [kept] = await test.db.select().from(calls).where(eq(calls.id, call.id));
    expect(kept?.charter).toEqual(defaultCharter);
    expect(kept?.closesAt).toEqual(closed);
    expect(
      await databaseErrorOf(
        test.db
          .update(calls)
          .set({ charter: { ...defaultCharter, quorum: 1 } })
          .where(eq(calls.id, call.id)),
      ),
    ).toMatch(/charter cannot change/);
    await putCharterForTest(test.db, standardId, defaultCharter);
  });

  it("lets only the proposer withdraw, with a reason", async () => {
    const call = await open("Withdraw me");
    expect(await outcomeOf(withdrawCall(test.db, p("kofi"), call.id, "Mine now.", t0))).toBe(
      "not_proposer",
    );
    expect(await outcomeOf(withdrawCall(test.db, p("noor"), call.id, "", t0))).toBe(
      "invalid_input",
    );
    await withdrawCall(test.db, p("noor"), call.id, "Merged into another call.", t0);
    expect(
      await outcomeOf(
        takePosition(test.db, p("kofi"), call.id, { stance: "support", reason: "" }, t0),
      ),
    ).toBe("call_final");
  });
});

describe("concurrency", () => {
  it("keeps exactly one position per person when 100 take positions at once", async () => {
    const call = await open("Busy call");
    const crowd = await Promise.all(
      Array.from({ length: 100 }, (_, i) => createPerson(test.db, { name: `Crowd ${i}` })),
    );
    const stance = (i: number) =>
      i % 10 === 0 ? "abstain" : i % 3 === 0 ? "no_objection" : "support";
    const results = await Promise.all(
      crowd.map((person, i) =>
        outcomeOf(takePosition(test.db, person, call.id, { stance: stance(i), reason: "" }, t0)),
      ),
    );
    expect(results.every((r) => r === "ok")).toBe(true);
    const page = await getCallPage(test.db, "iotmark", call.number, null);
    expect(page?.positions).toHaveLength(100);
    expect(page?.tally).toMatchObject({ abstain: 10, no_objection: 30, support: 60 });
  });

  it("never counts a position that arrives after the call closed, and closes once", async () => {
    const call = await open("Race at the deadline");
    const crowd = await Promise.all(
      Array.from({ length: 30 }, (_, i) => createPerson(test.db, { name: `Racer ${i}` })),
    );
    const before = addDays(closed, -1 / 24);
    const [outcomes] = await Promise.all([
      Promise.all(
        crowd.map((person) =>
          outcomeOf(
            takePosition(test.db, person, call.id, { stance: "support", reason: "" }, before),
          ),
        ),
      ),
      closeDue(test.db, closed),
      closeDue(test.db, closed),
    ]);
    const accepted = outcomes.filter((o) => o === "ok").length;
    // A late position is refused: the call is closed, or already adopted (a final state).
    expect(outcomes.every((o) => ["ok", "call_not_open", "call_final"].includes(o))).toBe(true);
    const stored = await test.db.select().from(positions).where(eq(positions.callId, call.id));
    expect(stored).toHaveLength(accepted);
    const closings = await test.db
      .select()
      .from(auditLog)
      .where(
        and(
          sql`${auditLog.action} in ('decisions.consensus', 'decisions.escalated_to_ag')`,
          eq(auditLog.subjectId, `iotmark/${call.number}`),
        ),
      );
    expect(closings).toHaveLength(1);
    expect(closings[0]?.details).toMatchObject({ positions: accepted });
  });
});

describe("reminders and watchers", () => {
  it("tells watchers of a new call, and reminds them once two days before it closes", async () => {
    const watcher = await createPerson(test.db, { name: "Watcher" });
    await setWatch(test.db, watcher, "standard", standardId, true);
    const call = await open("Remind me");
    await closeDue(test.db, addDays(t0, 12.5));
    await closeDue(test.db, addDays(t0, 12.6));
    const mine = await test.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, watcher.id), eq(notifications.callId, call.id)));
    expect(mine.map((n) => n.kind).sort()).toEqual(["call_closing", "call_opened"]);
  });
});

describe("memberships", () => {
  it("count at the moment of the vote", async () => {
    const call = await open("Term ends mid-call");
    await closeDue(test.db, closed);
    const [term] = await test.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, p("mei").id), eq(memberships.group, "advisory_group")));
    const secretary = await requireSecretariat(test.db, p("sam"), "community.end_membership");
    await endMembership(test.db, secretary, term?.id ?? "", addDays(closed, 1));
    expect(await outcomeOf(vote("mei", call.id, "ag", "adopt", addDays(closed, 2)))).toBe(
      "not_member",
    );
  });
});
