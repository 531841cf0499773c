import type { RichText } from "@/lib/drafting/rich-text";

// Builders for the tests of rich text ↔ Markdown: short forms of nodes and marks.

type Mark = { type: string; attrs?: Record<string, string> };
export const t = (text: string, ...marks: Mark[]): RichText =>
  marks.length ? { type: "text", text, marks } : { type: "text", text };
export const p = (...content: RichText[]): RichText => ({ type: "paragraph", content });
export const doc = (...content: RichText[]): RichText => ({ type: "doc", content });
export const item = (...content: RichText[]): RichText => ({ type: "listItem", content });
export const bullets = (...items: RichText[]): RichText => ({ type: "bulletList", content: items });
export const numbered = (start: number | null, ...items: RichText[]): RichText =>
  start === null
    ? { type: "orderedList", content: items }
    : { type: "orderedList", attrs: { start }, content: items };
export const br: RichText = { type: "hardBreak" };
export const bold = { type: "bold" };
export const italic = { type: "italic" };
export const code = { type: "code" };
export const link = (href: string) => ({ type: "link", attrs: { href } });
