import { markOrder } from "@/lib/drafting/canonical-text";
import type { RichText } from "@/lib/drafting/rich-text";

// What the writer, the reader and normalisation share: the reader's error, source lines, and
// marks in canonical form (see text.ts).

export class MarkdownError extends Error {
  readonly line: number;
  readonly reason: string;
  constructor(line: number, reason: string) {
    super(`Line ${line}: ${reason}`);
    this.name = "MarkdownError";
    this.line = line;
    this.reason = reason;
  }
}

export type MarkType = (typeof markOrder)[number];
export type Mark = { type: MarkType; attrs?: { href: string } };
export type SrcLine = { text: string; line: number };

export { markOrder };
export const allowedHref = /^(?:https?|mailto):/i;

export const markKey = (mark: Mark) => (mark.attrs ? `${mark.type} ${mark.attrs.href}` : mark.type);
export const marksKey = (marks: Mark[]) => marks.map(markKey).join(" ");
export const textNode = (text: string, marks: Mark[]): RichText =>
  marks.length ? { type: "text", text, marks } : { type: "text", text };
const encodeHref = (href: string) =>
  Array.from(href, (c) => {
    const code = c.codePointAt(0) ?? 0;
    return code <= 0x20 || code === 0x7f
      ? `%${code.toString(16).toUpperCase().padStart(2, "0")}`
      : c;
  }).join("");

/** The marks of a text node, checked and in canonical order; links keep only an encoded href. */
export function readMarks(node: RichText): Mark[] {
  const marks = new Map<MarkType, Mark>();
  for (const mark of node.marks ?? []) {
    const type: unknown = mark.type;
    if (type === "link") {
      const href: unknown = mark.attrs?.href;
      if (typeof href !== "string" || !allowedHref.test(href)) {
        throw new Error(`Link href must use http:, https: or mailto:, got ${JSON.stringify(href)}`);
      }
      marks.set(type, { type, attrs: { href: encodeHref(href) } });
    } else if (type === "bold" || type === "italic" || type === "code") marks.set(type, { type });
    else throw new Error(`Unsupported mark ${JSON.stringify(type)}`);
  }
  return markOrder.flatMap((type) => marks.get(type) ?? []);
}

// CommonMark strips one space from each end of code that starts and ends with one.
export const padded = (code: string) =>
  code.length > 1 && code.startsWith(" ") && code.endsWith(" ") && /[^ ]/.test(code);
