import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Participant, requireParticipant, requireSecretariat } from "@/lib/community/authz";
import type { Viewer } from "@/lib/community/viewer";
import { openCall, withdrawCall } from "@/lib/decisions/calls";
import { setFoundingCharter } from "@/lib/decisions/charter";
import { proposeCharter } from "@/lib/decisions/charter-calls";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { addDays, defaultCharter } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { appealDecision, castVote } from "@/lib/decisions/votes";
import { demoEmail, seedDemo } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { standards } from "@/lib/drafting/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { outcomeOf } from "@/tests/outcome";
import { createPerson } from "@/tests/people";

/**
 * Every decision action, tried by every kind of person, straight through lib/ as any server
 * action would call it. The "recused" person is an AG member whose public declaration names the
 * organisation the call concerns.
 */
const roles = ["public", "participant", "ag", "sc", "secretariat", "recused"] as const;
type Role = (typeof roles)[number];

let test: TestDatabase;
let standardId: string;
const viewers = {} as Record<Role, Viewer | null>;
const proposerKey = "noor";
let proposer: Participant;
const t0 = new Date("2026-11-02T09:00:00Z");
const closes = addDays(t0, 14);
/** A demo person, signed in as they stand at t0. */
const demo = (key: string) => demoViewers(test.db, demoEmail, t0)(key);

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db);
  standardId = (await test.db.select().from(standards))[0]?.id ?? "";
  viewers.public = null;
  viewers.participant = await createPerson(test.db, { name: "Pat" });
  viewers.ag = await demo("mei");
  viewers.sc = await demo("lena");
  viewers.secretariat = await demo("sam");
  viewers.recused = await demo("tomas");
  proposer = await demo(proposerKey);
});
afterAll(() => test?.close());

let counter = 0;
/** A fresh call on a question that concerns Lockwise, opened by someone outside the matrix. */
async function freshCall(): Promise<string> {
  counter += 1;
  const { number } = await openCall(
    test.db,
    proposer,
    standardId,
    {
      kind: "question",
      clauseRef: "",
      revision: null,
      title: `Matrix call ${counter}`,
      description: "",
      organisations: "Lockwise",
    },
    // Spread out in the hour before t0, so the proposer stays under the limit on new calls.
    new Date(t0.getTime() - counter * 4 * 60_000),
  );
  const [call] = await test.db
    .select({ id: calls.id })
    .from(calls)
    .where(and(eq(calls.standardId, standardId), eq(calls.number, number)));
  return call?.id ?? "";
}

async function atStage(stage: "ag" | "sc" | "ag_decided", positionBy: Participant | null = null) {
  const id = await freshCall();
  if (positionBy) {
    await takePosition(test.db, positionBy, id, { stance: "support", reason: "" }, t0);
  }
  await closeDue(test.db, closes);
  if (stage === "sc") await closeDue(test.db, addDays(closes, 8));
  if (stage === "ag_decided") {
    const rosa = await demo("rosa");
    const mei = await demo("mei");
    for (const member of [rosa, mei]) {
      await castVote(
        test.db,
        member,
        id,
        { stage: "ag", choice: "reject", rationale: "Not now." },
        addDays(closes, 1),
      );
    }
  }
  return id;
}

