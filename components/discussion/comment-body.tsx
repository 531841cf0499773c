import { sanitizeCommentHtml } from "@/lib/discussion/rules";

/**
 * The one place comment HTML reaches the page. It was sanitized when stored and is sanitized
 * again here; biome.json allows innerHTML in this file alone, for that reason. `lang`: the
 * language its author wrote it in, so that screen readers pronounce it right.
 */
export function CommentBody({ html, lang }: { html: string; lang?: string }) {
  return (
    <div
      lang={lang}
      className="comment-body leading-relaxed"
      dangerouslySetInnerHTML={{ __html: sanitizeCommentHtml(html) }}
    />
  );
}
