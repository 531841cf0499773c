import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  type Body,
  type CallEvent,
  type CallState,
  defaultCharter,
  hasConflict,
  isFinal,
  parseOrganisations,
  phases,
  type Stance,
  step,
  tallyVotes,
  type Vote,
  votingStage,
} from "@/lib/decisions/rules";

const t0 = new Date("2026-05-01T12:00:00Z");
const charter = defaultCharter;
const open: CallState = {
  phase: "open",
  closesAt: addDays(t0, 14),
  agDeadline: null,
  appealDeadline: null,
  agDecision: null,
  rationale: null,
};
const afterClose = addDays(t0, 14);
const ag: Body = { memberIds: ["a1", "a2", "a3"], chairId: "a1" };
const sc: Body = { memberIds: ["s1", "s2", "s3"], chairId: "s1" };

function ok(state: CallState, event: CallEvent, now: Date) {
  const result = step(state, event, now, charter);
  if (!result.ok) throw new Error(`refused: ${result.refusal}`);
  return result;
}
function refusal(state: CallState, event: CallEvent, now: Date) {
  const result = step(state, event, now, charter);
  return result.ok ? null : result.refusal;
}
const vote = (voterId: string, choice: Vote["choice"], rationale = "Because.") => ({
  voterId,
  choice,
  rationale,
});
const close = (stances: Stance[], objections: ("raised" | "withdrawn" | "sustained")[] = []) =>
  ({ type: "close", stances, objections }) as const;

function escalated(): CallState {
  return ok(open, close(["support"]), afterClose).state;
}
function agVote(state: CallState, voter: string, choice: Vote["choice"], earlier: Vote[] = []) {
  const event: CallEvent = {
    type: "vote",
    stage: "ag",
    vote: vote(voter, choice),
    earlier,
    body: ag,
    mustRecuse: false,
  };
  return ok(state, event, addDays(afterClose, 1));
}

describe("positions", () => {
  it("are taken while the call is open and before its deadline", () => {
    expect(ok(open, { type: "position" }, t0).transition).toBe("position_taken");
    expect(refusal(open, { type: "position" }, afterClose)).toBe("call_not_open");
    expect(refusal(escalated(), { type: "position" }, t0)).toBe("call_not_open");
  });
});

describe("closing", () => {
  it("is refused before the deadline", () => {
    expect(refusal(open, close(["support", "support", "support"]), t0)).toBe("call_not_due");
  });
  it("reaches consensus with quorum and no objection left", () => {
    const result = ok(
      open,
      close(["support", "no_objection", "abstain"], ["withdrawn"]),
      afterClose,
    );
    expect(result.transition).toBe("consensus");
    expect(result.state.phase).toBe("adopted");
    expect(result.state.rationale).toMatch(/3 positions/);
  });
  it("escalates without quorum; recusals do not count towards it", () => {
    const result = ok(open, close(["support", "support", "recuse"]), afterClose);
    expect(result.state.phase).toBe("escalated_ag");
    expect(result.state.agDeadline).toEqual(addDays(afterClose, charter.agDeadlineDays));
  });
  it("escalates on a raised or sustained objection, however many support", () => {
    const many: Stance[] = Array(50).fill("support");
    expect(ok(open, close(many, ["raised"]), afterClose).state.phase).toBe("escalated_ag");
    expect(ok(open, close(many, ["sustained"]), afterClose).state.phase).toBe("escalated_ag");
  });
  it("follows the charter's quorum", () => {
    const result = step(open, close(["support"]), afterClose, { ...charter, quorum: 1 });
    expect(result.ok && result.state.phase).toBe("adopted");
  });
});

describe("withdrawal", () => {
  it("is the proposer's, with a reason, while open", () => {
    const reason = "Superseded by call 4.";
    const event = { type: "withdraw", byProposer: true, reason } as const;
    expect(ok(open, event, t0).state).toMatchObject({ phase: "withdrawn", rationale: reason });
    expect(refusal(open, { ...event, byProposer: false }, t0)).toBe("not_proposer");
    expect(refusal(open, { ...event, reason: "  " }, t0)).toBe("rationale_required");
    expect(refusal(escalated(), event, t0)).toBe("call_not_open");
  });
});

