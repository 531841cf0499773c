import { describe, expect, it } from "vitest";
import {
  addDays,
  type CallDeadline,
  deadlineOf,
  type Phase,
  phases,
  step,
} from "@/lib/decisions/rules";
import type { Stance, Vote } from "@/lib/decisions/tally";
import {
  afterClose,
  ag,
  agVote,
  charter,
  close,
  escalated,
  ok,
  open,
  refusal,
  sc,
  t0,
  vote,
} from "@/tests/call-states";

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
    expect(result.state.rationale).toEqual({
      key: "decisions.rationales.consensus",
      params: { positions: 3 },
    });
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

describe("the deadline each phase shows", () => {
  const dates = {
    closesAt: addDays(t0, 14),
    closedAt: addDays(t0, 14.5),
    agDeadline: addDays(t0, 21.5),
    appealDeadline: addDays(t0, 30),
    decidedAt: addDays(t0, 33),
  };
  // One row per phase: the type makes the table list every phase there is.
  const expected: Record<Phase, Omit<CallDeadline, "at"> & { at: keyof typeof dates }> = {
    open: { kind: "comments_close", at: "closesAt", event: "close" },
    escalated_ag: { kind: "ag_decides", at: "agDeadline", event: "ag_deadline" },
    ag_decided: { kind: "appeals_until", at: "appealDeadline", event: "appeal_window_end" },
    escalated_sc: { kind: "sc_decides", at: "closedAt", event: null },
    appealed: { kind: "sc_decides", at: "closedAt", event: null },
    adopted: { kind: "closed", at: "decidedAt", event: null },
    rejected: { kind: "closed", at: "decidedAt", event: null },
    returned: { kind: "closed", at: "decidedAt", event: null },
    withdrawn: { kind: "closed", at: "decidedAt", event: null },
  };

  it.each(phases)("%s: its own deadline, and a countdown only while one is pending", (phase) => {
    const row = expected[phase];
    expect(deadlineOf({ ...dates, phase })).toEqual({ ...row, at: dates[row.at] });
  });

  it("never counts down to the advisory group's or the appeal deadline once closed", () => {
    // "Closed … · 21 days left": a closed call showed the AG deadline's countdown.
    for (const phase of phases.filter((phase) => expected[phase].kind === "closed")) {
      expect(deadlineOf({ ...dates, phase }).event).toBeNull();
    }
  });

  it("falls back to when comments closed where a deadline is missing", () => {
    const missing = { ...dates, agDeadline: null, appealDeadline: null };
    for (const phase of ["escalated_ag", "ag_decided"] as const) {
      expect(deadlineOf({ ...missing, phase })).toEqual({
        kind: "comments_closed",
        at: dates.closedAt,
        event: null,
      });
    }
    expect(deadlineOf({ ...dates, phase: "adopted", decidedAt: null }).at).toBe(dates.closedAt);
    expect(deadlineOf({ ...dates, phase: "escalated_sc", closedAt: null }).at).toBe(dates.closesAt);
  });
});
