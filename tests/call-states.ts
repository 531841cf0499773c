import {
  addDays,
  type CallEvent,
  type CallState,
  defaultCharter,
  step,
} from "@/lib/decisions/rules";
import type { Body, Stance, Vote } from "@/lib/decisions/tally";

// Builders for the rule tests: a call opened at t0 under the default charter, and its groups.

export const t0 = new Date("2026-05-01T12:00:00Z");
export const charter = defaultCharter;
export const open: CallState = {
  phase: "open",
  closesAt: addDays(t0, 14),
  agDeadline: null,
  appealDeadline: null,
  agDecision: null,
  rationale: null,
};
export const afterClose = addDays(t0, 14);
export const ag: Body = { memberIds: ["a1", "a2", "a3"], chairId: "a1" };
export const sc: Body = { memberIds: ["s1", "s2", "s3"], chairId: "s1" };

export function ok(state: CallState, event: CallEvent, now: Date) {
  const result = step(state, event, now, charter);
  if (!result.ok) throw new Error(`refused: ${result.refusal}`);
  return result;
}
export function refusal(state: CallState, event: CallEvent, now: Date) {
  const result = step(state, event, now, charter);
  return result.ok ? null : result.refusal;
}
export const vote = (voterId: string, choice: Vote["choice"], rationale = "Because.") => ({
  voterId,
  choice,
  rationale,
});
export const close = (
  stances: Stance[],
  objections: ("raised" | "withdrawn" | "sustained")[] = [],
) => ({ type: "close", stances, objections }) as const;

/** A call that closed without consensus: the advisory group now decides. */
export function escalated(): CallState {
  return ok(open, close(["support"]), afterClose).state;
}
export function agVote(
  state: CallState,
  voter: string,
  choice: Vote["choice"],
  earlier: Vote[] = [],
) {
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
