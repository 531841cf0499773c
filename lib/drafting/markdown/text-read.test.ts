import { describe, expect, it } from "vitest";
import {
  bold,
  br,
  bullets,
  code,
  doc,
  italic,
  item,
  link,
  numbered,
  p,
  t,
} from "@/lib/drafting/markdown/test-rich-text";
import { MarkdownError, markdownToRichText } from "@/lib/drafting/markdown/text";

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
