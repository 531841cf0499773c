import * as Y from "yjs";
import { seedFields } from "@/lib/collab/document";
import type { ClauseFields, RichText } from "@/lib/drafting/rich-text";

// Builders for the tests of the update guard: a clause as the editor makes it, and updates to it.

export const text = (value: string, marks?: RichText["marks"]): RichText => ({
  type: "text",
  text: value,
  ...(marks ? { marks } : {}),
});
export const paragraph = (...content: RichText[]): RichText => ({ type: "paragraph", content });

/** A clause as the editor makes it: a paragraph, a list, and a safe link. */
export function liveClause(): Y.Doc {
  const doc = new Y.Doc();
  const fields: ClauseFields = {
    body: {
      type: "doc",
      content: [
        paragraph(text("Hello")),
        {
          type: "bulletList",
          content: [{ type: "listItem", content: [paragraph(text("item"))] }],
        },
      ],
    },
    assessment: {
      type: "doc",
      content: [
        paragraph(text("see "), text("here", [{ type: "link", attrs: { href: "https://x.org" } }])),
      ],
    },
    examples: { type: "doc", content: [] },
  };
  seedFields(doc, fields);
  return doc;
}

/** An update from an editor holding the live clause, as its provider would send it. */
export function edit(live: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const editor = new Y.Doc();
  Y.applyUpdate(editor, Y.encodeStateAsUpdate(live));
  const before = Y.encodeStateVector(editor);
  change(editor);
  return Y.encodeStateAsUpdate(editor, before);
}

export const body = (doc: Y.Doc) => doc.getXmlFragment("body");
export const element = (parent: Y.XmlFragment, index: number) => parent.get(index) as Y.XmlElement;
export const firstText = (doc: Y.Doc) => element(body(doc), 0).get(0) as Y.XmlText;
/** The list item's paragraph's text: body > bulletList > listItem > paragraph > text. */
export const listItem = (doc: Y.Doc) => element(element(body(doc), 1), 0);
export const listText = (doc: Y.Doc) => element(listItem(doc), 0).get(0) as Y.XmlText;
export const newParagraph = (value: string) => {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(value)]);
  return p;
};
