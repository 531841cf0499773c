import { z } from "zod";
import { fieldError } from "@/lib/errors";

/**
 * How a call moves from open to its outcome, as pure functions of (state, event, context).
 * Nothing here reads a clock or a database: callers pass `now` and the facts they loaded, so
 * the same rules hold in the server, in `closeDue` and in tests.
 */

export const decisions = ["adopt", "reject", "return"] as const;
export type Decision = (typeof decisions)[number];

export const outcomes = ["adopted", "rejected", "returned", "withdrawn"] as const;
export type Outcome = (typeof outcomes)[number];

/** Where a call waits: for positions, for the AG, for appeals against the AG, for the SC. */
export const waitingPhases = [
  "open",
  "escalated_ag",
  "ag_decided",
  "escalated_sc",
  "appealed",
] as const;
export type WaitingPhase = (typeof waitingPhases)[number];
export type Phase = WaitingPhase | Outcome;
export const phases: readonly Phase[] = [...waitingPhases, ...outcomes];

export function isFinal(phase: Phase): phase is Outcome {
  return (outcomes as readonly string[]).includes(phase);
}

export const outcomeOf: Record<Decision, Exclude<Outcome, "withdrawn">> = {
  adopt: "adopted",
  reject: "rejected",
  return: "returned",
};

export const stances = ["support", "no_objection", "object", "abstain", "recuse"] as const;
export type Stance = (typeof stances)[number];

/** An objection blocks consensus until its author withdraws it. */
export type ObjectionState = "raised" | "withdrawn" | "sustained";

/** The numbers each standard's charter may change; a call keeps the ones it opened with. */
export type Charter = {
  commentPeriodDays: number;
  quorum: number;
  agDeadlineDays: number;
  appealWindowDays: number;
};

export const defaultCharter: Charter = {
  commentPeriodDays: 14,
  quorum: 3,
  agDeadlineDays: 7,
  appealWindowDays: 7,
};

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number(fieldError("invalid_number"))
    .int(fieldError("invalid_number"))
    .min(min, fieldError("too_small"))
    .max(max, fieldError("too_large"));

export const charterSchema = z.object({
  commentPeriodDays: wholeNumber(7, 90),
  quorum: wholeNumber(1, 100),
  agDeadlineDays: wholeNumber(1, 60),
  appealWindowDays: wholeNumber(1, 60),
});

const DAY = 24 * 60 * 60 * 1000;
export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY);
}

export type Vote = { voterId: string; choice: Decision | "recuse"; rationale: string };

/** A group as it stands when it votes: its current members and chair. */
export type Body = { memberIds: string[]; chairId: string | null };

export type CallState = {
  phase: Phase;
  closesAt: Date;
  agDeadline: Date | null;
  appealDeadline: Date | null;
  /** The AG's decision while an appeal may still overturn it. */
  agDecision: Decision | null;
  /** Why the call ended as it did; every final state has one. */
  rationale: string | null;
};

export type CallEvent =
  | { type: "position" }
  | { type: "close"; stances: Stance[]; objections: ObjectionState[] }
  | { type: "withdraw"; byProposer: boolean; reason: string }
  | {
      type: "vote";
      stage: "ag" | "sc";
      vote: Vote;
      earlier: Vote[];
      body: Body;
      mustRecuse: boolean;
    }
  | { type: "ag_deadline" }
  | { type: "appeal"; tookPosition: boolean; reason: string }
  | { type: "appeal_window_end" };

export const refusals = [
  "call_not_open",
  "call_not_due",
  "call_final",
  "not_proposer",
  "rationale_required",
  "wrong_stage",
  "not_member",
  "already_voted",
  "must_recuse",
  "appeal_window_closed",
  "deadline_passed",
  "no_position",
] as const;
export type Refusal = (typeof refusals)[number];

export type Step =
  | { ok: true; state: CallState; transition: Transition | null }
  | { ok: false; refusal: Refusal };

/** What changed, for the audit log and notifications; null when the call only gained a vote. */
export type Transition =
  | "position_taken"
  | "consensus"
  | "escalated_to_ag"
  | "withdrawn"
  | "ag_decided"
  | "escalated_to_sc"
  | "appealed"
  | "ag_decision_final"
  | "sc_ruled";

