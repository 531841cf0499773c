import { describe, expect, it } from "vitest";
import { decodeSegment, hasControlCharacter, wellFormedParams } from "@/lib/http/params";

describe("hasControlCharacter", () => {
  it.each([
    "/standards/%00/v/1.0.0",
    "/standards/x%1F",
    "/standards/x%7f/draft",
    "/standards/\u0000",
    "/a\nb",
  ])("finds one in %j", (path) => {
    expect(hasControlCharacter(path)).toBe(true);
  });

  it.each(["/standards/iotmark/v/1.0.0", "/standards/x/compare/%25", "/caf%C3%A9", "/a%20b"])(
    "finds none in %j",
    (path) => {
      expect(hasControlCharacter(path)).toBe(false);
    },
  );
});

describe("wellFormedParams", () => {
  it("accepts the shapes of real addresses and refuses the rest", () => {
    expect(wellFormedParams({ slug: "iotmark", version: "1.10.0", ref: "PRIV-3" })).toBe(true);
    expect(wellFormedParams({ slug: "\u0000" })).toBe(false);
    expect(wellFormedParams({ version: "1.0" })).toBe(false);
    expect(wellFormedParams({ ref: "priv-3" })).toBe(false);
  });
});

describe("decodeSegment", () => {
  it("keeps a malformed escape as written", () => {
    expect(decodeSegment("%25")).toBe("%");
    expect(decodeSegment("%")).toBe("%");
  });
});
