import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  MarkdownError,
  markdownToRichText,
  normaliseRichText,
  richTextToMarkdown,
} from "@/lib/drafting/markdown-text";
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

type Mark = { type: string; attrs?: Record<string, string> };
const t = (text: string, ...marks: Mark[]): RichText =>
  marks.length ? { type: "text", text, marks } : { type: "text", text };
const p = (...content: RichText[]): RichText => ({ type: "paragraph", content });
const doc = (...content: RichText[]): RichText => ({ type: "doc", content });
const item = (...content: RichText[]): RichText => ({ type: "listItem", content });
const bullets = (...items: RichText[]): RichText => ({ type: "bulletList", content: items });
const numbered = (start: number | null, ...items: RichText[]): RichText =>
  start === null
    ? { type: "orderedList", content: items }
    : { type: "orderedList", attrs: { start }, content: items };
const br: RichText = { type: "hardBreak" };
const bold = { type: "bold" };
const italic = { type: "italic" };
const code = { type: "code" };
const link = (href: string) => ({ type: "link", attrs: { href } });
const md = (...content: RichText[]) => richTextToMarkdown(doc(...content));

describe("richTextToMarkdown", () => {
  it("writes nothing for an empty document", () => {
    expect(richTextToMarkdown({ type: "doc", content: [] })).toBe("");
    expect(richTextToMarkdown({ type: "doc" })).toBe("");
    expect(md({ type: "paragraph" }, p(t(""), br))).toBe("");
  });

  it("separates blocks by one blank line and writes marks in a fixed nesting order", () => {
    expect(
      md(
        p(t("Plain "), t("bold", bold), t(" "), t("it", italic), t(" "), t("x()", code)),
        p(t("Two")),
      ),
    ).toBe("Plain **bold** *it* `x()`\n\nTwo");
    // Marks arrive in any order but always nest link › bold › italic › code.
    expect(md(p(t("all", code, italic, link("https://a.example"), bold)))).toBe(
      "[***`all`***](https://a.example)",
    );
    expect(md(p(t("a", bold), t("b", bold, italic), t("c", italic)))).toBe("**a*b****c*");
    expect(md(p(t("a", italic), t("b", italic, bold)))).toBe("*a****b***");
    expect(md(p(t("a", bold), t("b", link("https://x.example"), bold)))).toBe(
      "**a**[**b**](https://x.example)",
    );
    expect(md(p(t("a", link("https://x.example")), t("b", link("mailto:b@x.example"))))).toBe(
      "[a](https://x.example)[b](mailto:b@x.example)",
    );
  });

  it("writes lists with 2-space bullets and marker-wide numbered indentation", () => {
    const nested = bullets(item(p(t("inner"))));
    expect(md(bullets(item(p(t("one"))), item(p(t("two")), nested)))).toBe(
      "- one\n- two\n  - inner",
    );
    expect(md(numbered(3, item(p(t("three")), nested), item(p(t("four")))))).toBe(
      "3. three\n   - inner\n4. four",
    );
    expect(md(numbered(9, item(p(t("nine"))), item(p(t("ten")), nested)))).toBe(
      "9. nine\n10. ten\n    - inner",
    );
    expect(md(bullets(item(p(t("a")), p(t("b"))), item({ type: "paragraph" }, nested)))).toBe(
      "- a\n\n  b\n-\n  - inner",
    );
    // CommonMark lets only a list starting at 1 interrupt a paragraph, so others get a blank line.
    expect(md(bullets(item(p(t("a")), numbered(2, item(p(t("b")))))))).toBe("- a\n\n  2. b");
  });

  it("writes a hard break as a trailing backslash and drops one that ends a paragraph", () => {
    expect(md(p(t("line one"), br, t("line two"), br))).toBe("line one\\\nline two");
    expect(md(bullets(item(p(t("a"), br, t("b")))))).toBe("- a\\\n  b");
  });

  it("escapes Markdown syntax in text, and block markers only at the start of a line", () => {
    expect(md(p(t("\\ * _ ` [ ] < >")))).toBe("\\\\ \\* \\_ \\` \\[ \\] \\< \\>");
    const starts = ["# h", "- d", "+ p", "= e", "| t", ": c", "~~~", "12. n", "3) n"];
    expect(starts.map((s) => md(p(t(s))))).toEqual([
      "\\# h",
      "\\- d",
      "\\+ p",
      "\\= e",
      "\\| t",
      "\\: c",
      "\\~~~",
      "12\\. n",
      "3\\) n",
    ]);
    expect(md(p(t("a # - + 1. b"), br, t("# after a break")))).toBe(
      "a # - + 1. b\\\n\\# after a break",
    );
    expect(md(p(t("Look!"), t("here", link("https://x.example"))))).toBe(
      "Look\\![here](https://x.example)",
    );
  });

  it("fences code with more backticks than it contains and escapes link targets", () => {
    expect(md(p(t("a`b", code), t(" "), t("`x", code), t(" "), t(" a ", code)))).toBe(
      "``a`b`` `` `x `` `  a  `",
    );
    expect(md(p(t("t", link("https://x.example/a_(b) c\\"))))).toBe(
      "[t](https://x.example/a_\\(b\\)%20c\\\\)",
    );
  });

  it("normalises to one canonical JSON form", () => {
    const messy = doc(
      p(t("  a"), t("", bold), { type: "text", text: "b", marks: [] }, t(" x ", bold), t("c\nd ")),
      { type: "paragraph", content: [] },
      bullets(item(p(t("1")))),
      bullets(item(p(t("2")))),
      numbered(1, item(p(t("y")))),
      numbered(0, item({ type: "paragraph" }, p(t("z")), { type: "paragraph" })),
      p(
        t("u", { type: "link", attrs: { href: "https://u.example/a b", target: "_blank" } }),
        br,
        br,
      ),
    );
    expect(normaliseRichText(messy)).toEqual(
      doc(
        p(t("ab "), t("x", bold), t(" c d")),
        bullets(item(p(t("1"))), item(p(t("2")))),
        numbered(null, item(p(t("y"))), item(p(t("z")))),
        p(t("u", link("https://u.example/a%20b"))),
      ),
    );
    expect(normaliseRichText(doc(numbered(0, item(bullets(item(p(t("z"))))))))).toEqual(
      doc(numbered(0, item({ type: "paragraph" }, bullets(item(p(t("z"))))))),
    );
  });

  it("refuses JSON outside the subset", () => {
    expect(() => md({ type: "heading", content: [t("h")] })).toThrow('Unsupported block "heading"');
    expect(() => md(p(t("s", { type: "strike" })))).toThrow('Unsupported mark "strike"');
    expect(() => md(p(t("x", link("javascript:alert(1)"))))).toThrow(
      "Link href must use http:, https: or mailto:",
    );
  });
});

