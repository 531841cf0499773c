import type { ReactNode } from "react";
import { isAllowedHref } from "@/lib/collab/extensions";
import { splitKeywords } from "@/lib/drafting/rfc2119";
import type { RichText as RichTextJson } from "@/lib/drafting/rich-text";
import { mayLinkTerms, splitByTerms, type TermMatcher } from "@/lib/drafting/terms";

/** The language standards are written in; their translations are companions, not originals. */
export const STANDARD_TEXT_LANG = "en";

/** Defined terms to link in the text, and where each term's definition is. */
export type TermLinks = { matcher: TermMatcher; href: (slug: string) => string };

/** Text with its RFC 2119 keywords set apart. */
export function KeywordText({ text }: { text: string }) {
  let offset = 0;
  return (
    <>
      {splitKeywords(text).map((part) => {
        const key = offset;
        offset += part.text.length;
        return part.keyword ? (
          <strong key={key} className="rfc2119 font-semibold tracking-wide text-accent">
            {part.text}
          </strong>
        ) : (
          part.text
        );
      })}
    </>
  );
}

/** Text with each defined term it uses linked to the term's definition. */
function TermText({ text, terms }: { text: string; terms: TermLinks }) {
  let offset = 0;
  return (
    <>
      {splitByTerms(text, terms.matcher).map((segment) => {
        const key = offset;
        offset += segment.text.length;
        return segment.slug ? (
          <a key={key} href={terms.href(segment.slug)} className="term-link">
            <KeywordText text={segment.text} />
          </a>
        ) : (
          <KeywordText key={key} text={segment.text} />
        );
      })}
    </>
  );
}

function renderText(node: RichTextJson, key: number, terms?: TermLinks): ReactNode {
  let content: ReactNode =
    terms && mayLinkTerms(node) ? (
      <TermText text={node.text ?? ""} terms={terms} />
    ) : (
      <KeywordText text={node.text ?? ""} />
    );
  for (const mark of node.marks ?? []) {
    if (mark.type === "bold") content = <strong>{content}</strong>;
    else if (mark.type === "italic") content = <em>{content}</em>;
    else if (mark.type === "code")
      content = <code className="rounded bg-stone-100 px-1">{content}</code>;
    else if (mark.type === "link" && isAllowedHref(mark.attrs?.href)) {
      content = (
        <a href={String(mark.attrs?.href)} rel="nofollow noopener">
          {content}
        </a>
      );
    }
  }
  return <span key={key}>{content}</span>;
}

function renderNode(node: RichTextJson, key: number, terms?: TermLinks): ReactNode {
  const children = (node.content ?? []).map((child, index) => renderNode(child, index, terms));
  switch (node.type) {
    case "text":
      return renderText(node, key, terms);
    case "hardBreak":
      return <br key={key} />;
    case "paragraph":
      return (
        <p key={key} className="mb-2 last:mb-0">
          {children}
        </p>
      );
    case "bulletList":
      return (
        <ul key={key} className="mb-2 list-disc pl-6">
          {children}
        </ul>
      );
    case "orderedList":
      return (
        <ol key={key} start={Number(node.attrs?.start ?? 1)} className="mb-2 list-decimal pl-6">
          {children}
        </ol>
      );
    case "listItem":
      return <li key={key}>{children}</li>;
    default:
      return null; // nothing outside the shared schema is ever rendered
  }
}

/**
 * Server-rendered clause text: readable without JavaScript, and safe whatever is stored. With
 * `terms`, the defined terms it uses link to their definitions (never inside a link or code).
 */
/**
 * A standard's text. `lang` is the language it is written in: a standard's own text is English
 * whatever the interface's language (so screen readers pronounce it as English); a translation's
 * is its own.
 */
export function RichText({
  value,
  empty,
  terms,
  lang = STANDARD_TEXT_LANG,
}: {
  value: RichTextJson;
  empty?: string;
  terms?: TermLinks;
  lang?: string;
}) {
  if (!value.content?.length) return empty ? <p className="text-muted italic">{empty}</p> : null;
  return (
    <div className="leading-relaxed" lang={lang}>
      {value.content.map((node, index) => renderNode(node, index, terms))}
    </div>
  );
}
