import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  type CallEvent,
  type CallState,
  isFinal,
  phases,
  step,
  votingStage,
} from "@/lib/decisions/rules";
import type { Body, Stance, Vote } from "@/lib/decisions/tally";
import { ag, charter, escalated, open, sc, t0 } from "@/tests/call-states";

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
          if (!isFinal(state.phase)) continue;
          const { rationale } = state;
          expect(typeof rationale === "string" ? rationale.trim() : rationale).toBeTruthy();
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
});
