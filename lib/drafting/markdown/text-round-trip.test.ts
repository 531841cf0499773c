import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MarkdownError,
  markdownToRichText,
  normaliseRichText,
  richTextToMarkdown,
} from "@/lib/drafting/markdown/text";
import type { RichText } from "@/lib/drafting/rich-text";

// Text drawn from characters that Markdown treats specially, plus some that it does not.
const unit = fc.constantFrom(..."ab Z19\t\\*_`[]<>#-+=|:~!().&é\n\u2028\u00a0".split(""), "😀");
const text = fc.string({ unit, maxLength: 8 });
const href = fc.constantFrom(
  "https://example.org/path_(x)",
  "http://device.test/a b",
  "mailto:security@example.org",
  "HTTPS://EXAMPLE.ORG/<x>\\y",
);
const mark = fc.oneof(
  fc.constantFrom({ type: "bold" }, { type: "italic" }, { type: "code" }),
  href.map((h) => ({ type: "link", attrs: { href: h, target: "_blank" } })),
);
const inline: fc.Arbitrary<RichText> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant("text"),
      text,
      marks: fc.uniqueArray(mark, { selector: (m) => m.type, maxLength: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ type: "hardBreak" }) },
);
const paragraph = fc
  .array(inline, { maxLength: 6 })
  .map((content) => ({ type: "paragraph", content }));
const blockAt = (depth: number): fc.Arbitrary<RichText> =>
  depth === 0
    ? paragraph
    : fc.oneof(
        { weight: 3, arbitrary: paragraph },
        {
          weight: 1,
          arbitrary: fc
            .record({
              ordered: fc.boolean(),
              start: fc.option(fc.nat(12), { nil: undefined }),
              items: fc.array(fc.array(blockAt(depth - 1), { maxLength: 3 }), {
                minLength: 1,
                maxLength: 3,
              }),
            })
            .map(({ ordered, start, items }) => ({
              type: ordered ? "orderedList" : "bulletList",
              ...(ordered && start !== undefined ? { attrs: { start } } : {}),
              content: items.map((content) => ({ type: "listItem", content })),
            })),
        },
      );
const docArb = fc.array(blockAt(3), { maxLength: 4 }).map((content) => ({ type: "doc", content }));

describe("round trip", () => {
  // Fixed size: 300 documents of at most 4 blocks nested 3 deep; the budget leaves room for a
  // busy two-core machine.
  it("JSON → Markdown → JSON gives the canonical JSON, and canonical Markdown is stable", {
    timeout: 30_000,
  }, () => {
    fc.assert(
      fc.property(docArb, (doc) => {
        const canonical = normaliseRichText(doc);
        expect(normaliseRichText(canonical)).toEqual(canonical);
        const markdown = richTextToMarkdown(doc);
        expect(markdownToRichText(markdown)).toEqual(canonical);
        expect(richTextToMarkdown(canonical)).toBe(markdown);
        expect(richTextToMarkdown(markdownToRichText(markdown))).toBe(markdown);
      }),
      { numRuns: 300 },
    );
  });

  it("any Markdown either is refused with a line number or parses to canonical JSON", () => {
    // Mostly well-formed pieces, so that many inputs parse, and some stray syntax, so some do not.
    const fragment = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.constantFrom(
          ..."a|b c|**x**|*y*|`c`|[t](https://x.org)|\\*|\\[|  |\n|\n\n|- |1. |3. |\n  |\n   |\\\n".split(
            "|",
          ),
        ),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          ..."*,**,`,\\,[,],](ftp://x),    ,#,> ,<b>,!,_,---,\t,&,),(,1) ,~~~,* ,+ ".split(","),
        ),
      },
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 25 }), (parts) => {
        const markdown = parts.join("");
        let doc: RichText;
        try {
          doc = markdownToRichText(markdown, 7);
        } catch (error) {
          expect(error).toBeInstanceOf(MarkdownError);
          const line = error instanceof MarkdownError ? error.line : 0;
          expect(line).toBeGreaterThanOrEqual(7);
          expect(line).toBeLessThan(7 + markdown.split("\n").length);
          return;
        }
        expect(normaliseRichText(doc)).toEqual(doc);
        expect(markdownToRichText(richTextToMarkdown(doc))).toEqual(doc);
      }),
      { numRuns: 1000 },
    );
  });
});
