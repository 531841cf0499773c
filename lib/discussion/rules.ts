import { marked } from "marked";
import sanitizeHtml from "sanitize-html";
import { z } from "zod";
import { type QuoteAnchor, quoteAnchorSchema } from "@/lib/collab/anchors";
import { type FieldErrorCode, fieldError } from "@/lib/errors";
import { markdownText, plainLine, plainText } from "@/lib/validation";

export const threadKinds = ["comment", "question", "editorial", "objection"] as const;
export type ThreadKind = (typeof threadKinds)[number];

export const COMMENT_MAX_LENGTH = 10_000;

/**
 * Comments are a small Markdown subset: emphasis, links, lists, code and quotes. Everything
 * else, raw HTML included, is removed on the server before anything is stored or shown.
 */
const allowed: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a"],
  allowedAttributes: { a: ["href", "rel"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // A paragraph left empty by removed markup is noise.
  exclusiveFilter: (frame) =>
    frame.tag === "p" && frame.text.trim() === "" && !frame.mediaChildren.length,
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: "nofollow noopener ugc" }),
  },
};

export function renderComment(markdown: string): string {
  let html: string;
  try {
    html = marked.parse(markdown, { async: false, gfm: true, breaks: true });
  } catch {
    // The parser recurses per level of nesting; text it cannot parse is shown as it was typed.
    const escaped = markdown.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
    html = `<p>${escaped.replace(/\n/g, "<br>")}</p>`;
  }
  return sanitizeCommentHtml(html);
}

/** Applied when storing and again when showing, so a rule tightened later covers old rows too. */
export function sanitizeCommentHtml(html: string): string {
  return sanitizeHtml(html, allowed).trim();
}

export const commentBodySchema = markdownText(COMMENT_MAX_LENGTH, { tooLong: "comment_too_long" });

export const openThreadSchema = z.object({
  kind: z.enum(threadKinds, fieldError("required")),
  title: plainLine(160),
  // Words taken from the clause, which may well contain "<".
  quote: plainText(2000, { markup: true })
    .optional()
    .transform((value) => value || null),
  /** Relative positions of the quote, as JSON, when it was taken from the editor. */
  anchor: z
    .string()
    .max(4000, fieldError("too_long"))
    .optional()
    .transform((value, context) => {
      if (!value) return null;
      try {
        const parsed = quoteAnchorSchema.safeParse(JSON.parse(value));
        if (parsed.success) return parsed.data;
      } catch {
        // falls through to the issue below
      }
      context.addIssue({ code: "custom", message: "invalid" satisfies FieldErrorCode });
      return z.NEVER;
    }),
  body: commentBodySchema,
});
export type OpenThreadInput = Omit<z.output<typeof openThreadSchema>, "anchor"> & {
  anchor?: QuoteAnchor | null;
};

export const reasonSchema = plainLine(1000);

/** An objection may be resolved only once its author has withdrawn or sustained it. */
export function canResolve(thread: { kind: ThreadKind; objectionState: string | null }): boolean {
  return thread.kind !== "objection" || thread.objectionState !== "raised";
}