describe("the advisory group", () => {
  it("decides by a strict majority of its non-recused members", () => {
    const first = agVote(escalated(), "a1", "adopt");
    expect(first.transition).toBeNull();
    const second = agVote(first.state, "a2", "adopt", [vote("a1", "adopt")]);
    expect(second.transition).toBe("ag_decided");
    expect(second.state).toMatchObject({ phase: "ag_decided", agDecision: "adopt" });
    expect(second.state.appealDeadline).toEqual(addDays(addDays(afterClose, 1), 7));
    expect(second.state.rationale).toBe("Because.\n\nBecause.");
  });
  it("splits into a tie that escalates to the SC", () => {
    const earlier = [vote("a1", "recuse"), vote("a2", "adopt")];
    const result = agVote(escalated(), "a3", "reject", earlier);
    expect(result.transition).toBe("escalated_to_sc");
    expect(result.state.phase).toBe("escalated_sc");
  });
  it("escalates to the SC when its deadline passes", () => {
    const state = escalated();
    expect(refusal(state, { type: "ag_deadline" }, afterClose)).toBe("call_not_due");
    const later = addDays(afterClose, 7);
    expect(ok(state, { type: "ag_deadline" }, later).state.phase).toBe("escalated_sc");
  });
  it("refuses non-members, second votes, empty rationales, late votes and the wrong stage", () => {
    const state = escalated();
    const base = {
      type: "vote",
      stage: "ag",
      earlier: [] as Vote[],
      body: ag,
      mustRecuse: false,
    } as const;
    const at = addDays(afterClose, 1);
    expect(refusal(state, { ...base, vote: vote("x", "adopt") }, at)).toBe("not_member");
    expect(
      refusal(state, { ...base, vote: vote("a1", "adopt"), earlier: [vote("a1", "reject")] }, at),
    ).toBe("already_voted");
    expect(refusal(state, { ...base, vote: vote("a1", "adopt", " ") }, at)).toBe(
      "rationale_required",
    );
    expect(refusal(state, { ...base, vote: vote("a1", "adopt") }, addDays(afterClose, 8))).toBe(
      "deadline_passed",
    );
    expect(refusal(state, { ...base, stage: "sc", vote: vote("a1", "adopt") }, at)).toBe(
      "wrong_stage",
    );
    expect(refusal(open, { ...base, vote: vote("a1", "adopt") }, at)).toBe("wrong_stage");
  });
  it("allows a conflicted member only to recuse", () => {
    const base = {
      type: "vote",
      stage: "ag",
      earlier: [] as Vote[],
      body: ag,
      mustRecuse: true,
    } as const;
    const at = addDays(afterClose, 1);
    expect(refusal(escalated(), { ...base, vote: vote("a1", "adopt") }, at)).toBe("must_recuse");
    expect(ok(escalated(), { ...base, vote: vote("a1", "recuse") }, at).transition).toBeNull();
  });
});

describe("appeals and the steering committee", () => {
  const decided = () =>
    agVote(agVote(escalated(), "a1", "reject").state, "a2", "reject", [vote("a1", "reject")]).state;
  const at = addDays(afterClose, 2);
  it("takes an appeal within the window from someone who took a position", () => {
    const state = decided();
    const appeal = { type: "appeal", tookPosition: true, reason: "The AG missed X." } as const;
    expect(ok(state, appeal, at).state.phase).toBe("appealed");
    expect(refusal(state, { ...appeal, tookPosition: false }, at)).toBe("no_position");
    expect(refusal(state, { ...appeal, reason: "" }, at)).toBe("rationale_required");
    expect(refusal(state, appeal, addDays(at, 30))).toBe("appeal_window_closed");
    expect(refusal(escalated(), appeal, at)).toBe("wrong_stage");
  });
  it("makes the AG decision final when the window ends unappealed", () => {
    const state = decided();
    expect(refusal(state, { type: "appeal_window_end" }, at)).toBe("call_not_due");
    const result = ok(state, { type: "appeal_window_end" }, addDays(at, 30));
    expect(result.state).toMatchObject({ phase: "rejected", rationale: "Because.\n\nBecause." });
  });
  it("rules by majority, the chair's casting vote breaking a tie", () => {
    const state = ok(decided(), { type: "appeal", tookPosition: true, reason: "R" }, at).state;
    const base = { type: "vote", stage: "sc", body: sc, mustRecuse: false } as const;
    const earlier = [vote("s1", "adopt", "Chair: adopt."), vote("s2", "reject")];
    const result = ok(state, { ...base, vote: vote("s3", "return"), earlier }, at);
    expect(result.transition).toBe("sc_ruled");
    expect(result.state).toMatchObject({ phase: "adopted", rationale: "Chair: adopt." });
  });
});

