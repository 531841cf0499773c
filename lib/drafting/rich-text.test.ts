import { describe, expect, it } from "vitest";
import { plainTextOf } from "@/lib/drafting/rich-text";

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
    expect(plainTextOf({ type: "doc", content: [{ type: "paragraph", content: [] }] })).toBe("");
  });
});
