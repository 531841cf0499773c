import { z } from "zod";
import {
  addDays,
  afterDeliberation,
  type DeliberationEvent,
  deliberate,
  type Refusal,
  votingStage,
} from "@/lib/decisions/deliberation";
import {
  type Body,
  blockingObjections,
  type Decision,
  type ObjectionState,
  quorumCount,
  type Stance,
  type Vote,
} from "@/lib/decisions/tally";
import { fieldError } from "@/lib/errors";

export { addDays, type Refusal, votingStage };

/**
 * How a call moves from open to its outcome, as pure functions of (state, event, context).
 * Nothing here reads a clock or a database: callers pass `now` and the facts they loaded, so
 * the same rules hold in the server, in `closeDue` and in tests.
 */

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

/** The numbers each standard's charter may change; a call keeps the ones it opened with. */
export type Charter = {
  commentPeriodDays: number;
  quorum: number;
  agDeadlineDays: number;
  appealWindowDays: number;
  /** The mark: how many months a listing lasts before it must be reaffirmed. */
  listingTermMonths: number;
  /** How many days a listing keeps its state after a newer release is published. */
  transitionDays: number;
  /** "none", "all", or the name of the lowest level whose claims wait for a review. */
  declarationReview: string;
  /** Challenges: how many days the declarant has to cure, dispute or withdraw. */
  challengeResponseDays: number;
  /** Whether a listing's badge says "under challenge" while a challenge is pending. */
  challengeOnBadge: boolean;
  /** How many days a struck-off product stays off the registry without the AG's leave. */
  relistingBanDays: number;
};

export const defaultCharter: Charter = {
  commentPeriodDays: 14,
  quorum: 3,
  agDeadlineDays: 7,
  appealWindowDays: 7,
  listingTermMonths: 12,
  transitionDays: 180,
  declarationReview: "none",
  challengeResponseDays: 30,
  challengeOnBadge: false,
  relistingBanDays: 90,
};

/**
 * A charter as stored in a call's jsonb: copies taken before the mark's terms existed lack them,
 * so the defaults fill in whatever a row does not say.
 */
export function charterWithDefaults(stored: Partial<Charter> | null | undefined): Charter {
  return { ...defaultCharter, ...stored };
}

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
  listingTermMonths: wholeNumber(1, 60),
  transitionDays: wholeNumber(0, 730),
  // Whether it names one of the standard's levels is checked against the standard itself.
  declarationReview: z
    .string(fieldError("required"))
    .trim()
    .min(1, fieldError("required"))
    .max(80, fieldError("too_long")),
  challengeResponseDays: wholeNumber(7, 90),
  // A checkbox: present ("on") when ticked, absent otherwise.
  challengeOnBadge: z.preprocess((value) => value === true || value === "on", z.boolean()),
  relistingBanDays: wholeNumber(0, 730),
});

export type CallState = {
  phase: Phase;
  closesAt: Date;
  agDeadline: Date | null;
  appealDeadline: Date | null;
  /** The AG's decision while an appeal may still overturn it. */
  agDecision: Decision | null;
  /** Why the call ended as it did; every final state has one. */
  rationale: Rationale | null;
};

/**
 * Hum's own reason for an outcome, kept as a sentence of the catalogue and its numbers rather
 * than in English, so each reader reads it in their language.
 */
export type RationaleMessage =
  | { key: "decisions.rationales.consensus"; params: { positions: number } }
  | {
      key: "decisions.rationales.partlyAdopted";
      params: { positions: number; adopted: number; held: number };
    };

/** People's words (the votes that carried it, a withdrawal's reason), or Hum's own reason. */
export type Rationale = string | RationaleMessage;

export type CallEvent =
  | { type: "position" }
  | {
      type: "close";
      stances: Stance[];
      objections: ObjectionState[];
      /** A call on a set of changes: its changes, and which of them each objection names. */
      changes?: { itemIds: string[]; objections: NamedObjection[] };
    }
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

export type Step =
  | { ok: true; state: CallState; transition: Transition | null }
  | { ok: false; refusal: Refusal };

