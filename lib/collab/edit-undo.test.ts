import { getSchema } from "@tiptap/core";
import type { Transaction } from "@tiptap/pm/state";
import { canSplit } from "@tiptap/pm/transform";
import StarterKit from "@tiptap/starter-kit";
import { prosemirrorJSONToYXmlFragment } from "@tiptap/y-tiptap";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readFields, seedFields } from "@/lib/collab/document";
import { clauseTextSchema } from "@/lib/collab/extensions";
import { editInEditor, editorUndo, textPositions } from "@/lib/collab/test-editor";
import { canonicalFields, canonicalRichText } from "@/lib/drafting/canonical-text";
import { type ClauseFields, emptyRichText, type RichText } from "@/lib/drafting/rich-text";
import { canonicalJson, type JsonInput } from "@/lib/releases/content";

/**
 * The schema the editor had while a link carried its rendering attributes: documents seeded or
 * edited then hold `target`, `rel`, `class` and `title` in their shared state to this day.
 */
const earlierSchema = getSchema([
  StarterKit.configure({
    heading: false,
    blockquote: false,
    codeBlock: false,
    horizontalRule: false,
    strike: false,
    underline: false,
    undoRedo: false,
    trailingNode: false,
    link: { openOnClick: false, autolink: true, protocols: ["http", "https", "mailto"] },
  }),
]);

/** The JSON the server stores for a clause document (storeClauseText), byte for byte. */
const stored = (doc: Y.Doc) =>
  canonicalJson(canonicalFields(readFields(doc)) as unknown as JsonInput);

// Documents the editor can hold, in stored form: runs of text with the marks the schema allows
// together (code excludes every other mark), hard breaks, and lists nested two deep.
const href = fc.constantFrom(
  "https://example.org/a",
  "http://x.test/b?c=d",
  "mailto:a@example.org",
);
type Marks = NonNullable<RichText["marks"]>;
const marks: fc.Arbitrary<Marks> = fc.oneof(
  fc.constant<Marks>([{ type: "code" }]),
  fc
    .record({ link: fc.option(href, { nil: undefined }), bold: fc.boolean(), italic: fc.boolean() })
    .map(({ link, bold, italic }) => [
      ...(link ? [{ type: "link", attrs: { href: link } }] : []),
      ...(bold ? [{ type: "bold" }] : []),
      ...(italic ? [{ type: "italic" }] : []),
    ]),
);
const words = fc.string({
  unit: fc.constantFrom(..."ab Z9-é.".split("")),
  minLength: 1,
  maxLength: 6,
});
const inline = fc.oneof(
  { weight: 6, arbitrary: fc.record({ type: fc.constant("text"), text: words, marks }) },
  { weight: 1, arbitrary: fc.constant({ type: "hardBreak" }) },
);
const paragraph = fc
  .array(inline, { maxLength: 5 })
  .map((content) => ({ type: "paragraph", content }));
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
              items: fc.array(fc.tuple(paragraph, fc.array(block(depth - 1), { maxLength: 2 })), {
                minLength: 1,
                maxLength: 3,
              }),
            })
            .map(({ type, start, items }) => ({
              type,
              ...(type === "orderedList" ? { attrs: { start } } : {}),
              content: items.map(([first, rest]) => ({
                type: "listItem",
                content: [first, ...rest],
              })),
            })),
        },
      );
const body = fc
  .array(block(2), { maxLength: 4 })
  .map((content) => canonicalRichText({ type: "doc", content }));

// A change someone could make in the editor: where it happens is given as two fractions of the
// field's text positions, so it applies to any document.
const change = fc.record({
  kind: fc.constantFrom("type", "delete", "mark", "unmark", "enter", "break"),
  from: fc.double({ min: 0, max: 1, noNaN: true }),
  to: fc.double({ min: 0, max: 1, noNaN: true }),
  words,
  mark: fc.constantFrom("bold", "italic", "code", "link"),
  href,
});
type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

