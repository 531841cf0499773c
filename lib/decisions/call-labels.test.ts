import { describe, expect, it } from "vitest";
import { commentsClosedOn, objectionLabel } from "@/lib/decisions/call-labels";
import { addDays, type Phase, phases } from "@/lib/decisions/rules";

const t0 = new Date("2026-01-01T00:00:00Z");

describe("objectionLabel: one label for where an objection on a call stands", () => {
  it("reads as raised while the call can still answer it", () => {
    expect(objectionLabel("raised", { phase: "open", agDecision: null })).toBe("raised");
    expect(objectionLabel("raised", { phase: "escalated_ag", agDecision: null })).toBe("raised");
    expect(objectionLabel("raised")).toBe("raised");
  });

  it("reads as not settled, not raised, once the call is decided", () => {
    // The advisory group decided (appeal window open): "Open · Objection raised" read as live.
    expect(objectionLabel("raised", { phase: "ag_decided", agDecision: "adopt" })).toBe(
      "unsettledDecided",
    );
    for (const phase of ["adopted", "rejected", "returned"] as const) {
      expect(objectionLabel("raised", { phase, agDecision: null })).toBe("unsettledDecided");
    }
    expect(objectionLabel("raised", { phase: "withdrawn", agDecision: null })).toBe(
      "unsettledWithdrawn",
    );
  });

  it("keeps what its author settled, whatever became of the call", () => {
    for (const phase of phases) {
      expect(objectionLabel("withdrawn", { phase, agDecision: null })).toBe("withdrawn");
      expect(objectionLabel("sustained", { phase, agDecision: null })).toBe("sustained");
    }
  });
});

describe("commentsClosedOn: the call header keeps saying when comments closed", () => {
  const dates = {
    closesAt: addDays(t0, 14),
    closedAt: addDays(t0, 14.5),
    agDeadline: addDays(t0, 21.5),
    appealDeadline: addDays(t0, 30),
    decidedAt: addDays(t0, 33),
  };
  const expected: Record<Phase, Date | null> = {
    open: null,
    escalated_ag: dates.closedAt,
    ag_decided: dates.closedAt,
    // Its line already reads "Comments closed on …; the steering committee decides".
    escalated_sc: null,
    appealed: null,
    adopted: null,
    rejected: null,
    returned: null,
    withdrawn: null,
  };

  it.each(phases)("%s", (phase) => {
    expect(commentsClosedOn({ ...dates, phase })).toEqual(expected[phase]);
  });

  it("falls back to the scheduled close when the closing moment is missing", () => {
    expect(commentsClosedOn({ ...dates, closedAt: null, phase: "escalated_ag" })).toEqual(
      dates.closesAt,
    );
  });
});
