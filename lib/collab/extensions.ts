import { getSchema } from "@tiptap/core";
import Link from "@tiptap/extension-link";
import StarterKit from "@tiptap/starter-kit";
import { storedAttributes } from "@/lib/drafting/canonical-text";

/** Link targets the editor accepts; anything else (javascript:, data:, …) is refused. */
export const allowedLinkProtocols = ["http", "https", "mailto"] as const;

export function isAllowedHref(href: unknown): boolean {
  if (typeof href !== "string") return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href.trim())?.[1]?.toLowerCase();
  return scheme !== undefined && (allowedLinkProtocols as readonly string[]).includes(scheme);
}

/**
 * A link whose only attribute is its target. How a link opens (`rel`, `target`) is rendering,
 * so it comes from `HTMLAttributes` when the editor draws the link and is never part of the
 * mark: as mark attributes, they would travel through the shared document into the stored JSON.
 */
const ClauseLink = Link.extend({
  addAttributes() {
    const all = this.parent?.() ?? {};
    const stored = storedAttributes[this.name] ?? {};
    return Object.fromEntries(Object.entries(all).filter(([name]) => name in stored));
  },
}).configure({
  openOnClick: false,
  autolink: true,
  protocols: [...allowedLinkProtocols],
  isAllowedUri: (url) => isAllowedHref(url),
  HTMLAttributes: { target: "_blank", rel: "noopener noreferrer nofollow", class: null },
});

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
    link: false,
  }),
  ClauseLink,
];

export const clauseTextSchema = getSchema(clauseTextExtensions);
