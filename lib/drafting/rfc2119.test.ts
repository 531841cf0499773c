import { describe, expect, it } from "vitest";
import { splitKeywords } from "@/lib/drafting/rfc2119";

describe("splitKeywords", () => {
  it("marks capitalised keywords, longest phrase first", () => {
    expect(splitKeywords("The vendor MUST NOT ship a default password.")).toEqual([
      { text: "The vendor ", keyword: false },
      { text: "MUST NOT", keyword: true },
      { text: " ship a default password.", keyword: false },
    ]);
  });

  it("ignores lower-case words and words that merely contain a keyword", () => {
    expect(splitKeywords("It may be MAYBE or mustard")).toEqual([
      { text: "It may be MAYBE or mustard", keyword: false },
    ]);
  });

  it("finds several keywords", () => {
    expect(
      splitKeywords("SHOULD and MAY")
        .filter((part) => part.keyword)
        .map((part) => part.text),
    ).toEqual(["SHOULD", "MAY"]);
  });
});
