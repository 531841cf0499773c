import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { changesVerdict, type NamedObjection } from "@/lib/decisions/rules";
import type { Stance } from "@/lib/decisions/tally";
import { charter } from "@/tests/call-states";

// Arbitrary calls on up to eight changes, with objections naming some of them (or others).
const ids = ["i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8"];
const facts = fc
  .record({
    count: fc.integer({ min: 1, max: ids.length }),
    stances: fc.array(
      fc.constantFrom<Stance>("support", "no_objection", "object", "abstain", "recuse"),
      { maxLength: 6 },
    ),
    objections: fc.array(
      fc.record({
        state: fc.constantFrom("raised" as const, "withdrawn" as const, "sustained" as const),
        itemIds: fc.subarray([...ids, "outside"], { maxLength: 3 }),
      }),
      { maxLength: 4 },
    ),
  })
  .map(({ count, ...rest }) => ({ ...rest, itemIds: ids.slice(0, count) }));
const standing = (objections: NamedObjection[]) =>
  objections.filter((objection) => objection.state !== "withdrawn");
const runs = { numRuns: 500 };

describe("a call on a set of changes, for any positions and objections", () => {
  it("splits its changes into held and adopted, each change once", () => {
    fc.assert(
      fc.property(facts, (input) => {
        const verdict = changesVerdict(input, charter);
        if (verdict.kind !== "split") return;
        const all = [...verdict.adopted, ...verdict.held];
        expect(new Set(all).size).toBe(all.length);
        expect([...all].sort()).toEqual([...input.itemIds].sort());
        expect(verdict.adopted.length).toBeGreaterThan(0);
        expect(verdict.held.length).toBeGreaterThan(0);
      }),
      runs,
    );
  });
  it("holds only changes a standing objection names", () => {
    fc.assert(
      fc.property(facts, (input) => {
        const verdict = changesVerdict(input, charter);
        if (verdict.kind !== "split") return;
        const named = new Set(standing(input.objections).flatMap((o) => o.itemIds));
        for (const id of verdict.held) expect(named.has(id)).toBe(true);
        for (const id of verdict.adopted) expect(named.has(id)).toBe(false);
      }),
      runs,
    );
  });
  it("adopts everything with quorum and no standing objection", () => {
    fc.assert(
      fc.property(facts, (input) => {
        const verdict = changesVerdict(input, charter);
        const quorum = input.stances.filter((s) => s !== "recuse").length >= charter.quorum;
        if (quorum && standing(input.objections).length === 0) {
          expect(verdict).toEqual({ kind: "consensus" });
        }
        if (verdict.kind === "consensus") {
          expect(quorum).toBe(true);
          expect(standing(input.objections)).toHaveLength(0);
        }
      }),
      runs,
    );
  });
  it("never adopts anything without quorum or against an objection to the whole", () => {
    fc.assert(
      fc.property(facts, (input) => {
        const verdict = changesVerdict(input, charter);
        const quorum = input.stances.filter((s) => s !== "recuse").length >= charter.quorum;
        const items = new Set(input.itemIds);
        const whole = standing(input.objections).some(
          (o) => !o.itemIds.some((id) => items.has(id)),
        );
        if (!quorum || whole) expect(verdict.kind).toBe("escalated");
      }),
      runs,
    );
  });
  it("depends on neither the order of objections nor withdrawn ones", () => {
    fc.assert(
      fc.property(facts, (input) => {
        const verdict = changesVerdict(input, charter);
        const reordered = changesVerdict(
          { ...input, objections: standing(input.objections).reverse() },
          charter,
        );
        expect(reordered.kind).toBe(verdict.kind);
        if (verdict.kind === "split" && reordered.kind === "split") {
          expect(reordered.held).toEqual(verdict.held);
        }
      }),
      runs,
    );
  });
});
