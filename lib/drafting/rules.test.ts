import { describe, expect, it } from "vitest";
import type { Mapping, Relationship } from "@/lib/drafting/mappings";
import {
  authorsSince,
  clauseMetaSchema,
  formatRef,
  isReadOnly,
  nextRefNumber,
  parseRef,
  sameSnapshot,
} from "@/lib/drafting/rules";

describe("references", () => {
  it("format and parse as CODE-N", () => {
    expect(formatRef("SW", 4)).toBe("SW-4");
    expect(parseRef("SW-4")).toEqual({ code: "SW", number: 4 });
    expect(parseRef("LEGAL2-10")).toEqual({ code: "LEGAL2", number: 10 });
  });

  it.each(["sw-4", "SW-0", "SW-04", "SW4", "-4", "SW-", "SW-1-2", "TOOLONGCODE1-1"])(
    "refuse %j",
    (ref) => {
      expect(parseRef(ref)).toBeNull();
    },
  );

  it("never reuse a number, even after gaps", () => {
    expect(nextRefNumber([])).toBe(1);
    expect(nextRefNumber([1, 2, 3])).toBe(4);
    expect(nextRefNumber([7, 2])).toBe(8);
  });
});

describe("read-only clauses", () => {
  it("are the retired ones", () => {
    expect(isReadOnly({ retiredAt: null })).toBe(false);
    expect(isReadOnly({ retiredAt: new Date() })).toBe(true);
  });
});

describe("authorsSince", () => {
  const edits = [
    { userId: "b", lastEditAt: new Date("2026-01-02") },
    { userId: "a", lastEditAt: new Date("2026-01-03") },
    { userId: "c", lastEditAt: new Date("2026-01-01") },
  ];
  it("keeps those who edited after the previous revision", () => {
    expect(authorsSince(edits, new Date("2026-01-01T12:00:00Z"))).toEqual(["a", "b"]);
  });
  it("keeps everyone before the first revision", () => {
    expect(authorsSince(edits, null)).toEqual(["a", "b", "c"]);
  });
});

describe("clauseMetaSchema", () => {
  const valid = { title: "Security updates", moduleCode: "SW", level: "Bronze", strength: "MUST" };
  it("accepts a clause and a recommended-only one", () => {
    expect(clauseMetaSchema.parse(valid)).toEqual(valid);
    expect(clauseMetaSchema.parse({ ...valid, level: "" }).level).toBe("");
  });
  it.each([
    [{ title: "" }, "title", "required"],
    [{ title: "<b>x</b>" }, "title", "plain_text_only"],
    [{ title: "x".repeat(161) }, "title", "too_long"],
    [{ moduleCode: "sw" }, "moduleCode", "required"],
    [{ strength: "MUST NOT" }, "strength", "required"],
  ])("refuses %j", (input, field, code) => {
    const result = clauseMetaSchema.safeParse({ ...valid, ...input });
    expect(result.error?.issues[0]?.path[0]).toBe(field);
    expect(result.error?.issues[0]?.message).toBe(code);
  });
});

describe("two snapshots of a clause", () => {
  const text = (words: string) => ({
    type: "doc",
    content: [{ type: "paragraph", content: [{ type: "text", text: words }] }],
  });
  const etsi = (provision: string, relationship: Relationship = "superset"): Mapping => ({
    framework: "etsi-en-303-645",
    provision,
    relationship,
    rationale: "Asks for more than the provision.",
  });
  const snapshot = {
    title: "Sign firmware",
    strength: "MUST" as const,
    levelId: null,
    body: text("Firmware must be signed."),
    assessment: text("Check the signature."),
    examples: { type: "doc", content: [] },
    mappings: [etsi("5.3-1"), etsi("5.3-2")],
  };

  it("say the same whatever order their mappings were entered in", () => {
    const reversed = { ...snapshot, mappings: [...snapshot.mappings].reverse() };
    expect(sameSnapshot(snapshot, reversed)).toBe(true);
  });

  it("say the same whatever order a document's keys come in", () => {
    const reordered = {
      ...snapshot,
      body: {
        content: [
          { content: [{ text: "Firmware must be signed.", type: "text" }], type: "paragraph" },
        ],
        type: "doc",
      },
    };
    expect(sameSnapshot(snapshot, reordered)).toBe(true);
  });

  it.each([
    ["title", { title: "Sign all firmware" }],
    ["strength", { strength: "SHOULD" as const }],
    ["level", { levelId: "bronze" }],
    ["requirement", { body: text("Firmware should be signed.") }],
    ["assessment", { assessment: text("Check it.") }],
    ["examples", { examples: text("A signed image.") }],
    ["mappings", { mappings: [etsi("5.3-1")] }],
    ["mapping's relationship", { mappings: [etsi("5.3-1"), etsi("5.3-2", "equivalent")] }],
  ])("differ when the %s differs", (_, change) => {
    expect(sameSnapshot(snapshot, { ...snapshot, ...change })).toBe(false);
  });
});