function apply(tr: Transaction, { kind, from, to, words, mark, href }: Change): void {
  const positions = textPositions(tr.doc);
  const at = (fraction: number) => positions[Math.floor(fraction * (positions.length - 1))] ?? 0;
  const [start, end] = [at(Math.min(from, to)), at(Math.max(from, to))];
  const { schema } = tr.doc.type;
  const markOf = (name: string) =>
    name === "link" ? schema.marks.link?.create({ href }) : schema.marks[name]?.create();
  if (kind === "type") tr.insertText(words, start);
  else if (kind === "delete" && start < end) tr.delete(start, end);
  else if (kind === "mark" && start < end) {
    const created = markOf(mark);
    if (created) tr.addMark(start, end, created);
  } else if (kind === "unmark" && start < end) {
    const type = schema.marks[mark];
    if (type) tr.removeMark(start, end, type);
  } else if (kind === "enter" && canSplit(tr.doc, start)) tr.split(start);
  else if (kind === "break") {
    const hardBreak = schema.nodes.hardBreak?.create();
    if (hardBreak) tr.insert(start, hardBreak);
  }
}

const fieldsWith = (text: RichText): ClauseFields => ({
  body: text,
  assessment: emptyRichText(),
  examples: emptyRichText(),
});

describe("editing a clause through the editor", () => {
  it("stores what it was given, and an edit then its undo leave the stored JSON byte-identical", () => {
    // Fixed size: 200 documents of at most 4 blocks nested 2 deep, 1 to 3 changes each.
    fc.assert(
      fc.property(
        body,
        fc.boolean(),
        fc.array(change, { minLength: 1, maxLength: 3 }),
        (text, earlier, changes) => {
          const doc = new Y.Doc();
          if (earlier && text.content?.length) {
            prosemirrorJSONToYXmlFragment(earlierSchema, text, doc.getXmlFragment("body"));
          } else {
            seedFields(doc, fieldsWith(text));
          }
          const before = stored(doc);
          expect(before).toBe(canonicalJson(fieldsWith(text) as unknown as JsonInput));
          const undo = editorUndo(doc, "body");
          for (const each of changes) editInEditor(doc, "body", (tr) => apply(tr, each));
          while (undo.canUndo()) undo.undo();
          expect(stored(doc)).toBe(before);
          doc.destroy();
        },
      ),
      { numRuns: 200, seed: 20_260_512 },
    );
  });

  it("stores what the editor shows after an edit, in stored form", () => {
    fc.assert(
      fc.property(body, fc.array(change, { minLength: 1, maxLength: 3 }), (text, changes) => {
        const doc = new Y.Doc();
        seedFields(doc, fieldsWith(text));
        let shown: RichText = text;
        for (const each of changes) {
          editInEditor(doc, "body", (tr) => {
            apply(tr, each);
            shown = tr.doc.toJSON() as RichText;
          });
        }
        expect(JSON.parse(stored(doc)).body).toEqual(canonicalRichText(shown));
        doc.destroy();
      }),
      { numRuns: 200, seed: 20_260_512 },
    );
  });

  it("gives a link only its href, whatever the editor renders it with", () => {
    const doc = new Y.Doc();
    seedFields(
      doc,
      fieldsWith({
        type: "doc",
        content: [{ type: "paragraph", content: [{ type: "text", text: "the guide" }] }],
      }),
    );
    const link = clauseTextSchema.marks.link?.create({ href: "https://example.org/guide" });
    if (!link) throw new Error("no link mark");
    editInEditor(doc, "body", (tr) => tr.addMark(5, 10, link));
    // The shared document itself, before any normalisation: what every other editor receives.
    const shared = readFields(doc).body.content?.[0]?.content?.[1]?.marks?.[0];
    expect(shared).toEqual({ type: "link", attrs: { href: "https://example.org/guide" } });
    expect(link.type.spec.attrs).toEqual({ href: expect.anything() });
  });
});
