import type { JSONContent } from "@tiptap/core";

/**
 * The text fields of a clause (body, assessment criteria, examples) are rich text: a Tiptap
 * document restricted to the nodes and marks the editor allows. This is their JSON form.
 *
 *   doc         → block*      (an empty field is { type: "doc", content: [] } or one empty paragraph)
 *   block       → paragraph | bulletList | orderedList
 *   paragraph   → inline*     (text nodes, hardBreak)
 *   bulletList  → listItem+
 *   orderedList → listItem+   (attrs.start, default 1)
 *   listItem    → paragraph block*
 *   marks on text: bold, italic, code, link (attrs.href: http, https or mailto only)
 */
export type RichText = JSONContent;

export const clauseFields = ["body", "assessment", "examples"] as const;
export type ClauseField = (typeof clauseFields)[number];

export const strengths = ["MUST", "SHOULD", "MAY"] as const;
export type Strength = (typeof strengths)[number];

export const emptyRichText = (): RichText => ({ type: "doc", content: [] });

/** A clause's text fields, each as rich text. */
export type ClauseFields = Record<ClauseField, RichText>;

/** Plain text of one field: blocks on their own lines, list items likewise, hard breaks too. */
export function plainTextOf(json: RichText): string {
  if (json.type === "text") return json.text ?? "";
  if (json.type === "hardBreak") return "\n";
  const inner = (json.content ?? []).map(plainTextOf);
  return json.type === "paragraph" ? inner.join("") : inner.join("\n");
}

/** The searchable text of a clause: its fields in order, separated by blank lines. */
export function clausePlainText(fields: ClauseFields): string {
  return clauseFields
    .map((field) => plainTextOf(fields[field]).trim())
    .filter(Boolean)
    .join("\n\n");
}