describe("tallies", () => {
  it("count neither recusals nor votes from outside the group", () => {
    const body: Body = { memberIds: ["a", "b", "c", "d"], chairId: null };
    expect(tallyVotes([vote("a", "recuse"), vote("b", "adopt"), vote("c", "adopt")], body)).toEqual(
      { kind: "decided", decision: "adopt", votes: 2, eligible: 3 },
    );
    expect(
      tallyVotes([vote("z", "adopt"), vote("y", "adopt"), vote("a", "adopt")], body).kind,
    ).toBe("pending");
  });
  it("leave the SC deadlocked when its chair recused and the rest tie", () => {
    const votes = [vote("s1", "recuse"), vote("s2", "adopt"), vote("s3", "reject")];
    expect(tallyVotes(votes, sc, "s1").kind).toBe("tie");
  });
  it("let nobody decide when everyone recused", () => {
    expect(
      tallyVotes([vote("a1", "recuse"), vote("a2", "recuse"), vote("a3", "recuse")], ag),
    ).toEqual({ kind: "tie", eligible: 0 });
  });
});

describe("conflicts of interest", () => {
  const member = {
    conflictOfInterest: "Paid audits for Lockwise in 2025.",
    affiliation: "Ümlaut Labs",
  };
  it("match named organisations as whole words, whatever their case and accents", () => {
    expect(hasConflict(member, ["lockwise"])).toBe(true);
    expect(hasConflict(member, ["Umlaut Labs"])).toBe(true);
    expect(hasConflict(member, ["Lock"])).toBe(false);
    expect(hasConflict(member, ["Acme", "  "])).toBe(false);
    expect(hasConflict(member, ["a.b(c"])).toBe(false);
  });
  it("read organisations from a list", () => {
    expect(parseOrganisations("Acme; Brightbulb Ltd,\nAcme, ")).toEqual(["Acme", "Brightbulb Ltd"]);
  });
});

// Property tests: arbitrary sequences of events, at times moving forward, from anyone.
const choice = fc.constantFrom<Vote["choice"]>("adopt", "reject", "return", "recuse");
const voterOf = (body: Body) => fc.constantFrom(...body.memberIds, "x");
const arbitraryVote = (body: Body) =>
  fc.record({
    voterId: voterOf(body),
    choice,
    rationale: fc.constantFrom("Reasoned.", "Reasoned.", "Reasoned.", "", "  "),
  });
const arbitraryStageVote = fc.constantFrom("ag" as const, "sc" as const).chain((stage) =>
  fc.record({
    type: fc.constant("vote" as const),
    stage: fc.constant(stage),
    vote: arbitraryVote(stage === "ag" ? ag : sc),
    earlier: fc.constant<Vote[]>([]),
    body: fc.constant(stage === "ag" ? ag : sc),
    mustRecuse: fc.constantFrom(false, false, false, true),
  }),
);
const arbitraryEvent: fc.Arbitrary<CallEvent> = fc.oneof(
  fc.constant<CallEvent>({ type: "position" }),
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant("close" as const),
      stances: fc.array(
        fc.constantFrom<Stance>(
          "support",
          "support",
          "no_objection",
          "object",
          "abstain",
          "recuse",
        ),
        { maxLength: 6 },
      ),
      objections: fc.array(fc.constantFrom("raised", "withdrawn", "sustained" as const), {
        maxLength: 3,
      }),
    }),
  },
  fc.record({
    type: fc.constant("withdraw" as const),
    byProposer: fc.constantFrom(false, false, true),
    reason: fc.constantFrom("", "No longer needed."),
  }),
  { arbitrary: arbitraryStageVote, weight: 6 },
  { weight: 2, arbitrary: fc.constant<CallEvent>({ type: "ag_deadline" }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant("appeal" as const),
      tookPosition: fc.boolean(),
      reason: fc.constantFrom("", "Appeal."),
    }),
  },
  { weight: 2, arbitrary: fc.constant<CallEvent>({ type: "appeal_window_end" }) },
);

