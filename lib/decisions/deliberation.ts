import { type Body, rationaleOf, tallyVotes, type Vote } from "@/lib/decisions/tally";
import type { refusalCodes } from "@/lib/errors";

/**
 * What happens once the advisory group has a subject to decide, whatever the subject: a call
 * that did not reach rough consensus, or a challenge to a declaration. The AG votes by strict
 * majority of its non-recused members before its deadline; a tie or a missed deadline sends the
 * subject to the steering committee; the AG's decision may be appealed to the SC within the
 * appeal window, and otherwise becomes final when the window ends; the SC decides by majority,
 * its chair's vote breaking a tie. Pure functions of (state, event, now), generic over what the
 * groups choose between, so calls and challenges share one set of rules.
 */

/** The phases of deliberation; a subject is in one of them, or before or after them. */
export const deliberationPhases = [
  "escalated_ag",
  "ag_decided",
  "escalated_sc",
  "appealed",
] as const;
export type DeliberationPhase = (typeof deliberationPhases)[number];

export function isDeliberating(phase: string): phase is DeliberationPhase {
  return (deliberationPhases as readonly string[]).includes(phase);
}

/** Why the rules refuse an event: an error of its own, or a missing rationale (a field error). */
export type Refusal = (typeof refusalCodes)[number] | "rationale_required";

export type Deliberation<C extends string> = {
  /** The subject's phase; any phase outside deliberation refuses every deliberation event. */
  phase: string;
  agDeadline: Date | null;
  appealDeadline: Date | null;
  /** The AG's decision while an appeal may still overturn it. */
  agDecision: C | null;
};

export type DeliberationEvent<C extends string> =
  | {
      type: "vote";
      stage: "ag" | "sc";
      vote: Vote<C>;
      earlier: Vote<C>[];
      body: Body;
      /** Whether the voter's public declaration names an organisation the subject concerns. */
      mustRecuse: boolean;
    }
  | { type: "ag_deadline" }
  /** `standing`: whether the appellant may appeal (took a position; is a party). */
  | { type: "appeal"; standing: boolean; reason: string }
  | { type: "appeal_window_end" };

/** What a deliberation event leads to. */
export type DeliberationStep<C extends string> =
  | { ok: false; refusal: Refusal }
  /** A vote was counted and nothing else changed. */
  | { ok: true; kind: "counted" }
  | {
      ok: true;
      kind: "moved";
      to: DeliberationPhase;
      transition: "escalated_to_sc" | "ag_decided" | "appealed";
      agDecision: C | null;
      appealDeadline: Date | null;
      /** The votes' words that carried the AG's decision. */
      rationale: string | null;
    }
  | {
      ok: true;
      kind: "decided";
      decision: C;
      transition: "sc_ruled" | "ag_decision_final";
      /** The SC's words; null when the AG's decision became final and keeps its rationale. */
      rationale: string | null;
    };

const refuse = <C extends string>(refusal: Refusal): DeliberationStep<C> => ({
  ok: false,
  refusal,
});

/** Which group votes in a phase: the AG on an escalation, the SC on a tie or an appeal. */
export function votingStage(phase: string): "ag" | "sc" | null {
  if (phase === "escalated_ag") return "ag";
  if (phase === "escalated_sc" || phase === "appealed") return "sc";
  return null;
}

function checkVote<C extends string>(
  state: Deliberation<C>,
  event: Extract<DeliberationEvent<C>, { type: "vote" }>,
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

function afterVote<C extends string>(
  event: Extract<DeliberationEvent<C>, { type: "vote" }>,
  now: Date,
  appealWindowDays: number,
): DeliberationStep<C> {
  const votes = [...event.earlier, event.vote];
  if (event.stage === "ag") {
    const tally = tallyVotes(votes, event.body);
    if (tally.kind === "pending") return { ok: true, kind: "counted" };
    if (tally.kind === "tie") {
      return {
        ok: true,
        kind: "moved",
        to: "escalated_sc",
        transition: "escalated_to_sc",
        agDecision: null,
        appealDeadline: null,
        rationale: null,
      };
    }
    return {
      ok: true,
      kind: "moved",
      to: "ag_decided",
      transition: "ag_decided",
      agDecision: tally.decision,
      appealDeadline: addDays(now, appealWindowDays),
      rationale: rationaleOf(votes, tally.decision),
    };
  }
  const tally = tallyVotes(votes, event.body, event.body.chairId);
  if (tally.kind !== "decided") return { ok: true, kind: "counted" };
  return {
    ok: true,
    kind: "decided",
    decision: tally.decision,
    transition: "sc_ruled",
    rationale: rationaleOf(votes, tally.decision),
  };
}

/** The one place that says which deliberation event may happen when, and what it leads to. */
export function deliberate<C extends string>(
  state: Deliberation<C>,
  event: DeliberationEvent<C>,
  now: Date,
  appealWindowDays: number,
): DeliberationStep<C> {
  switch (event.type) {
    case "vote": {
      const refusal = checkVote(state, event, now);
      return refusal ? refuse(refusal) : afterVote(event, now, appealWindowDays);
    }
    case "ag_deadline":
      if (state.phase !== "escalated_ag" || !state.agDeadline || now < state.agDeadline) {
        return refuse("call_not_due");
      }
      return {
        ok: true,
        kind: "moved",
        to: "escalated_sc",
        transition: "escalated_to_sc",
        agDecision: null,
        appealDeadline: null,
        rationale: null,
      };
    case "appeal":
      if (state.phase !== "ag_decided" || !state.appealDeadline) return refuse("wrong_stage");
      if (now >= state.appealDeadline) return refuse("appeal_window_closed");
      if (!event.standing) return refuse("no_position");
      if (!event.reason.trim()) return refuse("rationale_required");
      return {
        ok: true,
        kind: "moved",
        to: "appealed",
        transition: "appealed",
        agDecision: state.agDecision,
        appealDeadline: state.appealDeadline,
        rationale: null,
      };
    case "appeal_window_end":
      if (
        state.phase !== "ag_decided" ||
        !state.appealDeadline ||
        !state.agDecision ||
        now < state.appealDeadline
      ) {
        return refuse("call_not_due");
      }
      return {
        ok: true,
        kind: "decided",
        decision: state.agDecision,
        transition: "ag_decision_final",
        rationale: null,
      };
  }
}

/**
 * What a step that moved the subject changes of its state, for a subject whose outcomes are
 * named by `outcomeOf`: its phase, the AG's decision while it may be appealed, the appeal
 * deadline, and the rationale (the votes' words, or the AG's kept when its decision stands).
 */
export function afterDeliberation<C extends string, P extends string, R>(
  state: { agDecision: C | null; appealDeadline: Date | null; rationale: R },
  result: Extract<DeliberationStep<C>, { kind: "moved" | "decided" }>,
  outcomeOf: Record<C, P>,
): {
  phase: DeliberationPhase | P;
  agDecision: C | null;
  appealDeadline: Date | null;
  rationale: R | string;
} {
  if (result.kind === "moved") {
    return {
      phase: result.to,
      agDecision: result.agDecision,
      appealDeadline: result.appealDeadline,
      rationale: result.rationale ?? state.rationale,
    };
  }
  return {
    phase: outcomeOf[result.decision],
    agDecision: state.agDecision,
    appealDeadline: state.appealDeadline,
    rationale: result.rationale ?? state.rationale,
  };
}

const DAY = 24 * 60 * 60 * 1000;
export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY);
}