describe("markdownToRichText", () => {
  it("parses the subset into canonical JSON", () => {
    expect(
      markdownToRichText("Read **the** *policy* at [`vendor`](https://v.example).\n\nNext"),
    ).toEqual(
      doc(
        p(
          t("Read "),
          t("the", bold),
          t(" "),
          t("policy", italic),
          t(" at "),
          t("vendor", link("https://v.example"), code),
          t("."),
        ),
        p(t("Next")),
      ),
    );
    expect(markdownToRichText("")).toEqual(doc());
    expect(markdownToRichText("  one\n   two  \nthree\\\nfour")).toEqual(
      doc(p(t("one two three"), br, t("four"))),
    );
  });

  it("accepts common non-canonical Markdown", () => {
    expect(markdownToRichText("* a\n\n+ b\n- c\n  lazy\nmore")).toEqual(
      doc(bullets(item(p(t("a"))), item(p(t("b"))), item(p(t("c lazy more"))))),
    );
    expect(markdownToRichText("7. a\n1. b")).toEqual(
      doc(numbered(7, item(p(t("a"))), item(p(t("b"))))),
    );
    expect(markdownToRichText("1. a\n-\n- - x")).toEqual(
      doc(
        numbered(null, item(p(t("a")))),
        bullets(item({ type: "paragraph" }), item({ type: "paragraph" }, bullets(item(p(t("x")))))),
      ),
    );
    expect(markdownToRichText("**[a](https://x.example)** *i**bi***")).toEqual(
      doc(
        p(t("a", link("https://x.example"), bold), t(" "), t("i", italic), t("bi", bold, italic)),
      ),
    );
    expect(markdownToRichText("\\# \\! \\( a\\b snake_case 2 < 3 & c\\")).toEqual(
      doc(p(t("# ! ( a\\b snake_case 2 < 3 & c\\"))),
    );
    expect(markdownToRichText("`` a`b `` ` x` `  ` [w](https://en.example/A_(b))")).toEqual(
      doc(
        p(
          t("a`b", code),
          t(" "),
          t(" x", code),
          t(" "),
          t("  ", code),
          t(" "),
          t("w", link("https://en.example/A_(b)")),
        ),
      ),
    );
    expect(markdownToRichText("[m](MAILTO:a@b.example) [h](HTTPS://B.EXAMPLE)")).toEqual(
      doc(p(t("m", link("MAILTO:a@b.example")), t(" "), t("h", link("HTTPS://B.EXAMPLE")))),
    );
  });

  it.each([
    ["## Heading", 1, "Headings are not supported in rich text"],
    ["text\n\n> quote", 3, "Block quotes are not supported"],
    ["a <b>bold</b>", 1, "HTML and <…> links are not supported; write \\< for a literal <"],
    [
      "see <https://x.example>",
      1,
      "HTML and <…> links are not supported; write \\< for a literal <",
    ],
    ["![logo](https://x.example/l.png)", 1, "Images are not supported"],
    ["```\ncode\n```", 1, "Code blocks are not supported; use `inline code`"],
    ["~~~", 1, "Code blocks are not supported; use `inline code`"],
    ["para\n\n    indented", 3, "Indented code blocks are not supported"],
    ["a\n\n---", 3, "Horizontal rules are not supported"],
    ["Title\n===", 2, "Underlined headings are not supported"],
    ["| a | b |\n| --- | --- |", 2, "Tables are not supported"],
    ["1) first", 1, "Numbered items are written 1. rather than 1)"],
    [
      "- ok\n- [x](JaVaScRiPt:alert(1))",
      2,
      'Links must use http:, https: or mailto:, not "JaVaScRiPt:alert(1)"',
    ],
    ["[x](/relative)", 1, 'Links must use http:, https: or mailto:, not "/relative"'],
    [
      '[x](https://a.example "title")',
      1,
      "A link URL cannot contain spaces or line breaks, and link titles are not supported",
    ],
    ["[x]()", 1, "The link URL is empty"],
    ["[x](https://a.example", 1, "The link URL is not closed by )"],
    [
      "[x] no url",
      1,
      "Link text [ ] must be followed by (url); write \\[ and \\] for literal brackets",
    ],
    ["a ] b", 1, "Unmatched ]; write \\] for a literal bracket"],
    ["[a [b](https://x.example)](https://y.example)", 1, "A link cannot contain another link"],
    ["[**a](https://x.example)**", 1, "Formatting opened inside link text must close before ]"],
    [
      "one\n**two\nthree",
      2,
      "Bold text opened with ** is not closed; write \\* for a literal asterisk",
    ],
    ["2 * 3", 1, "Italic text opened with * is not closed; write \\* for a literal asterisk"],
    ["a\n\nb `c", 3, "Code span opened with ` is not closed; write \\` for a literal backtick"],
    [
      "[open",
      1,
      "Link text opened with [ is not closed by ](url); write \\[ for a literal bracket",
    ],
    ["*a **b* c**", 1, "Misnested * or **: formatting must close in the reverse order it opened"],
    ["*****", 1, "Horizontal rules are not supported"],
    ["x *****", 1, "Too many asterisks in a row; write \\* for a literal asterisk"],
  ])("refuses %j on line %i", (markdown, line, reason) => {
    const thrown = (firstLine?: number) => {
      try {
        markdownToRichText(markdown, firstLine);
      } catch (error) {
        return error;
      }
      return null;
    };
    expect(thrown()).toBeInstanceOf(MarkdownError);
    expect(thrown()).toMatchObject({ line, reason });
    // The line number counts from `firstLine`, so a field deep in a file reports its real line.
    expect(thrown(40)).toMatchObject({
      line: line + 39,
      reason,
      message: `Line ${line + 39}: ${reason}`,
    });
  });
});

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
