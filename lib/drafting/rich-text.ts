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
