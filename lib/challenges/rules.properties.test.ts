import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ChallengeEvent,
  type ChallengeKind,
  type ChallengeState,
  challengePhases,
  deadlineOf,
  filedState,
  isFinal,
  step,
  type Verdict,
  verdicts,
} from "@/lib/challenges/rules";
import { votingStage } from "@/lib/decisions/deliberation";
import { addDays, defaultCharter } from "@/lib/decisions/rules";
import type { Body, Vote } from "@/lib/decisions/tally";

// Property tests: arbitrary sequences of events, at times moving forward, from anyone.
const t0 = new Date("2026-06-01T09:00:00Z");
const charter = defaultCharter;
const ag: Body = { memberIds: ["a1", "a2", "a3"], chairId: "a1" };
const sc: Body = { memberIds: ["s1", "s2", "s3"], chairId: "s1" };

const arbitraryVote = fc.record({
  voterId: fc.constantFrom("a1", "a2", "a3", "s1", "s2", "s3", "x"),
  // Every verdict and recusal, weighted so that groups reach a majority about as often as not.
  choice: fc.constantFrom<Verdict | "recuse">(
    "dismiss",
    "dismiss",
    "strike_off",
    "strike_off",
    ...verdicts,
    "recuse",
  ),
  rationale: fc.constantFrom("Reasoned.", "Reasoned.", "Reasoned.", "", "  "),
});
const arbitraryEvent: fc.Arbitrary<ChallengeEvent> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant("respond" as const),
      response: fc.constantFrom<"cure" | "dispute" | "withdraw">(
        "cure",
        "dispute",
        "dispute",
        "withdraw",
      ),
      text: fc.constantFrom("Our answer.", "Our answer.", ""),
      changesConcerned: fc.boolean(),
    }),
  },
  fc.record({
    type: fc.constant("withdraw" as const),
    // Mostly refused (no reason), so that runs go on to the later stages as often as not.
    reason: fc.constantFrom("", "", "", "", "Explained to me."),
  }),
  { weight: 2, arbitrary: fc.constant<ChallengeEvent>({ type: "response_window_end" }) },
  {
    weight: 6,
    arbitrary: fc.constantFrom("ag" as const, "sc" as const).chain((stage) =>
      fc.record({
        type: fc.constant("vote" as const),
        stage: fc.constant(stage),
        vote: arbitraryVote,
        earlier: fc.constant<Vote<Verdict>[]>([]),
        body: fc.constant(stage === "ag" ? ag : sc),
        mustRecuse: fc.constantFrom(false, false, false, true),
      }),
    ),
  },
  { weight: 2, arbitrary: fc.constant<ChallengeEvent>({ type: "ag_deadline" }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant("appeal" as const),
      standing: fc.boolean(),
      reason: fc.constantFrom("", "Appeal."),
    }),
  },
  { weight: 2, arbitrary: fc.constant<ChallengeEvent>({ type: "appeal_window_end" }) },
);

type Run = { state: ChallengeState; history: ChallengeState[] };
const runOf = fc
  .tuple(
    fc.constantFrom<ChallengeKind>("challenge", "challenge", "misuse_report"),
    fc.array(
      fc.tuple(
        fc.constantFrom(0, 0, 0, 1, 3, 10),
        arbitraryEvent,
        fc.constantFrom(true, true, true, false),
        fc.nat(3),
      ),
      { minLength: 20, maxLength: 120 },
    ),
  )
  .map(([kind, plan]) => {
    const start = filedState(kind, t0, charter);
    const run: Run = { state: start, history: [start] };
    let votes: Vote<Verdict>[] = [];
    let day = 0;
    for (const [days, raw, follow, voter] of plan) {
      day += days;
      // Most votes come from the group the challenge waits for, carrying what was cast before
      // them in their stage, as the database would give it; the rest are strays.
      const stage = votingStage(run.state.phase);
      const body = stage === "ag" ? ag : sc;
      const event: ChallengeEvent =
        raw.type === "vote"
          ? stage && follow
            ? {
                ...raw,
                stage,
                body,
                vote: { ...raw.vote, voterId: body.memberIds[voter] ?? "x" },
                earlier: votes,
              }
            : { ...raw, earlier: votes }
          : raw;
      const result = step(run.state, event, addDays(t0, day), charter);
      if (!result.ok) continue;
      if (event.type === "vote") votes = [...votes, event.vote];
      if (result.state.phase !== run.state.phase) votes = [];
      run.state = result.state;
      run.history.push(result.state);
    }
    return run;
  });

describe("properties of the due process", () => {
  it("never reaches an undefined phase, and every final state has its rationale", () => {
    fc.assert(
      fc.property(runOf, (run) => {
        for (const state of run.history) {
          expect(challengePhases).toContain(state.phase);
          if (isFinal(state.phase)) expect(state.rationale?.trim()).toBeTruthy();
          // A waiting challenge always has the deadline the scheduler acts on, except with the SC.
          const deadline = deadlineOf(state);
          const withSc = state.phase === "escalated_sc" || state.phase === "appealed";
          if (!isFinal(state.phase) && !withSc) expect(deadline.event).not.toBeNull();
        }
      }),
      { numRuns: 400 },
    );
  });

  it("only strikes off or cures a challenge, and only confirms misuse on a report", () => {
    fc.assert(
      fc.property(runOf, (run) => {
        const { kind, phase, cured } = run.state;
        if (kind === "misuse_report") {
          expect(["struck_off", "upheld_cured", "declaration_withdrawn"]).not.toContain(phase);
        } else {
          expect(phase).not.toBe("misuse_confirmed");
          if (phase === "upheld_cured") expect(cured).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("refuses every event once final", () => {
    fc.assert(
      fc.property(runOf, arbitraryEvent, fc.integer({ min: 0, max: 400 }), (run, event, day) => {
        fc.pre(isFinal(run.state.phase));
        const result = step(run.state, event, addDays(t0, day), charter);
        expect(result).toEqual({
          ok: false,
          refusal: event.type === "appeal" ? "appeal_window_closed" : "challenge_final",
        });
      }),
      { numRuns: 400 },
    );
  });
});