/** What changed, for the audit log and notifications; null when the call only gained a vote. */
export type Transition =
  | "position_taken"
  | "consensus"
  | "partly_adopted"
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
      const verdict = event.changes
        ? changesVerdict({ stances: event.stances, ...event.changes }, charter)
        : null;
      if (verdict?.kind === "split") {
        const { adopted, held } = verdict;
        return move(
          {
            ...state,
            phase: "adopted",
            rationale: {
              key: "decisions.rationales.partlyAdopted",
              params: { positions, adopted: adopted.length, held: held.length },
            },
          },
          "partly_adopted",
        );
      }
      if (verdict ? verdict.kind === "consensus" : positions >= charter.quorum && blocking === 0) {
        return move(
          {
            ...state,
            phase: "adopted",
            rationale: { key: "decisions.rationales.consensus", params: { positions } },
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
    case "vote":
    case "ag_deadline":
    case "appeal":
    case "appeal_window_end":
      return deliberateCall(state, event, now, charter);
  }
}

/** Escalation, votes and appeals follow the rules every subject the groups decide shares. */
function deliberateCall(
  state: CallState,
  event: Extract<CallEvent, { type: "vote" | "ag_deadline" | "appeal" | "appeal_window_end" }>,
  now: Date,
  charter: Charter,
): Step {
  const shared: DeliberationEvent<Decision> =
    event.type === "appeal"
      ? { type: "appeal", standing: event.tookPosition, reason: event.reason }
      : event;
  const result = deliberate(state, shared, now, charter.appealWindowDays);
  if (!result.ok) return refuse(result.refusal);
  if (result.kind === "counted") return move(state, null);
  return move({ ...state, ...afterDeliberation(state, result, outcomeOf) }, result.transition);
}

/** An objection on a call on a set of changes: the changes it names (none: the whole call). */
export type NamedObjection = { state: ObjectionState; itemIds: readonly string[] };

/**
 * How a call on a set of changes ends at close. Without quorum, or with a standing objection to
 * the whole call (or one naming none of its changes), the whole call goes to the advisory group,
 * as any call does. Otherwise the changes named by standing objections are held, each to go to
 * the advisory group alone, and every other change is adopted; when every change is held there
 * is nothing to adopt, and the whole call goes to the advisory group instead.
 */
export type ChangesVerdict =
  | { kind: "consensus" }
  | { kind: "escalated"; reason: "quorum" | "whole_call" | "all_held" }
  | { kind: "split"; adopted: string[]; held: string[] };

export function changesVerdict(
  facts: { stances: Stance[]; objections: NamedObjection[]; itemIds: readonly string[] },
  charter: Pick<Charter, "quorum">,
): ChangesVerdict {
  if (quorumCount(facts.stances) < charter.quorum) return { kind: "escalated", reason: "quorum" };
  const items = new Set(facts.itemIds);
  const standing = facts.objections.filter((objection) => objection.state !== "withdrawn");
  if (standing.length === 0) return { kind: "consensus" };
  const named = standing.map((objection) => objection.itemIds.filter((id) => items.has(id)));
  if (named.some((ids) => ids.length === 0)) return { kind: "escalated", reason: "whole_call" };
  const held = new Set(named.flat());
  if (held.size === items.size) return { kind: "escalated", reason: "all_held" };
  return {
    kind: "split",
    adopted: [...items].filter((id) => !held.has(id)),
    held: [...items].filter((id) => held.has(id)),
  };
}

/**
 * The date that matters in each phase: while something is pending, its deadline and the event
 * it brings (what `closeDue` acts on, and countdowns count down to); with the steering committee
 * (no deadline), or once closed, when comments closed or the call did, and no event.
 */
export type CallDeadline =
  | { kind: "comments_close"; at: Date; event: "close" }
  | { kind: "ag_decides"; at: Date; event: "ag_deadline" }
  | { kind: "appeals_until"; at: Date; event: "appeal_window_end" }
  | { kind: "sc_decides" | "comments_closed" | "closed"; at: Date; event: null };

export function deadlineOf(
  state: Pick<CallState, "phase" | "closesAt" | "agDeadline" | "appealDeadline"> & {
    closedAt: Date | null;
    decidedAt: Date | null;
  },
): CallDeadline {
  const closedAt = state.closedAt ?? state.closesAt;
  // "comments_closed" stands for a deadline missing where the transitions always set one.
  const past = (kind: "sc_decides" | "comments_closed" | "closed", at = closedAt) =>
    ({ kind, at, event: null }) as const;
  if (isFinal(state.phase)) return past("closed", state.decidedAt ?? closedAt);
  switch (state.phase) {
    case "open":
      return { kind: "comments_close", at: state.closesAt, event: "close" };
    case "escalated_ag":
      return state.agDeadline
        ? { kind: "ag_decides", at: state.agDeadline, event: "ag_deadline" }
        : past("comments_closed");
    case "ag_decided":
      return state.appealDeadline
        ? { kind: "appeals_until", at: state.appealDeadline, event: "appeal_window_end" }
        : past("comments_closed");
    case "escalated_sc":
    case "appealed":
      return past("sc_decides");
  }
}
