import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  INT4_MAX,
  MAX_MARKDOWN_NESTING,
  markdownNesting,
  markdownText,
  plainLine,
  plainText,
  positiveInt4,
  returnPathField,
} from "@/lib/validation";

const errorOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.success ? null : (result.error?.issues[0]?.message ?? null);

describe("plainLine", () => {
  it("refuses NUL and other control characters, markup and emptiness", () => {
    const schema = plainLine(100);
    expect(errorOf(schema.safeParse("a\u0000b"))).toBe("plain_text_only");
    expect(errorOf(schema.safeParse("a\u001bb"))).toBe("plain_text_only");
    expect(errorOf(schema.safeParse("a\nb"))).toBe("plain_text_only");
    expect(errorOf(schema.safeParse("a\ud800b"))).toBe("plain_text_only");
    expect(errorOf(schema.safeParse("<b>"))).toBe("plain_text_only");
    expect(errorOf(schema.safeParse("   "))).toBe("required");
    expect(errorOf(schema.safeParse("x".repeat(101)))).toBe("too_long");
    expect(schema.parse("  Update period  ")).toBe("Update period");
    expect(plainLine(10, { required: false }).parse("")).toBe("");
  });
});

describe("plainText", () => {
  it("keeps line breaks and tabs, unifies CRLF, and refuses other control characters", () => {
    const schema = plainText(100);
    expect(schema.parse("one\r\ntwo\tthree\rfour")).toBe("one\ntwo\tthree\nfour");
    expect(errorOf(schema.safeParse("one\u0000two"))).toBe("plain_text_only");
    expect(errorOf(schema.safeParse("one\u007ftwo"))).toBe("plain_text_only");
    expect(errorOf(schema.safeParse("a < b"))).toBe("plain_text_only");
    expect(plainText(100, { markup: true }).parse("a < b")).toBe("a < b");
    expect(errorOf(plainText(10, { required: true }).safeParse("\n \n"))).toBe("required");
    expect(plainText(100, { trim: false }).parse("\n\nx\n")).toBe("\n\nx\n");
  });
});

describe("markdownText", () => {
  const schema = markdownText(10_000, { tooLong: "comment_too_long" });

  it("refuses nesting deeper than the limit, however it is written", () => {
    expect(errorOf(schema.safeParse(">".repeat(9_999)))).toBe("too_deeply_nested");
    expect(errorOf(schema.safeParse("> ".repeat(4_999)))).toBe("too_deeply_nested");
    expect(errorOf(schema.safeParse(`${"- ".repeat(4_999)}x`))).toBe("too_deeply_nested");
    expect(errorOf(schema.safeParse(`${"> 1. ".repeat(100)}x`))).toBe("too_deeply_nested");
    expect(schema.parse(`${">".repeat(MAX_MARKDOWN_NESTING)} deep`)).toContain(">");
  });

  it("measures the nesting of the deepest line", () => {
    expect(markdownNesting("plain\n> quote\n> > - item")).toBe(3);
    expect(markdownNesting("-- not a list\n1.5 is a number")).toBe(0);
    expect(markdownNesting("```\ncode\n```")).toBe(0);
  });

  it("refuses control characters and keeps its own length message", () => {
    expect(errorOf(schema.safeParse("hi\u0000"))).toBe("plain_text_only");
    expect(errorOf(schema.safeParse("x".repeat(10_001)))).toBe("comment_too_long");
    expect(errorOf(schema.safeParse(" "))).toBe("required");
    expect(schema.parse("**bold**\r\n\r\n- a\n\t- b")).toBe("**bold**\n\n- a\n\t- b");
  });
});

describe("positiveInt4", () => {
  it("accepts what fits an integer column and refuses the rest as field errors", () => {
    expect(positiveInt4.parse("7")).toBe(7);
    expect(positiveInt4.parse(String(INT4_MAX))).toBe(INT4_MAX);
    expect(errorOf(positiveInt4.safeParse("99999999999"))).toBe("too_large");
    expect(errorOf(positiveInt4.safeParse("0"))).toBe("too_small");
    expect(errorOf(positiveInt4.safeParse("1.5"))).toBe("invalid_number");
    expect(errorOf(positiveInt4.safeParse("x"))).toBe("invalid_number");
  });
});

describe("returnPathField", () => {
  const form = z.object({ email: z.string(), next: returnPathField });

  it("keeps a safe return path, and lets a form without one through", () => {
    expect(form.parse({ email: "a", next: "/inbox" })).toEqual({ email: "a", next: "/inbox" });
    expect(form.parse({ email: "a" })).toEqual({ email: "a" });
  });

  it("drops a return path that leaves the site, without refusing the form", () => {
    for (const next of ["//evil.example", "https://evil.example", "/\\evil.example", ""]) {
      expect(form.parse({ email: "a", next }).next).toBeUndefined();
    }
  });
});
