import { describe, expect, it } from "vitest";
import { plainTextOf, sameWords, wordsOf } from "@/lib/releases/plain-text";
import { doc } from "@/tests/release-content";

describe("plainTextOf", () => {
  it("puts paragraphs, list items and hard breaks on their own lines", () => {
    const text = plainTextOf({
      type: "doc",
      content: [
        {
          type: "paragraph",
          content: [
            { type: "text", text: "Keep " },
            { type: "text", text: "logs", marks: [{ type: "bold" }] },
            { type: "hardBreak" },
            { type: "text", text: "for a year." },
          ],
        },
        {
          type: "orderedList",
          attrs: { start: 3 },
          content: ["one", "two"].map((item) => ({
            type: "listItem",
            content: [{ type: "paragraph", content: [{ type: "text", text: item }] }],
          })),
        },
      ],
    });
    expect(text).toBe("Keep logs\nfor a year.\none\ntwo");
  });

  it("reads an empty field as empty text", () => {
    expect(plainTextOf({ type: "doc", content: [] })).toBe("");
    expect(plainTextOf({ type: "doc" })).toBe("");
    expect(plainTextOf(doc(""))).toBe("");
  });
});

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
