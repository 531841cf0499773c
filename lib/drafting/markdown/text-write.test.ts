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
import { normaliseRichText, richTextToMarkdown } from "@/lib/drafting/markdown/text";
import type { RichText } from "@/lib/drafting/rich-text";

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
