import { getDb } from "@/lib/db/client";
import { publicUrl } from "@/lib/env";
import { malformedAddress, wellFormedParams } from "@/lib/http/params";
import { releasePath } from "@/lib/paths";
import { releaseJson } from "@/lib/releases/export";
import type { TranslationContent } from "@/lib/translations/content";
import { translationMarkdown } from "@/lib/translations/export";
import { getTranslation } from "@/lib/translations/queries";

type Context = {
  params: Promise<{ slug: string; version: string; locale: string; format: string }>;
};

const formats = {
  markdown: {
    type: "text/markdown; charset=utf-8",
    extension: "md",
    render: (content: TranslationContent) =>
      translationMarkdown(
        content,
        new URL(releasePath(content.standard.slug, content.translationOf), publicUrl()).toString(),
      ),
  },
  // The canonical form itself: its SHA-256 is the translation's digest.
  json: {
    type: "application/json; charset=utf-8",
    extension: "json",
    render: (content: TranslationContent) => releaseJson(content),
  },
} as const;

/**
 * /standards/{slug}/v/{version}/translations/{locale}.md and .json (rewritten here by
 * next.config.ts). Only a published translation has exports; it never changes, so the bytes
 * carry its digest as their validator and may be cached for a year.
 */
export async function GET(request: Request, { params }: Context) {
  const { slug, version, locale, format } = await params;
  if (!wellFormedParams({ slug, version })) return malformedAddress();
  const kind = format === "markdown" || format === "json" ? formats[format] : null;
  const view = kind ? await getTranslation(getDb(), slug, version, locale) : null;
  const content = view?.translation.state === "published" ? view.translation.content : null;
  if (!kind || !view || !content || !view.translation.sha256) return malformedAddress();
  const etag = `"${view.translation.sha256}-${kind.extension}"`;
  const headers = {
    "Content-Type": kind.type,
    "Content-Language": view.locale,
    "Cache-Control": "public, max-age=31536000, immutable",
    ETag: etag,
    "Content-Disposition": `inline; filename="${slug}-${view.release.version}.${view.locale}.${kind.extension}"`,
  };
  if (request.headers.get("if-none-match") === etag)
    return new Response(null, { status: 304, headers });
  return new Response(kind.render(content), { headers });
}
