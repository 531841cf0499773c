import {
  addDays,
  afterDeliberation,
  type DeliberationEvent,
  deliberate,
  deliberationPhases,
  type Refusal,
} from "@/lib/decisions/deliberation";
import type { Charter } from "@/lib/decisions/rules";

/**
 * How a challenge to a declaration, or a report of misuse of the mark, moves from filing to its
 * outcome: pure functions of (state, event, now, charter), as the rules of calls are. The
 * declarant's response window is the challenge's own; from the advisory group on, a challenge
 * follows the deliberation every subject the groups decide shares (lib/decisions/deliberation).
 */

/** A challenge names a listed declaration; a misuse report names someone showing the mark. */
export const challengeKinds = ["challenge", "misuse_report"] as const;
export type ChallengeKind = (typeof challengeKinds)[number];

/** What the groups may decide. */
export const verdicts = ["dismiss", "uphold_cured", "strike_off", "confirm_misuse"] as const;
export type Verdict = (typeof verdicts)[number];

/** A misuse report has no listing to strike off or cure: it is confirmed or dismissed. */
export const verdictsFor: Record<ChallengeKind, readonly Verdict[]> = {
  challenge: ["dismiss", "uphold_cured", "strike_off"],
  misuse_report: ["dismiss", "confirm_misuse"],
};

/** How the declarant answers within the window. */
export const responseKinds = ["cure", "dispute", "withdraw"] as const;
export type ResponseKind = (typeof responseKinds)[number];

export const finalPhases = [
  "dismissed",
  "upheld_cured",
  "struck_off",
  "misuse_confirmed",
  /** The challenger withdrew the challenge. */
  "withdrawn",
  /** The declarant withdrew the declaration in response: no listing is left to decide on. */
  "declaration_withdrawn",
] as const;
export type FinalPhase = (typeof finalPhases)[number];

export const waitingPhases = ["responding", ...deliberationPhases] as const;
export type WaitingPhase = (typeof waitingPhases)[number];
export type ChallengePhase = WaitingPhase | FinalPhase;
export const challengePhases: readonly ChallengePhase[] = [...waitingPhases, ...finalPhases];

export function isFinal(phase: ChallengePhase): phase is FinalPhase {
  return (finalPhases as readonly string[]).includes(phase);
}

export const outcomeOf: Record<Verdict, FinalPhase> = {
  dismiss: "dismissed",
  uphold_cured: "upheld_cured",
  strike_off: "struck_off",
  confirm_misuse: "misuse_confirmed",
};

/** The charter's numbers a challenge runs on, copied when it is filed. */
export type ChallengeCharter = Pick<
  Charter,
  "challengeResponseDays" | "agDeadlineDays" | "appealWindowDays" | "relistingBanDays"
>;

export type ChallengeState = {
  kind: ChallengeKind;
  phase: ChallengePhase;
  responseDeadline: Date | null;
  agDeadline: Date | null;
  appealDeadline: Date | null;
  agDecision: Verdict | null;
  /** Whether the declarant answered by publishing a version that changes the answers concerned. */
  cured: boolean;
  /** Why it ended as it did, in people's words; every final state has one. */
  rationale: string | null;
};

/**
 * A challenge waits for the declarant's response; a misuse report has no declarant to answer
 * and goes to the advisory group at once.
 */
export function filedState(
  kind: ChallengeKind,
  filedAt: Date,
  charter: ChallengeCharter,
): ChallengeState {
  const base = { kind, agDecision: null, appealDeadline: null, cured: false, rationale: null };
  return kind === "challenge"
    ? {
        ...base,
        phase: "responding",
        responseDeadline: addDays(filedAt, charter.challengeResponseDays),
        agDeadline: null,
      }
    : {
        ...base,
        phase: "escalated_ag",
        responseDeadline: null,
        agDeadline: addDays(filedAt, charter.agDeadlineDays),
      };
}

export type ChallengeEvent =
  /** The declarant's response; `changesConcerned` says whether a cure changed what was challenged. */
  | { type: "respond"; response: ResponseKind; text: string; changesConcerned: boolean }
  /** The challenger takes the challenge back. */
  | { type: "withdraw"; reason: string }
  | { type: "response_window_end" }
  | DeliberationEvent<Verdict>;

export type Transition =
  | "responded"
  | "withdrawn"
  | "declaration_withdrawn"
  | "escalated_to_ag"
  | "escalated_to_sc"
  | "ag_decided"
  | "appealed"
  | "sc_ruled"
  | "ag_decision_final";

