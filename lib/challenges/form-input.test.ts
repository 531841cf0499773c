import { describe, expect, it } from "vitest";
import {
  challengeInputOf,
  misuseInputOf,
  reasonOf,
  responseInputOf,
  voteInputOf,
} from "@/lib/challenges/form-input";
import { DomainError } from "@/lib/errors";

const problemsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.fieldErrors;
    throw error;
  }
  return null;
};

describe("the filing form", () => {
  it("reads ticked clauses, evidence one a line and the wish to stay anonymous", () => {
    expect(
      challengeInputOf({
        number: "7",
        "clause.SW-1": "on",
        "clause.HW-2": "on",
        reason: "  It does not hold.\r\nSee the page.  ",
        evidence: "https://a.example/1\r\n\r\nhttps://a.example/2\n",
        withhold: "on",
      }),
    ).toEqual({
      declarationNumber: 7,
      clauses: ["SW-1", "HW-2"],
      reason: "It does not hold.\nSee the page.",
      evidence: ["https://a.example/1", "https://a.example/2"],
      withholdName: true,
    });
  });

  it("challenges the claim as a whole with no clause named, whatever else is ticked", () => {
    expect(
      challengeInputOf({ number: "7", whole: "on", "clause.SW-1": "on", reason: "No." }),
    ).toMatchObject({ clauses: [], withholdName: false });
  });

  it("puts each problem next to its field", () => {
    expect(
      problemsOf(() => challengeInputOf({ number: "7", reason: " ", evidence: "ftp://x" })),
    ).toEqual({ clauses: "required", reason: "required", evidence: "invalid_url" });
    expect(
      problemsOf(() => challengeInputOf({ whole: "on", reason: "<b>x</b>", evidence: "" })),
    ).toEqual({ reason: "plain_text_only" });
  });
});

describe("the other forms", () => {
  it("checks a misuse report's fields", () => {
    expect(problemsOf(() => misuseInputOf({ subjectUrl: "nope" }))).toEqual({
      standard: "required",
      subjectName: "required",
      seenAt: "required",
      subjectUrl: "invalid_url",
      reason: "required",
    });
  });

  it("reads a response, a reason and a vote", () => {
    expect(responseInputOf({ response: "dispute", text: "It holds.", evidence: "" })).toEqual({
      response: "dispute",
      text: "It holds.",
      evidence: [],
    });
    expect(problemsOf(() => responseInputOf({ response: "shrug", text: "" }))).toEqual({
      response: "required",
      text: "required",
    });
    expect(problemsOf(() => reasonOf({}))).toEqual({ reason: "required" });
    expect(voteInputOf({ stage: "sc", choice: "strike_off", rationale: "Plain." })).toEqual({
      stage: "sc",
      choice: "strike_off",
      rationale: "Plain.",
    });
    expect(problemsOf(() => voteInputOf({ stage: "ag", choice: "maybe", rationale: "" }))).toEqual({
      choice: "required",
      rationale: "required",
    });
  });
});
