import { describe, expect, it } from "vitest";
import {
  type ChallengeEvent,
  type ChallengeState,
  deadlineOf,
  filedState,
  relistingBarredUntil,
  step,
} from "@/lib/challenges/rules";
import { addDays, defaultCharter } from "@/lib/decisions/rules";
import type { Body, Vote } from "@/lib/decisions/tally";

const t0 = new Date("2026-06-01T09:00:00Z");
const charter = defaultCharter;
const ag: Body = { memberIds: ["a1", "a2", "a3"], chairId: "a1" };
const sc: Body = { memberIds: ["s1", "s2", "s3"], chairId: "s1" };
const filed = filedState("challenge", t0, charter);

function ok(state: ChallengeState, event: ChallengeEvent, now: Date) {
  const result = step(state, event, now, charter);
  if (!result.ok) throw new Error(`refused: ${result.refusal}`);
  return result;
}
function refusal(state: ChallengeState, event: ChallengeEvent, now: Date) {
  const result = step(state, event, now, charter);
  return result.ok ? null : result.refusal;
}
const ballot = (voterId: string, choice: Vote<string>["choice"], rationale = "Because.") =>
  ({ voterId, choice, rationale }) as never;
const vote = (
  stage: "ag" | "sc",
  voterId: string,
  choice: string,
  earlier: Vote<never>[] = [],
  mustRecuse = false,
): ChallengeEvent => ({
  type: "vote",
  stage,
  vote: ballot(voterId, choice),
  earlier,
  body: stage === "ag" ? ag : sc,
  mustRecuse,
});
const dispute: ChallengeEvent = {
  type: "respond",
  response: "dispute",
  text: "The update policy is on our site.",
  changesConcerned: false,
};

describe("filing", () => {
  it("gives the declarant the charter's response window, and sends a misuse report straight to the advisory group", () => {
    expect(filed).toMatchObject({ phase: "responding", responseDeadline: addDays(t0, 30) });
    expect(filedState("misuse_report", t0, charter)).toMatchObject({
      phase: "escalated_ag",
      responseDeadline: null,
      agDeadline: addDays(t0, charter.agDeadlineDays),
    });
  });
});

describe("the declarant's response", () => {
  const day1 = addDays(t0, 1);

  it("sends a dispute or a cure to the advisory group at once, with its deadline", () => {
    const disputed = ok(filed, dispute, day1);
    expect(disputed.transition).toBe("responded");
    expect(disputed.state).toMatchObject({
      phase: "escalated_ag",
      agDeadline: addDays(day1, charter.agDeadlineDays),
      cured: false,
    });
    const cured = ok(filed, { ...dispute, response: "cure", changesConcerned: true }, day1);
    expect(cured.state.cured).toBe(true);
  });

  it("refuses a cure that changes nothing challenged, an empty response, and a late one", () => {
    expect(refusal(filed, { ...dispute, response: "cure" }, day1)).toBe("not_cured");
    expect(refusal(filed, { ...dispute, text: "  " }, day1)).toBe("rationale_required");
    expect(refusal(filed, dispute, addDays(t0, 30))).toBe("response_closed");
    const report = filedState("misuse_report", t0, charter);
    expect(refusal(report, dispute, day1)).toBe("response_closed");
  });

  it("ends the challenge when the declaration is withdrawn, with the declarant's words", () => {
    const result = ok(filed, { ...dispute, response: "withdraw", text: "No longer sold." }, day1);
    expect(result.transition).toBe("declaration_withdrawn");
    expect(result.state).toMatchObject({
      phase: "declaration_withdrawn",
      rationale: "No longer sold.",
    });
  });

  it("goes to the advisory group when the window ends without a response, not before", () => {
    expect(refusal(filed, { type: "response_window_end" }, addDays(t0, 29))).toBe("call_not_due");
    const due = ok(filed, { type: "response_window_end" }, addDays(t0, 30));
    expect(due.transition).toBe("escalated_to_ag");
    expect(deadlineOf(due.state)).toEqual({
      event: "ag_deadline",
      at: addDays(t0, 30 + charter.agDeadlineDays),
    });
  });
});

describe("the challenger's withdrawal", () => {
  it("is open until the advisory group decides, and needs a reason", () => {
    expect(refusal(filed, { type: "withdraw", reason: "" }, t0)).toBe("rationale_required");
    const escalated = ok(filed, dispute, t0).state;
    expect(ok(escalated, { type: "withdraw", reason: "Explained." }, t0).state.phase).toBe(
      "withdrawn",
    );
    const decided = ok(escalated, vote("ag", "a1", "dismiss"), t0).state;
    const majority = ok(decided, vote("ag", "a2", "dismiss", [ballot("a1", "dismiss")]), t0);
    expect(majority.state.phase).toBe("ag_decided");
    expect(refusal(majority.state, { type: "withdraw", reason: "Late." }, t0)).toBe(
      "too_late_to_withdraw",
    );
  });
});