const expected: Record<string, Record<Role, string>> = {
  openCall: {
    public: "unauthenticated",
    participant: "ok",
    ag: "ok",
    sc: "ok",
    secretariat: "ok",
    recused: "ok",
  },
  takePosition: {
    public: "unauthenticated",
    participant: "ok",
    ag: "ok",
    sc: "ok",
    secretariat: "ok",
    recused: "ok",
  },
  withdrawOthersCall: {
    public: "unauthenticated",
    participant: "not_proposer",
    ag: "not_proposer",
    sc: "not_proposer",
    secretariat: "not_proposer",
    recused: "not_proposer",
  },
  voteAsAdvisoryGroup: {
    public: "unauthenticated",
    participant: "not_member",
    ag: "ok",
    sc: "not_member",
    secretariat: "not_member",
    recused: "must_recuse",
  },
  voteAsSteeringCommittee: {
    public: "unauthenticated",
    participant: "not_member",
    ag: "not_member",
    sc: "ok",
    secretariat: "not_member",
    recused: "not_member",
  },
  appealWithPosition: {
    public: "unauthenticated",
    participant: "ok",
    ag: "ok",
    sc: "ok",
    secretariat: "ok",
    recused: "ok",
  },
  appealWithoutPosition: {
    public: "unauthenticated",
    participant: "no_position",
    ag: "no_position",
    sc: "no_position",
    secretariat: "no_position",
    recused: "no_position",
  },
  // The demo community has adopted text, so even the secretariat changes the charter by a call.
  setFoundingCharter: {
    public: "unauthenticated",
    participant: "forbidden",
    ag: "forbidden",
    sc: "forbidden",
    secretariat: "invalid_input",
    recused: "forbidden",
  },
  proposeCharter: {
    public: "unauthenticated",
    participant: "ok",
    ag: "ok",
    sc: "ok",
    secretariat: "ok",
    recused: "ok",
  },
};

/**
 * Each action as its server action runs it: the proof it needs is minted from the viewer (signed
 * in, or the secretariat), then the mutation runs.
 */
const actions: Record<string, (viewer: Viewer | null) => Promise<unknown>> = {
  openCall: async (viewer) =>
    openCall(
      test.db,
      requireParticipant(viewer),
      standardId,
      {
        kind: "question",
        clauseRef: "",
        revision: null,
        title: "Opened in the matrix",
        description: "",
        organisations: "",
      },
      t0,
    ),
  takePosition: async (viewer) =>
    takePosition(
      test.db,
      requireParticipant(viewer),
      await freshCall(),
      { stance: "support", reason: "" },
      t0,
    ),
  withdrawOthersCall: async (viewer) =>
    withdrawCall(
      test.db,
      requireParticipant(viewer),
      await freshCall(),
      "Not mine to withdraw.",
      t0,
    ),
  voteAsAdvisoryGroup: async (viewer) =>
    castVote(
      test.db,
      requireParticipant(viewer),
      await atStage("ag"),
      { stage: "ag", choice: "adopt", rationale: "Sound." },
      addDays(closes, 1),
    ),
  voteAsSteeringCommittee: async (viewer) =>
    castVote(
      test.db,
      requireParticipant(viewer),
      await atStage("sc"),
      { stage: "sc", choice: "adopt", rationale: "Sound." },
      addDays(closes, 9),
    ),
  appealWithPosition: async (viewer) => {
    const person = requireParticipant(viewer);
    const id = await atStage("ag_decided", person);
    return appealDecision(test.db, person, id, "Reconsider.", addDays(closes, 2));
  },
  appealWithoutPosition: async (viewer) =>
    appealDecision(
      test.db,
      requireParticipant(viewer),
      await atStage("ag_decided"),
      "Reconsider.",
      addDays(closes, 2),
    ),
  setFoundingCharter: async (viewer) =>
    setFoundingCharter(
      test.db,
      await requireSecretariat(test.db, viewer, "decisions.set_charter"),
      standardId,
      defaultCharter,
      t0,
    ),
  // Withdrawn at once, so the next person may propose: one charter call at a time.
  proposeCharter: async (viewer) => {
    const person = requireParticipant(viewer);
    const { id } = await proposeCharter(
      test.db,
      person,
      standardId,
      { charter: { ...defaultCharter, commentPeriodDays: 28 }, reason: "Longer reviews." },
      t0,
    );
    await withdrawCall(test.db, person, id, "Only trying.", t0);
  },
};

describe("decision actions × roles", () => {
  for (const [action, row] of Object.entries(expected)) {
    it(action, async () => {
      const run = actions[action];
      if (!run) throw new Error(action);
      const got = {} as Record<Role, string>;
      for (const role of roles) got[role] = await outcomeOf(run(viewers[role]));
      expect(got).toEqual(row);
    });
  }
});
