import { describe, expect, it } from "vitest";
import { auditActions } from "@/lib/audit/rules";
import {
  eventOfAction,
  eventTypeOf,
  eventTypesFor,
  registryEventTypes,
  standardEventTypes,
  TEST_EVENT,
  wants,
  webhookEventTypes,
} from "@/lib/webhooks/events";

/** Every action a subscriber hears of; every other action is silent. */
const heard: Record<string, string> = {
  "decisions.call_opened": "call.opened",
  "decisions.consensus": "call.decided",
  "decisions.partly_adopted": "call.decided",
  "decisions.withdrawn": "call.decided",
  "decisions.ag_decision_final": "call.decided",
  "decisions.sc_ruled": "call.decided",
  "decisions.escalated_to_ag": "call.escalated",
  "decisions.change_escalated": "call.escalated",
  "decisions.escalated_to_sc": "call.escalated",
  "decisions.appealed": "call.escalated",
  "releases.published": "release.published",
  "discussion.thread_opened": "thread.opened",
  "discussion.objection_raised": "thread.opened",
  "registry.declaration_published": "declaration.published",
  "registry.declaration_listed": "declaration.listed",
  "registry.declaration_reaffirmed": "declaration.reaffirmed",
  "registry.declaration_lapsed": "declaration.lapsed",
  "registry.declaration_withdrawn": "declaration.withdrawn",
  "registry.declaration_struck_off": "declaration.struck_off",
  "registry.challenge_filed": "challenge.filed",
  "registry.misuse_reported": "challenge.filed",
  "registry.challenge_responded": "challenge.responded",
  "registry.challenge_escalated_to_ag": "challenge.escalated",
  "registry.challenge_escalated_to_sc": "challenge.escalated",
  "registry.challenge_appealed": "challenge.escalated",
  "registry.challenge_withdrawn": "challenge.decided",
  "registry.challenge_decision_final": "challenge.decided",
  "registry.challenge_sc_ruled": "challenge.decided",
};

describe("the events of audit actions", () => {
  it.each([...auditActions])("%s", (action) => {
    expect(eventTypeOf(action)).toBe(heard[action] ?? null);
  });

  it("decides for every action the log records, and no other", () => {
    expect(Object.keys(eventOfAction).sort()).toEqual([...auditActions].sort());
    for (const action of Object.keys(heard)) expect(auditActions).toContain(action);
  });

  it("comes from some action for every event type", () => {
    const produced = new Set(Object.values(eventOfAction));
    for (const type of webhookEventTypes) expect(produced).toContain(type);
  });

  it("never tells of sign-ins, refusals, votes in progress or an AG decision still open to appeal", () => {
    for (const action of [
      "auth.signed_in",
      "access.refused",
      "decisions.vote_cast",
      "decisions.ag_decided",
      "registry.challenge_ag_decided",
      "decisions.position_taken",
      "discussion.comment_hidden",
    ]) {
      expect(eventTypeOf(action)).toBeNull();
    }
  });

  it("knows nothing of actions it was never told of", () => {
    expect(eventTypeOf("x.y")).toBeNull();
    expect(eventTypeOf("toString")).toBeNull();
    expect(eventTypeOf("__proto__")).toBeNull();
  });
});

describe("who hears what", () => {
  it("gives an organisation only registry events, a standard all of them", () => {
    expect(eventTypesFor("organisation")).toEqual(registryEventTypes);
    expect(eventTypesFor("standard")).toEqual([...standardEventTypes, ...registryEventTypes]);
  });

  it("sends every event to an endpoint that chose none, and the test event to all", () => {
    expect(wants([], "call.opened")).toBe(true);
    expect(wants(["call.decided"], "call.opened")).toBe(false);
    expect(wants(["call.decided"], "call.decided")).toBe(true);
    expect(wants(["call.decided"], TEST_EVENT)).toBe(true);
  });
});
