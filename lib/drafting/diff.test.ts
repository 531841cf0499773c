import { describe, expect, it } from "vitest";
import {
  countWords,
  diffWords,
  hasChanges,
  isRewrite,
  parseDiffView,
  tallyWords,
} from "@/lib/drafting/diff";

describe("diffWords", () => {
  it("shows a changed word as removed then added, and keeps the rest", () => {
    expect(diffWords("The vendor SHOULD publish it.", "The vendor MUST publish it.")).toEqual([
      { kind: "same", text: "The vendor " },
      { kind: "removed", text: "SHOULD" },
      { kind: "added", text: "MUST" },
      { kind: "same", text: " publish it." },
    ]);
  });

  it("reassembles both texts exactly", () => {
    const before = "Updates for five years.\n\nSigned images.";
    const after = "Security updates for at least five years.\n\nSigned and verified images.";
    const parts = diffWords(before, after);
    expect(
      parts
        .filter((p) => p.kind !== "added")
        .map((p) => p.text)
        .join(""),
    ).toBe(before);
    expect(
      parts
        .filter((p) => p.kind !== "removed")
        .map((p) => p.text)
        .join(""),
    ).toBe(after);
  });

  it("says when nothing changed", () => {
    expect(hasChanges(diffWords("same text", "same text"))).toBe(false);
    expect(hasChanges(diffWords("", "new"))).toBe(true);
  });
});

describe("countWords", () => {
  it("counts runs of letters and digits, not spaces or punctuation", () => {
    expect(countWords("")).toBe(0);
    expect(countWords("  — , .")).toBe(0);
    expect(countWords("The vendor MUST publish it.")).toBe(5);
    expect(countWords("Updates until 2030-12-31, über alles")).toBe(7);
  });
});

describe("the rewrite rule: fewer than half the words of the longer version kept", () => {
  const rewrite = (before: string, after: string) =>
    isRewrite(tallyWords(diffWords(before, after)));

  it("tallies kept words and each side's words from the redlines", () => {
    expect(
      tallyWords(diffWords("The vendor SHOULD publish it.", "The vendor MUST publish it.")),
    ).toEqual({ kept: 4, before: 5, after: 5 });
  });

  it("calls a one-word edit an edit", () => {
    expect(rewrite("The vendor SHOULD publish it.", "The vendor MUST publish it.")).toBe(false);
  });

  it("calls a text with no word in common a rewrite", () => {
    expect(rewrite("Signed images only.", "Owners may install any firmware.")).toBe(true);
  });

  it("keeps exactly half: an edit; one word fewer: a rewrite", () => {
    // 4 of 8 words kept.
    expect(tallyWords(diffWords("a b c d e f g h", "a b c d w x y z"))).toEqual({
      kept: 4,
      before: 8,
      after: 8,
    });
    expect(rewrite("a b c d e f g h", "a b c d w x y z")).toBe(false);
    expect(rewrite("a b c d e f g h", "a b c v w x y z")).toBe(true);
  });

  it("measures against the longer version, so it says the same both ways round", () => {
    const short = "Updates MUST be signed.";
    const long =
      "Every update MUST be signed by the manufacturer, and the device MUST refuse any update whose signature it cannot check.";
    expect(rewrite(short, long)).toBe(true);
    expect(rewrite(long, short)).toBe(true);
    const pairs: [string, string][] = [
      ["The vendor SHOULD publish it.", "The vendor MUST publish it."],
      ["a b c d e f g h", "a b c v w x y z"],
      ["one two three", "one two three four five six seven"],
    ];
    for (const [a, b] of pairs) expect(rewrite(a, b)).toBe(rewrite(b, a));
  });

  it("calls a long addition to a short text a rewrite, and a short one an edit", () => {
    expect(rewrite("one two three", "one two three four five six seven")).toBe(true);
    expect(rewrite("one two three", "one two three four five")).toBe(false);
  });

  it("never calls a change of punctuation or spacing alone a rewrite", () => {
    expect(rewrite("Signed images, only.", "Signed images only!")).toBe(false);
    expect(rewrite("—", "-")).toBe(false);
    expect(rewrite("", "")).toBe(false);
  });

  it("treats a change of case as a change of word: MUST is not must", () => {
    expect(tallyWords(diffWords("MUST", "must"))).toEqual({ kept: 0, before: 1, after: 1 });
    expect(rewrite("MUST", "must")).toBe(true);
  });

  it("calls text written from nothing, or removed entirely, an addition or removal, not a rewrite", () => {
    expect(rewrite("", "New text.")).toBe(false);
    expect(rewrite("Old text.", "")).toBe(false);
    expect(rewrite("—", "New text.")).toBe(false);
  });

  it("judges DATA-1's rewording between 1.0.0 and 1.1.0 a rewrite", () => {
    expect(
      rewrite(
        "The product MUST collect only the personal data needed for the functions the owner actually uses.",
        "The product MUST collect only the personal data its functions need, and the manufacturer MUST name, for each item collected, the function that needs it.",
      ),
    ).toBe(true);
  });
});

describe("parseDiffView", () => {
  it("reads side and inline, and falls back to the automatic view", () => {
    expect(parseDiffView("side")).toBe("side");
    expect(parseDiffView("inline")).toBe("inline");
    expect(parseDiffView(undefined)).toBe("auto");
    expect(parseDiffView("auto")).toBe("auto");
    expect(parseDiffView("SIDE")).toBe("auto");
    expect(parseDiffView(["side", "inline"])).toBe("auto");
  });
});