export type Step =
  | { ok: true; state: ChallengeState; transition: Transition | null }
  | { ok: false; refusal: Refusal };

const refuse = (refusal: Refusal): Step => ({ ok: false, refusal });
const move = (state: ChallengeState, transition: Transition | null): Step => ({
  ok: true,
  state,
  transition,
});

function respond(
  state: ChallengeState,
  event: Extract<ChallengeEvent, { type: "respond" }>,
  now: Date,
  charter: ChallengeCharter,
): Step {
  if (state.phase !== "responding" || !state.responseDeadline) return refuse("response_closed");
  if (now >= state.responseDeadline) return refuse("response_closed");
  const text = event.text.trim();
  if (!text) return refuse("rationale_required");
  if (event.response === "withdraw") {
    return move(
      { ...state, phase: "declaration_withdrawn", rationale: text },
      "declaration_withdrawn",
    );
  }
  if (event.response === "cure" && !event.changesConcerned) return refuse("not_cured");
  return move(
    {
      ...state,
      phase: "escalated_ag",
      agDeadline: addDays(now, charter.agDeadlineDays),
      cured: event.response === "cure",
    },
    "responded",
  );
}

/** The one place that says which event may happen to a challenge when, and what it leads to. */
export function step(
  state: ChallengeState,
  event: ChallengeEvent,
  now: Date,
  charter: ChallengeCharter,
): Step {
  if (isFinal(state.phase)) {
    // Whoever comes back to a decided challenge to appeal is simply too late.
    return refuse(event.type === "appeal" ? "appeal_window_closed" : "challenge_final");
  }
  switch (event.type) {
    case "respond":
      return respond(state, event, now, charter);
    case "withdraw":
      // Once the advisory group has decided, the challenge is no longer the challenger's alone.
      if (state.phase !== "responding" && state.phase !== "escalated_ag") {
        return refuse("too_late_to_withdraw");
      }
      if (!event.reason.trim()) return refuse("rationale_required");
      return move({ ...state, phase: "withdrawn", rationale: event.reason.trim() }, "withdrawn");
    case "response_window_end":
      if (state.phase !== "responding" || !state.responseDeadline || now < state.responseDeadline) {
        return refuse("call_not_due");
      }
      return move(
        { ...state, phase: "escalated_ag", agDeadline: addDays(now, charter.agDeadlineDays) },
        "escalated_to_ag",
      );
    case "vote":
      if (event.vote.choice !== "recuse") {
        if (!verdictsFor[state.kind].includes(event.vote.choice)) {
          return refuse("verdict_unavailable");
        }
        if (event.vote.choice === "uphold_cured" && !state.cured) return refuse("not_cured");
      }
      return deliberateChallenge(state, event, now, charter);
    case "ag_deadline":
    case "appeal":
    case "appeal_window_end":
      return deliberateChallenge(state, event, now, charter);
  }
}

function deliberateChallenge(
  state: ChallengeState,
  event: DeliberationEvent<Verdict>,
  now: Date,
  charter: ChallengeCharter,
): Step {
  const result = deliberate(state, event, now, charter.appealWindowDays);
  if (!result.ok) return refuse(result.refusal);
  if (result.kind === "counted") return move(state, null);
  return move({ ...state, ...afterDeliberation(state, result, outcomeOf) }, result.transition);
}

/** The deadline a waiting challenge runs to, and the event the scheduler brings when it passes. */
export type ChallengeDeadline =
  | { event: "response_window_end" | "ag_deadline" | "appeal_window_end"; at: Date }
  | { event: null; at: null };

export function deadlineOf(
  state: Pick<ChallengeState, "phase" | "responseDeadline" | "agDeadline" | "appealDeadline">,
): ChallengeDeadline {
  if (state.phase === "responding" && state.responseDeadline) {
    return { event: "response_window_end", at: state.responseDeadline };
  }
  if (state.phase === "escalated_ag" && state.agDeadline) {
    return { event: "ag_deadline", at: state.agDeadline };
  }
  if (state.phase === "ag_decided" && state.appealDeadline) {
    return { event: "appeal_window_end", at: state.appealDeadline };
  }
  return { event: null, at: null };
}

/** Where a decided challenge leaves the declaration: struck off, with a ban on relisting. */
export function relistingBarredUntil(decidedAt: Date, charter: ChallengeCharter): Date {
  return addDays(decidedAt, charter.relistingBanDays);
}

/** Per person and day, so the process is not used to harass a maker. */
export const CHALLENGES_PER_DAY = 5;