describe("the advisory group's decision", () => {
  const escalated = ok(filed, dispute, t0).state;

  it("decides by strict majority, with the rationale of the votes that carried it", () => {
    const first = ok(escalated, vote("ag", "a1", "strike_off"), t0);
    expect(first.transition).toBeNull();
    const second = ok(
      first.state,
      vote("ag", "a2", "strike_off", [ballot("a1", "strike_off")]),
      t0,
    );
    expect(second.transition).toBe("ag_decided");
    expect(second.state).toMatchObject({
      phase: "ag_decided",
      agDecision: "strike_off",
      appealDeadline: addDays(t0, charter.appealWindowDays),
      rationale: "Because.\n\nBecause.",
    });
  });

  it("offers only the outcomes a kind of challenge can have, and 'cured' only after a cure", () => {
    expect(refusal(escalated, vote("ag", "a1", "confirm_misuse"), t0)).toBe("verdict_unavailable");
    expect(refusal(escalated, vote("ag", "a1", "uphold_cured"), t0)).toBe("not_cured");
    const cured = ok(filed, { ...dispute, response: "cure", changesConcerned: true }, t0).state;
    expect(ok(cured, vote("ag", "a1", "uphold_cured"), t0).ok).toBe(true);
    const report = filedState("misuse_report", t0, charter);
    expect(refusal(report, vote("ag", "a1", "strike_off"), t0)).toBe("verdict_unavailable");
  });

  it("goes to the steering committee on a split after a recusal, which the chair's vote breaks", () => {
    const recused = ok(escalated, vote("ag", "a3", "recuse"), t0).state;
    const one = ok(recused, vote("ag", "a1", "dismiss", [ballot("a3", "recuse")]), t0).state;
    const split = ok(
      one,
      vote("ag", "a2", "strike_off", [ballot("a3", "recuse"), ballot("a1", "dismiss")]),
      t0,
    );
    expect(split.transition).toBe("escalated_to_sc");
    expect(split.state.phase).toBe("escalated_sc");
    const s1 = ok(split.state, vote("sc", "s1", "strike_off"), t0).state;
    const ruled = ok(s1, vote("sc", "s2", "strike_off", [ballot("s1", "strike_off")]), t0);
    expect(ruled.transition).toBe("sc_ruled");
    expect(ruled.state.phase).toBe("struck_off");
  });

  it("refuses a member whose declaration names the organisation unless they recuse", () => {
    expect(refusal(escalated, vote("ag", "a1", "dismiss", [], true), t0)).toBe("must_recuse");
    expect(refusal(escalated, vote("ag", "x", "dismiss"), t0)).toBe("not_member");
  });

  it("goes to the steering committee when the advisory group misses its deadline", () => {
    const late = addDays(t0, charter.agDeadlineDays);
    expect(refusal(escalated, vote("ag", "a1", "dismiss"), late)).toBe("deadline_passed");
    expect(ok(escalated, { type: "ag_deadline" }, late).state.phase).toBe("escalated_sc");
  });
});

describe("appeals", () => {
  const escalated = ok(filed, dispute, t0).state;
  const one = ok(escalated, vote("ag", "a1", "dismiss"), t0).state;
  const decided = ok(one, vote("ag", "a2", "dismiss", [ballot("a1", "dismiss")]), t0).state;
  const window = addDays(t0, charter.appealWindowDays);

  it("are heard within the window and refused after it, or once the decision is final", () => {
    const appeal: ChallengeEvent = { type: "appeal", standing: true, reason: "Evidence ignored." };
    expect(ok(decided, appeal, t0).state.phase).toBe("appealed");
    expect(refusal(decided, appeal, window)).toBe("appeal_window_closed");
    const final = ok(decided, { type: "appeal_window_end" }, window);
    expect(final.state).toMatchObject({ phase: "dismissed", rationale: "Because.\n\nBecause." });
    expect(refusal(final.state, appeal, window)).toBe("appeal_window_closed");
    expect(refusal(final.state, dispute, window)).toBe("challenge_final");
  });

  it("let the steering committee overturn the advisory group", () => {
    const appealed = ok(decided, { type: "appeal", standing: true, reason: "No." }, t0).state;
    const s1 = ok(appealed, vote("sc", "s1", "strike_off"), t0).state;
    const ruled = ok(s1, vote("sc", "s2", "strike_off", [ballot("s1", "strike_off")]), t0);
    expect(ruled.state).toMatchObject({ phase: "struck_off", agDecision: "dismiss" });
  });
});

it("bars relisting for the charter's number of days", () => {
  expect(relistingBarredUntil(t0, charter)).toEqual(addDays(t0, 90));
});
