import { getDb } from "@/lib/db/client";
import { malformedAddress, wellFormedParams } from "@/lib/http/params";
import { crosswalk, crosswalkCsv } from "@/lib/releases/crosswalk";
import { getRelease } from "@/lib/releases/queries";

type Context = { params: Promise<{ slug: string; version: string; file: string }> };

/**
 * /standards/{slug}/v/{version}/crosswalk/{framework}.csv: one framework's crosswalk of a
 * release. A release never changes, so the bytes carry its digest as their validator and may be
 * cached for a year, as its other exports are.
 */
export async function GET(request: Request, { params }: Context) {
  const { slug, version, file } = await params;
  if (!wellFormedParams({ slug, version })) return malformedAddress();
  const key = /^([a-z0-9][a-z0-9-]{0,59})\.csv$/.exec(file)?.[1];
  const view = key ? await getRelease(getDb(), slug, version) : null;
  const walk = view ? crosswalk(view.content).find((entry) => entry.framework.key === key) : null;
  if (!view || !walk) return malformedAddress();
  const etag = `"${view.digest}-crosswalk-${key}"`;
  const headers = {
    "Content-Type": "text/csv; charset=utf-8; header=present",
    "Cache-Control": "public, max-age=31536000, immutable",
    ETag: etag,
    "Content-Disposition": `attachment; filename="${slug}-${view.version}-${key}.csv"`,
  };
  if (request.headers.get("if-none-match") === etag)
    return new Response(null, { status: 304, headers });
  return new Response(crosswalkCsv(walk.rows), { headers });
}
