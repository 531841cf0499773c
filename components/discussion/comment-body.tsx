import { sanitizeCommentHtml } from "@/lib/discussion/rules";

/**
 * The one place comment HTML reaches the page. It was sanitized when stored and is sanitized
 * again here; biome.json allows innerHTML in this file alone, for that reason.
 */
export function CommentBody({ html }: { html: string }) {
  return (
    <div
      className="comment-body leading-relaxed"
      dangerouslySetInnerHTML={{ __html: sanitizeCommentHtml(html) }}
    />
  );
}