type Run = { state: CallState; history: CallState[]; votes: Vote[] };
const runOf = fc
  .tuple(
    // Half the runs start at the advisory group, so the later stages are explored as often.
    fc.boolean(),
    fc.array(
      fc.tuple(
        fc.constantFrom(0, 0, 0, 1, 2),
        arbitraryEvent,
        fc.constantFrom(true, true, true, false),
        fc.nat(3),
      ),
      { minLength: 20, maxLength: 80 },
    ),
  )
  .map(([startEscalated, plan]) => {
    const start = startEscalated ? escalated() : open;
    const run: Run = { state: start, history: [start], votes: [] };
    let day = startEscalated ? 14 : 0;
    for (const [days, raw, follow, voter] of plan) {
      day += days;
      {
        // Most votes come from the group the call waits for, as they would; the rest are strays.
        // Each carries what was cast before it in its stage, as the database would give it.
        const stage = votingStage(run.state.phase);
        const event: CallEvent =
          raw.type === "vote"
            ? stage && follow
              ? {
                  ...raw,
                  stage,
                  body: stage === "ag" ? ag : sc,
                  vote: {
                    ...raw.vote,
                    voterId: (stage === "ag" ? ag : sc).memberIds[voter] ?? "x",
                  },
                  earlier: run.votes,
                }
              : { ...raw, earlier: run.votes }
            : raw;
        const result = step(run.state, event, addDays(t0, day), charter);
        if (!result.ok) continue;
        if (event.type === "vote") run.votes = [...run.votes, event.vote];
        if (result.state.phase !== run.state.phase) run.votes = [];
        run.state = result.state;
        run.history.push(result.state);
      }
    }
    return run;
  });

describe("properties", () => {
  it("never reach an undefined phase, and every final state has its rationale", () => {
    fc.assert(
      fc.property(runOf, (run) => {
        for (const state of run.history) {
          expect(phases).toContain(state.phase);
          if (isFinal(state.phase)) expect(state.rationale?.trim()).toBeTruthy();
        }
      }),
      { numRuns: 500 },
    );
  });

  it("never change a final state", () => {
    fc.assert(
      fc.property(runOf, arbitraryEvent, fc.integer({ min: 0, max: 90 }), (run, event, day) => {
        fc.pre(isFinal(run.state.phase));
        expect(step(run.state, event, addDays(t0, day), charter)).toEqual({
          ok: false,
          refusal: "call_final",
        });
      }),
      { numRuns: 500 },
    );
  });

  it("never count a recused vote", () => {
    fc.assert(
      fc.property(fc.array(arbitraryVote(sc), { maxLength: 6 }), (votes) => {
        const unique = votes.filter(
          (v, i) => votes.findIndex((w) => w.voterId === v.voterId) === i,
        );
        const recused = unique.filter((v) => v.choice === "recuse");
        const withoutRecused: Body = {
          memberIds: sc.memberIds.filter((id) => !recused.some((v) => v.voterId === id)),
          chairId: sc.chairId,
        };
        const cast = unique.filter((v) => v.choice !== "recuse");
        expect(tallyVotes(unique, sc, sc.chairId)).toEqual(
          tallyVotes(cast, withoutRecused, sc.chairId),
        );
      }),
      { numRuns: 500 },
    );
  });
});
