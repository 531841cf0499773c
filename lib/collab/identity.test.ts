import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  caretColor,
  MAX_AWARENESS_STATE_BYTES,
  vouchedAwarenessState,
} from "@/lib/collab/identity";

const ann = { name: "Ann", color: "#15803d" };

describe("the awareness state passed on", () => {
  it("carries the vouched identity whatever the client claimed", () => {
    const sent = { user: { name: "Sam Okafor (secretariat)", color: "#000000" }, extra: "x" };
    expect(vouchedAwarenessState(sent, ann)).toEqual({ user: ann });
  });

  it("keeps a caret position and drops an oversized one", () => {
    const cursor = { anchor: { type: null, tname: "body", item: { client: 1, clock: 2 } } };
    expect(vouchedAwarenessState({ cursor }, ann)).toEqual({ user: ann, cursor });
    const huge = { anchor: "x".repeat(MAX_AWARENESS_STATE_BYTES) };
    expect(vouchedAwarenessState({ cursor: huge }, ann)).toEqual({ user: ann });
  });

  it("is never larger than the cap, for any state a client sends", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (sent) => {
        const state = vouchedAwarenessState(sent, ann);
        expect(JSON.stringify(state).length).toBeLessThanOrEqual(MAX_AWARENESS_STATE_BYTES);
        expect(state.user).toEqual(ann);
      }),
      { numRuns: 200 },
    );
  });
});

describe("caret colours", () => {
  it("are stable per person", () => {
    expect(caretColor("some-user-id")).toBe(caretColor("some-user-id"));
    expect(caretColor("some-user-id")).toMatch(/^#[0-9a-f]{6}$/);
  });
});
