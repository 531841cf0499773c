import { describe, expect, it } from "vitest";
import { changesVerdict, type NamedObjection, step } from "@/lib/decisions/rules";
import type { Stance } from "@/lib/decisions/tally";
import { afterClose, charter, open } from "@/tests/call-states";

const three: Stance[] = ["support", "support", "no_objection"];
const items = ["a", "b", "c"];
const verdict = (objections: NamedObjection[], stances = three) =>
  changesVerdict({ stances, objections, itemIds: items }, charter);

describe("closing a call on a set of changes", () => {
  it("adopts every change with quorum and no standing objection", () => {
    expect(verdict([])).toEqual({ kind: "consensus" });
    expect(verdict([{ state: "withdrawn", itemIds: [] }])).toEqual({ kind: "consensus" });
    expect(verdict([{ state: "withdrawn", itemIds: ["a"] }])).toEqual({ kind: "consensus" });
  });
  it("sends the whole call to the advisory group without quorum", () => {
    expect(verdict([], ["support", "support", "recuse"])).toEqual({
      kind: "escalated",
      reason: "quorum",
    });
    expect(verdict([{ state: "raised", itemIds: ["a"] }], ["support"])).toEqual({
      kind: "escalated",
      reason: "quorum",
    });
  });
  it("sends the whole call on a standing objection to the whole", () => {
    for (const state of ["raised", "sustained"] as const) {
      expect(verdict([{ state, itemIds: [] }])).toEqual({
        kind: "escalated",
        reason: "whole_call",
      });
    }
    // One objection to the whole outweighs any objection naming changes.
    expect(
      verdict([
        { state: "raised", itemIds: ["a"] },
        { state: "sustained", itemIds: [] },
      ]),
    ).toEqual({ kind: "escalated", reason: "whole_call" });
  });
  it("reads an objection naming only changes outside the call as one to the whole", () => {
    expect(verdict([{ state: "raised", itemIds: ["z"] }])).toEqual({
      kind: "escalated",
      reason: "whole_call",
    });
  });
  it("holds the named changes and adopts the rest", () => {
    expect(verdict([{ state: "raised", itemIds: ["b"] }])).toEqual({
      kind: "split",
      adopted: ["a", "c"],
      held: ["b"],
    });
    expect(
      verdict([
        { state: "sustained", itemIds: ["c", "z"] },
        { state: "raised", itemIds: ["c"] },
        { state: "withdrawn", itemIds: ["a"] },
      ]),
    ).toEqual({ kind: "split", adopted: ["a", "b"], held: ["c"] });
  });
  it("sends the whole call when every change is held", () => {
    expect(
      verdict([
        { state: "raised", itemIds: ["a", "b"] },
        { state: "raised", itemIds: ["c"] },
      ]),
    ).toEqual({ kind: "escalated", reason: "all_held" });
  });
  it("moves the call: adopted in part, with the counts as its rationale", () => {
    const changes = { itemIds: items, objections: [{ state: "raised" as const, itemIds: ["a"] }] };
    const result = step(
      open,
      { type: "close", stances: three, objections: ["raised"], changes },
      afterClose,
      charter,
    );
    expect(result).toMatchObject({
      ok: true,
      transition: "partly_adopted",
      state: {
        phase: "adopted",
        rationale: {
          key: "decisions.rationales.partlyAdopted",
          params: { positions: 3, adopted: 2, held: 1 },
        },
      },
    });
    const whole = step(
      open,
      {
        type: "close",
        stances: three,
        objections: ["raised"],
        changes: { itemIds: items, objections: [{ state: "raised", itemIds: [] }] },
      },
      afterClose,
      charter,
    );
    expect(whole).toMatchObject({ ok: true, transition: "escalated_to_ag" });
    const agreed = step(
      open,
      {
        type: "close",
        stances: three,
        objections: [],
        changes: { itemIds: items, objections: [] },
      },
      afterClose,
      charter,
    );
    expect(agreed).toMatchObject({ ok: true, transition: "consensus" });
  });
});