const refuse = (refusal: Refusal): Step => ({ ok: false, refusal });
const move = (state: CallState, transition: Transition | null): Step => ({
  ok: true,
  state,
  transition,
});

/** Recused people take part in nothing: they leave both quorum and majority counts. */
export function quorumCount(stances: Stance[]): number {
  return stances.filter((stance) => stance !== "recuse").length;
}

export function blockingObjections(objections: ObjectionState[]): number {
  return objections.filter((state) => state !== "withdrawn").length;
}

export type Tally =
  | { kind: "decided"; decision: Decision; votes: number; eligible: number }
  | { kind: "tie"; eligible: number }
  | { kind: "pending"; eligible: number };

/**
 * A strict majority of the group's non-recused members decides. When every one of them has
 * voted and no choice has a majority, it is a tie; `castingVoteOf` (the SC chair) breaks it when
 * the chair voted for one of the choices that tied.
 */
export function tallyVotes(votes: Vote[], body: Body, castingVoteOf: string | null = null): Tally {
  const members = new Set(body.memberIds);
  const counted = votes.filter((vote) => members.has(vote.voterId));
  const recused = new Set(
    counted.filter((vote) => vote.choice === "recuse").map((vote) => vote.voterId),
  );
  const eligible = body.memberIds.filter((id) => !recused.has(id)).length;
  const cast = counted.filter(
    (vote): vote is Vote & { choice: Decision } => vote.choice !== "recuse",
  );
  const counts = new Map<Decision, number>();
  for (const vote of cast) counts.set(vote.choice, (counts.get(vote.choice) ?? 0) + 1);
  const needed = Math.floor(eligible / 2) + 1;
  for (const decision of decisions) {
    const votes = counts.get(decision) ?? 0;
    if (eligible > 0 && votes >= needed) return { kind: "decided", decision, votes, eligible };
  }
  if (cast.length < eligible) return { kind: "pending", eligible };
  const top = Math.max(0, ...counts.values());
  const casting = cast.find((vote) => vote.voterId === castingVoteOf);
  if (casting && top > 0 && counts.get(casting.choice) === top) {
    return { kind: "decided", decision: casting.choice, votes: top, eligible };
  }
  return { kind: "tie", eligible };
}

/** The written reasons of those who carried the decision, which become the call's rationale. */
export function rationaleOf(votes: Vote[], decision: Decision): string {
  return votes
    .filter((vote) => vote.choice === decision)
    .map((vote) => vote.rationale.trim())
    .filter(Boolean)
    .join("\n\n");
}

/** Which group votes in a phase: the AG on an escalation, the SC on a tie or an appeal. */
export function votingStage(phase: Phase): "ag" | "sc" | null {
  if (phase === "escalated_ag") return "ag";
  if (phase === "escalated_sc" || phase === "appealed") return "sc";
  return null;
}

function checkVote(
  state: CallState,
  event: Extract<CallEvent, { type: "vote" }>,
  now: Date,
): Refusal | null {
  if (votingStage(state.phase) !== event.stage) return "wrong_stage";
  if (event.stage === "ag" && state.agDeadline && now >= state.agDeadline) return "deadline_passed";
  if (!event.body.memberIds.includes(event.vote.voterId)) return "not_member";
  if (event.earlier.some((vote) => vote.voterId === event.vote.voterId)) return "already_voted";
  if (!event.vote.rationale.trim()) return "rationale_required";
  if (event.mustRecuse && event.vote.choice !== "recuse") return "must_recuse";
  return null;
}

function afterVote(
  state: CallState,
  event: Extract<CallEvent, { type: "vote" }>,
  now: Date,
  charter: Charter,
): Step {
  const votes = [...event.earlier, event.vote];
  if (event.stage === "ag") {
    const tally = tallyVotes(votes, event.body);
    if (tally.kind === "pending") return move(state, null);
    if (tally.kind === "tie") {
      return move({ ...state, phase: "escalated_sc" }, "escalated_to_sc");
    }
    return move(
      {
        ...state,
        phase: "ag_decided",
        agDecision: tally.decision,
        appealDeadline: addDays(now, charter.appealWindowDays),
        rationale: rationaleOf(votes, tally.decision),
      },
      "ag_decided",
    );
  }
  const tally = tallyVotes(votes, event.body, event.body.chairId);
  if (tally.kind !== "decided") return move(state, null);
  return move(
    {
      ...state,
      phase: outcomeOf[tally.decision],
      rationale: rationaleOf(votes, tally.decision),
    },
    "sc_ruled",
  );
}

