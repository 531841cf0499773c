import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalRichText, fieldsChanged, sameRichText } from "@/lib/drafting/canonical-text";
import { markdownToRichText, normaliseRichText } from "@/lib/drafting/markdown/text";
import type { RichText } from "@/lib/drafting/rich-text";

const doc = (...content: RichText[]): RichText => ({ type: "doc", content });
const p = (...content: RichText[]): RichText => ({ type: "paragraph", content });
const t = (text: string, ...marks: NonNullable<RichText["marks"]>): RichText =>
  marks.length ? { type: "text", text, marks } : { type: "text", text };

/** A link as the editor used to store it: every rendering attribute Tiptap gives a link. */
const renderedLink = (href: string) => ({
  type: "link",
  attrs: { href, target: "_blank", rel: "noopener noreferrer nofollow", class: null, title: null },
});

describe("the stored form of rich text", () => {
  it("drops a link's rendering attributes (rel, target, class, title) and keeps its href", () => {
    const edited = doc(p(t("see "), t("the guide", renderedLink("https://example.org/guide"))));
    expect(canonicalRichText(edited)).toEqual(
      doc(
        p(
          t("see "),
          t("the guide", { type: "link", attrs: { href: "https://example.org/guide" } }),
        ),
      ),
    );
    const titled = { type: "link", attrs: { href: "mailto:a@example.org", title: "Write" } };
    expect(canonicalRichText(doc(p(t("mail", titled)))).content?.[0]?.content?.[0]?.marks).toEqual([
      { type: "link", attrs: { href: "mailto:a@example.org" } },
    ]);
  });

  it("drops the empty attrs y-tiptap gives code, bold and italic, and lists marks in one order", () => {
    const edited = p(
      t("x()", { type: "code", attrs: {} }),
      t(" and "),
      t("both", { type: "italic", attrs: {} }, { type: "bold", attrs: {} }, { type: "bold" }),
    );
    expect(canonicalRichText(doc(edited))).toEqual(
      doc(
        p(t("x()", { type: "code" }), t(" and "), t("both", { type: "bold" }, { type: "italic" })),
      ),
    );
  });

  it("keeps an ordered list's start unless it is 1, and nothing else of a node's attributes", () => {
    const item = { type: "listItem", content: [p(t("one"))] };
    const list = (attrs: Record<string, unknown>) =>
      doc({ type: "orderedList", attrs, content: [item] });
    expect(canonicalRichText(list({ start: 1, type: null }))).toEqual(
      doc({ type: "orderedList", content: [item] }),
    );
    expect(canonicalRichText(list({ start: 3, type: "a" }))).toEqual(
      doc({ type: "orderedList", attrs: { start: 3 }, content: [item] }),
    );
    const odd = doc({ type: "paragraph", attrs: { class: "lead" }, content: [t("x")] });
    expect(canonicalRichText(odd)).toEqual(doc(p(t("x"))));
  });

  it("merges neighbouring runs with the same marks and drops empty ones", () => {
    const bold = { type: "bold" };
    const split = doc(
      p(t("Keep ", bold), t("", bold), t("logs", { type: "bold", attrs: {} }), t(".")),
    );
    expect(canonicalRichText(split)).toEqual(doc(p(t("Keep logs", bold), t("."))));
  });

  it("reads the one empty paragraph an editor puts in an untouched field as an empty field", () => {
    expect(canonicalRichText(doc({ type: "paragraph" }))).toEqual(doc());
    expect(canonicalRichText(doc({ type: "paragraph", content: [] }))).toEqual(doc());
    expect(canonicalRichText({ type: "doc" })).toEqual(doc());
    // Two empty paragraphs are a person's blank lines, not an untouched field.
    expect(canonicalRichText(doc(p(), p())).content).toHaveLength(2);
  });

  it("compares fields by their stored form", () => {
    const stored = doc(p(t("a", { type: "link", attrs: { href: "https://x.org" } })));
    const edited = doc(p(t("a", renderedLink("https://x.org"))));
    expect(sameRichText(stored, edited)).toBe(true);
    expect(sameRichText(stored, doc(p(t("a", renderedLink("https://y.org")))))).toBe(false);
    const before = { body: doc(p(t("a"))), assessment: stored, examples: doc() };
    const after = {
      body: doc(p(t("b"))),
      assessment: edited,
      examples: doc({ type: "paragraph" }),
    };
    expect(fieldsChanged(before, after)).toEqual(["body"]);
  });

  // Fixed size: 300 documents of at most 4 blocks nested 2 deep, with the extras editors add.
  it("is idempotent, and leaves Markdown's canonical form as it is", () => {
    const href = fc.constantFrom("https://example.org/a", "mailto:x@example.org");
    const mark = fc.oneof(
      fc.constantFrom({ type: "bold" }, { type: "italic", attrs: {} }, { type: "code", attrs: {} }),
      href.map(renderedLink),
      href.map((h) => ({ type: "link", attrs: { href: h } })),
    );
    const inline = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record({
          type: fc.constant("text"),
          text: fc.string({ maxLength: 5 }),
          marks: fc.array(mark, { maxLength: 3 }),
        }),
      },
      { weight: 1, arbitrary: fc.constant({ type: "hardBreak" }) },
    );
    const paragraph = fc.array(inline, { maxLength: 5 }).map((content) => p(...content));
    const block = (depth: number): fc.Arbitrary<RichText> =>
      depth === 0
        ? paragraph
        : fc.oneof(
            { weight: 3, arbitrary: paragraph },
            {
              weight: 1,
              arbitrary: fc
                .record({
                  type: fc.constantFrom("bulletList", "orderedList"),
                  start: fc.nat(3),
                  items: fc.array(fc.array(block(depth - 1), { minLength: 1, maxLength: 2 }), {
                    minLength: 1,
                    maxLength: 2,
                  }),
                })
                .map(({ type, start, items }) => ({
                  type,
                  attrs: { start, type: null },
                  content: items.map((content) => ({ type: "listItem", content })),
                })),
            },
          );
    fc.assert(
      fc.property(fc.array(block(2), { maxLength: 4 }), (content) => {
        const canonical = canonicalRichText(doc(...content));
        expect(canonicalRichText(canonical)).toEqual(canonical);
        expect(sameRichText(canonical, doc(...content))).toBe(true);
        const markdown = normaliseRichText(canonical);
        expect(canonicalRichText(markdown)).toEqual(markdown);
      }),
      { numRuns: 300, seed: 12 },
    );
    const imported = markdownToRichText(
      "See [the guide](https://x.org) and `f()`.\n\n3. **one**\n4. two\n",
    );
    expect(canonicalRichText(imported)).toEqual(imported);
  });
});
