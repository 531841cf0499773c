import { getSchema } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";

/** Link targets the editor accepts; anything else (javascript:, data:, …) is refused. */
export const allowedLinkProtocols = ["http", "https", "mailto"] as const;

export function isAllowedHref(href: unknown): boolean {
  if (typeof href !== "string") return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href.trim())?.[1]?.toLowerCase();
  return scheme !== undefined && (allowedLinkProtocols as readonly string[]).includes(scheme);
}

/**
 * The one extension list for clause text, shared by the browser editor and the collab server's
 * validation, so both agree on what a document may contain: paragraphs, lists, hard breaks,
 * bold, italic, inline code and safe links. Undo is left to the collaboration extension.
 */
export const clauseTextExtensions = [
  StarterKit.configure({
    heading: false,
    blockquote: false,
    codeBlock: false,
    horizontalRule: false,
    strike: false,
    underline: false,
    undoRedo: false,
    trailingNode: false,
    link: {
      openOnClick: false,
      autolink: true,
      protocols: [...allowedLinkProtocols],
      isAllowedUri: (url) => isAllowedHref(url),
    },
  }),
];

export const clauseTextSchema = getSchema(clauseTextExtensions);
