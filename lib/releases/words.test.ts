import { describe, expect, it } from "vitest";
import { sameWords, wordsOf } from "@/lib/releases/words";

describe("words", () => {
  it("keeps letters and digits in any script, and case", () => {
    expect(wordsOf("The vendor MUST NOT ship 2 défauts — ever!")).toEqual([
      "The",
      "vendor",
      "MUST",
      "NOT",
      "ship",
      "2",
      "défauts",
      "ever",
    ]);
    expect(wordsOf(" ,.; ")).toEqual([]);
  });

  it("treats whitespace and punctuation as the same words, but not case or order", () => {
    expect(sameWords("Logs, kept.", "  Logs kept ")).toBe(true);
    expect(sameWords("end-to-end", "end to end")).toBe(true);
    expect(sameWords("MUST keep", "must keep")).toBe(false);
    expect(sameWords("keep logs", "logs keep")).toBe(false);
    expect(sameWords("keep logs", "keep logs daily")).toBe(false);
  });
});
