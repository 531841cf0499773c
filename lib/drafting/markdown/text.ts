/**
 * Rich text ↔ Markdown for exactly the subset the editor allows (see rich-text.ts). Both
 * directions go through one canonical JSON form, so JSON → Markdown → JSON is the identity on
 * canonical JSON and Markdown → JSON → Markdown is the identity on canonical Markdown:
 *  - a doc always has `content`; an empty paragraph omits it and exists only as the first child
 *    of a list item (Markdown can show an empty item, but not an empty paragraph elsewhere);
 *  - text nodes are non-empty, neighbours with identical marks are merged, `marks` is omitted when
 *    empty and otherwise sorted link, bold, italic, code (the nesting order, link outermost);
 *    a link keeps only `attrs.href`, with spaces and control characters percent-encoded;
 *  - line breaks inside text become spaces; spaces and tabs at the start or end of a line that no
 *    mark covers are dropped, and bold or italic never begins or ends with a space (Markdown
 *    trims the first and only recognises `**x**`, not `** x**`, for the second); a paragraph never
 *    ends with a hard break;
 *  - adjacent lists of one kind merge (Markdown cannot separate them); `orderedList` carries
 *    `attrs: { start }` only when start ≠ 1.
 * The parser is strict: anything outside the subset throws MarkdownError instead of being guessed.
 */

export { MarkdownError } from "@/lib/drafting/markdown/text-common";
export { normaliseRichText } from "@/lib/drafting/markdown/text-normalise";
export { markdownToRichText } from "@/lib/drafting/markdown/text-read";
export { richTextToMarkdown } from "@/lib/drafting/markdown/text-write";