/** The one place that says which event may happen when, and what it leads to. */
export function step(state: CallState, event: CallEvent, now: Date, charter: Charter): Step {
  if (isFinal(state.phase)) return refuse("call_final");
  switch (event.type) {
    case "position":
      if (state.phase !== "open" || now >= state.closesAt) return refuse("call_not_open");
      return move(state, "position_taken");
    case "close": {
      if (state.phase !== "open") return refuse("call_not_open");
      if (now < state.closesAt) return refuse("call_not_due");
      const positions = quorumCount(event.stances);
      const blocking = blockingObjections(event.objections);
      if (positions >= charter.quorum && blocking === 0) {
        return move(
          {
            ...state,
            phase: "adopted",
            rationale: `Rough consensus: ${positions} positions taken, no objection left open.`,
          },
          "consensus",
        );
      }
      return move(
        { ...state, phase: "escalated_ag", agDeadline: addDays(now, charter.agDeadlineDays) },
        "escalated_to_ag",
      );
    }
    case "withdraw":
      if (state.phase !== "open") return refuse("call_not_open");
      if (!event.byProposer) return refuse("not_proposer");
      if (!event.reason.trim()) return refuse("rationale_required");
      return move({ ...state, phase: "withdrawn", rationale: event.reason.trim() }, "withdrawn");
    case "vote": {
      const refusal = checkVote(state, event, now);
      return refusal ? refuse(refusal) : afterVote(state, event, now, charter);
    }
    case "ag_deadline":
      if (state.phase !== "escalated_ag" || !state.agDeadline || now < state.agDeadline) {
        return refuse("call_not_due");
      }
      return move({ ...state, phase: "escalated_sc" }, "escalated_to_sc");
    case "appeal":
      if (state.phase !== "ag_decided" || !state.appealDeadline) return refuse("wrong_stage");
      if (now >= state.appealDeadline) return refuse("appeal_window_closed");
      if (!event.tookPosition) return refuse("no_position");
      if (!event.reason.trim()) return refuse("rationale_required");
      return move({ ...state, phase: "appealed" }, "appealed");
    case "appeal_window_end":
      if (
        state.phase !== "ag_decided" ||
        !state.appealDeadline ||
        !state.agDecision ||
        now < state.appealDeadline
      ) {
        return refuse("call_not_due");
      }
      return move({ ...state, phase: outcomeOf[state.agDecision] }, "ag_decision_final");
  }
}

/** The deadline a waiting call is heading for, or null: what `closeDue` and countdowns watch. */
export function nextDeadline(state: CallState): { at: Date; event: CallEvent } | null {
  if (state.phase === "open") return null;
  if (state.phase === "escalated_ag" && state.agDeadline) {
    return { at: state.agDeadline, event: { type: "ag_deadline" } };
  }
  if (state.phase === "ag_decided" && state.appealDeadline) {
    return { at: state.appealDeadline, event: { type: "appeal_window_end" } };
  }
  return null;
}

/**
 * A member has a conflict on a call when their public declaration or affiliation names one of
 * the organisations the call concerns, as a whole word and whatever the letter case.
 */
export function hasConflict(
  member: { conflictOfInterest: string; affiliation: string },
  organisations: string[],
): boolean {
  const text = fold(`${member.conflictOfInterest}\n${member.affiliation}`);
  return organisations.some((organisation) => {
    const name = fold(organisation.trim());
    if (name.length < 2) return false;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, "u").test(text);
  });
}

function fold(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/** "Acme, Brightbulb Ltd" → ["Acme", "Brightbulb Ltd"]: organisations named on a call. */
export function parseOrganisations(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\n]/)
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
}
