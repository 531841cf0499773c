import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Body, tallyVotes, type Vote } from "@/lib/decisions/tally";
import { ag, sc, vote } from "@/tests/call-states";

describe("tallies", () => {
  it("count neither recusals nor votes from outside the group", () => {
    const body: Body = { memberIds: ["a", "b", "c", "d"], chairId: null };
    expect(tallyVotes([vote("a", "recuse"), vote("b", "adopt"), vote("c", "adopt")], body)).toEqual(
      { kind: "decided", decision: "adopt", votes: 2, eligible: 3 },
    );
    expect(
      tallyVotes([vote("z", "adopt"), vote("y", "adopt"), vote("a", "adopt")], body).kind,
    ).toBe("pending");
  });
  it("leave the SC deadlocked when its chair recused and the rest tie", () => {
    const votes = [vote("s1", "recuse"), vote("s2", "adopt"), vote("s3", "reject")];
    expect(tallyVotes(votes, sc, "s1").kind).toBe("tie");
  });
  it("let nobody decide when everyone recused", () => {
    expect(
      tallyVotes([vote("a1", "recuse"), vote("a2", "recuse"), vote("a3", "recuse")], ag),
    ).toEqual({ kind: "tie", eligible: 0 });
  });
});

const arbitraryVote = (body: Body) =>
  fc.record({
    voterId: fc.constantFrom(...body.memberIds, "x"),
    choice: fc.constantFrom<Vote["choice"]>("adopt", "reject", "return", "recuse"),
    rationale: fc.constantFrom("Reasoned.", "Reasoned.", "Reasoned.", "", "  "),
  });

describe("tally properties", () => {
  it("never count a recused vote", () => {
    fc.assert(
      fc.property(fc.array(arbitraryVote(sc), { maxLength: 6 }), (votes) => {
        const unique = votes.filter(
          (v, i) => votes.findIndex((w) => w.voterId === v.voterId) === i,
        );
        const recused = unique.filter((v) => v.choice === "recuse");
        const withoutRecused: Body = {
          memberIds: sc.memberIds.filter((id) => !recused.some((v) => v.voterId === id)),
          chairId: sc.chairId,
        };
        const cast = unique.filter((v) => v.choice !== "recuse");
        expect(tallyVotes(unique, sc, sc.chairId)).toEqual(
          tallyVotes(cast, withoutRecused, sc.chairId),
        );
      }),
      { numRuns: 500 },
    );
  });
});
