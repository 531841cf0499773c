import { describe, expect, it } from "vitest";
import { diffWords, hasChanges } from "@/lib/drafting/diff";

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
