import { Node } from "@tiptap/pm/model";
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import type * as Y from "yjs";
import { clauseTextSchema, isAllowedHref } from "@/lib/collab/extensions";
import { type ClauseFields, clauseFields, type RichText } from "@/lib/drafting/rich-text";

/**
 * Each field of a clause is one XML fragment of the clause's Yjs document. The JSON is as
 * y-tiptap reads it, extras included; storing it (storeClauseText) puts it in stored form.
 */
export function readFields(doc: Y.Doc): ClauseFields {
  const fields = {} as ClauseFields;
  for (const field of clauseFields) {
    fields[field] = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(field)) as RichText;
  }
  return fields;
}

/** Fills an empty Yjs document from stored JSON, once, when no Yjs state exists yet. */
export function seedFields(doc: Y.Doc, fields: ClauseFields): void {
  doc.transact(() => {
    for (const field of clauseFields) {
      const json = fields[field];
      if (json.content && json.content.length > 0) {
        prosemirrorJSONToYXmlFragment(clauseTextSchema, json, doc.getXmlFragment(field));
      }
    }
  });
}

/** Replaces every field's content in one transaction, as a restore does. */
export function replaceFields(doc: Y.Doc, fields: ClauseFields): void {
  doc.transact(() => {
    for (const field of clauseFields) {
      const fragment = doc.getXmlFragment(field);
      fragment.delete(0, fragment.length);
      if (fields[field].content?.length) {
        prosemirrorJSONToYXmlFragment(clauseTextSchema, fields[field], fragment);
      }
    }
  });
}

function unsafeLink(json: RichText): boolean {
  const marksBad = (json.marks ?? []).some(
    (mark) => mark.type === "link" && !isAllowedHref(mark.attrs?.href),
  );
  return marksBad || (json.content ?? []).some(unsafeLink);
}

/**
 * Why the document is not one the editor could have made, or null when it is. Unknown node
 * types, marks or attributes, content that breaks the schema, and unsafe links are refused.
 */
export function problemWith(fields: ClauseFields): string | null {
  for (const field of clauseFields) {
    // An untouched field is an empty fragment; the editor fills it with one empty paragraph.
    if (!fields[field].content?.length) continue;
    try {
      Node.fromJSON(clauseTextSchema, fields[field]).check();
    } catch (error) {
      return `${field}: ${(error as Error).message}`;
    }
    if (unsafeLink(fields[field])) return `${field}: link with a disallowed protocol`;
  }
  return null;
}

/** A section's document has one field, its body. */
export function readSectionBody(doc: Y.Doc): RichText {
  return yXmlFragmentToProsemirrorJSON(doc.getXmlFragment("body")) as RichText;
}

/** Fills an empty section document from its stored body, once, when it has no Yjs state yet. */
export function seedSectionBody(doc: Y.Doc, body: RichText): void {
  if (!body.content?.length) return;
  doc.transact(() => {
    prosemirrorJSONToYXmlFragment(clauseTextSchema, body, doc.getXmlFragment("body"));
  });
}
