import { describe, expect, it } from "vitest";
import type { RichText } from "@/lib/drafting/rich-text";
import { freeSlug, slugFromTitle } from "@/lib/drafting/sections-rules";
import {
  splitByTerms,
  splitDefinitions,
  termMatcher,
  termOccurrences,
  termOfParagraph,
  termsOf,
} from "@/lib/drafting/terms";

const text = (value: string, ...marks: string[]): RichText => ({
  type: "text",
  text: value,
  ...(marks.length ? { marks: marks.map((type) => ({ type })) } : {}),
});
const para = (...content: RichText[]): RichText => ({ type: "paragraph", content });
const doc = (...content: RichText[]): RichText => ({ type: "doc", content });
const bold = (value: string) => para(text(value, "bold"));

describe("slugs of sections", () => {
  it("lower-cases, drops accents and joins words with hyphens", () => {
    expect(slugFromTitle("Scope")).toBe("scope");
    expect(slugFromTitle("  Définitions & Terms ")).toBe("definitions-terms");
    expect(slugFromTitle("Roles (who does what?)")).toBe("roles-who-does-what");
  });
  it("falls back to 'section' when nothing is left", () => {
    expect(slugFromTitle("—")).toBe("section");
    expect(slugFromTitle("")).toBe("section");
  });
  it("keeps at most 60 characters without a trailing hyphen", () => {
    const slug = slugFromTitle(`${"a".repeat(59)} b`);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug.endsWith("-")).toBe(false);
  });
  it("never gives a slug already taken", () => {
    expect(freeSlug("Scope", [])).toBe("scope");
    expect(freeSlug("Scope", ["scope"])).toBe("scope-2");
    expect(freeSlug("Scope", ["scope", "scope-2"])).toBe("scope-3");
    const long = "x".repeat(70);
    const taken = [slugFromTitle(long)];
    const next = freeSlug(long, taken);
    expect(next).not.toBe(taken[0]);
    expect(next.length).toBeLessThanOrEqual(60);
  });
});

describe("termOfParagraph", () => {
  it("reads a wholly bold paragraph as a term", () => {
    expect(termOfParagraph(bold("Device"))).toBe("Device");
    expect(termOfParagraph(bold("Smart  device:"))).toBe("Smart device");
    expect(termOfParagraph(para(text(" "), text("Vendor", "bold"), text(" ")))).toBe("Vendor");
    expect(termOfParagraph(para(text("Sec", "bold"), text("urity update", "bold", "italic")))).toBe(
      "Security update",
    );
  });
  it("refuses prose, partial bold, links, code, empty and non-paragraph blocks", () => {
    expect(termOfParagraph(para(text("Device")))).toBeNull();
    expect(termOfParagraph(para(text("Device", "bold"), text(" means a thing")))).toBeNull();
    expect(
      termOfParagraph(
        para({
          type: "text",
          text: "Device",
          marks: [{ type: "bold" }, { type: "link", attrs: { href: "https://x" } }],
        }),
      ),
    ).toBeNull();
    expect(termOfParagraph(para(text("x", "bold", "code")))).toBeNull();
    expect(termOfParagraph(para())).toBeNull();
    expect(termOfParagraph(bold("  "))).toBeNull();
    expect(termOfParagraph(para(text("A", "bold"), { type: "hardBreak" }))).toBeNull();
    expect(termOfParagraph({ type: "bulletList", content: [] })).toBeNull();
  });
});

describe("termsOf", () => {
  const body = doc(
    para(text("In this standard:")),
    bold("Device"),
    para(text("A product that connects to a network.")),
    para(text("It includes its companion app.")),
    bold("Vendor"),
    para(text("Whoever puts a device on the market.")),
    bold("Update"),
  );

  it("gives each term its following blocks as its definition", () => {
    expect(termsOf(body)).toEqual([
      {
        term: "Device",
        slug: "term-device",
        definition: doc(
          para(text("A product that connects to a network.")),
          para(text("It includes its companion app.")),
        ),
      },
      {
        term: "Vendor",
        slug: "term-vendor",
        definition: doc(para(text("Whoever puts a device on the market."))),
      },
      { term: "Update", slug: "term-update", definition: doc() },
    ]);
  });
  it("keeps what comes before the first term as a preamble", () => {
    expect(splitDefinitions(body).preamble).toEqual([para(text("In this standard:"))]);
  });
  it("gives a term defined twice a second anchor", () => {
    const slugs = termsOf(doc(bold("Device"), bold("device"))).map((term) => term.slug);
    expect(slugs).toEqual(["term-device", "term-device-2"]);
  });
  it("finds nothing in an empty or term-less body", () => {
    expect(termsOf(doc())).toEqual([]);
    expect(termsOf({ type: "doc" })).toEqual([]);
    expect(termsOf(doc(para(text("Just prose."))))).toEqual([]);
  });
});

describe("term links", () => {
  const terms = [
    { term: "Device", slug: "term-device" },
    { term: "Smart device", slug: "term-smart-device" },
    { term: "User", slug: "term-user" },
    { term: "C++", slug: "term-c" },
  ];
  const matcher = termMatcher(terms);
  const linked = (value: string) =>
    splitByTerms(value, matcher)
      .filter((segment) => segment.slug)
      .map((segment) => [segment.text, segment.slug]);

  it("finds whole words in any case, and plurals", () => {
    expect(linked("The DEVICE and its users; devices too.")).toEqual([
      ["DEVICE", "term-device"],
      ["users", "term-user"],
      ["devices", "term-device"],
    ]);
  });
  it("never matches inside a word", () => {
    expect(linked("devicefoo, subuser, user_name, user1")).toEqual([]);
    expect(linked("résumé-user")).toEqual([["user", "term-user"]]);
  });
  it("prefers the longest term and allows any spacing between its words", () => {
    expect(linked("a smart  device")).toEqual([["smart  device", "term-smart-device"]]);
  });
  it("escapes terms and keeps every character of the text", () => {
    const value = "Use C++ or device.";
    expect(
      splitByTerms(value, matcher)
        .map((segment) => segment.text)
        .join(""),
    ).toBe(value);
    expect(linked("Use C++ now")).toEqual([["C++", "term-c"]]);
  });
  it("leaves text alone when there are no terms", () => {
    expect(termMatcher([])).toBeNull();
    expect(termMatcher([{ term: "  ", slug: "term-section" }])).toBeNull();
    expect(splitByTerms("device", null)).toEqual([{ text: "device", slug: null }]);
    expect(splitByTerms("", matcher)).toEqual([]);
  });
  it("finds occurrences in text nodes, not in links or code", () => {
    const clause = doc(
      para(
        text("The device "),
        { type: "text", text: "device", marks: [{ type: "link", attrs: { href: "https://x" } }] },
        text(" device", "code"),
        text(" and the user", "bold"),
      ),
      { type: "bulletList", content: [{ type: "listItem", content: [para(text("Each user."))] }] },
    );
    expect(termOccurrences(clause, terms)).toEqual([
      { path: [0, 0], start: 4, end: 10, text: "device", slug: "term-device" },
      { path: [0, 3], start: 9, end: 13, text: "user", slug: "term-user" },
      { path: [1, 0, 0, 0], start: 5, end: 9, text: "user", slug: "term-user" },
    ]);
  });
});
