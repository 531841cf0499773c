import { getDb } from "@/lib/db/client";
import { releaseJson, releaseMarkdown } from "@/lib/releases/export";
import { getRelease } from "@/lib/releases/queries";

type Context = { params: Promise<{ slug: string; version: string; format: string }> };

const formats = {
  markdown: { type: "text/markdown; charset=utf-8", extension: "md", render: releaseMarkdown },
  json: { type: "application/json; charset=utf-8", extension: "json", render: releaseJson },
} as const;

/**
 * /standards/{slug}/v/{version}.md and .json (rewritten here by next.config.ts). A release never
 * changes, so the bytes carry its digest as their validator and may be cached for a year.
 */
export async function GET(request: Request, { params }: Context) {
  const { slug, version, format } = await params;
  const kind = format === "markdown" || format === "json" ? formats[format] : null;
  const view = kind ? await getRelease(getDb(), slug, version) : null;
  if (!kind || !view) {
    // Says nothing of the address: echoing it would let a link put any text on Hum's domain.
    return new Response("There is no such release.\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const etag = `"${view.digest}-${kind.extension}"`;
  const headers = {
    "Content-Type": kind.type,
    "Cache-Control": "public, max-age=31536000, immutable",
    ETag: etag,
    "Content-Disposition": `inline; filename="${slug}-${view.version}.${kind.extension}"`,
  };
  if (request.headers.get("if-none-match") === etag)
    return new Response(null, { status: 304, headers });
  return new Response(kind.render(view.content), { headers });
}
