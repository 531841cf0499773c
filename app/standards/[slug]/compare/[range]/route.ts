import { decodeSegment, malformedAddress, wellFormedParams } from "@/lib/http/params";
import { parseCompareRange } from "@/lib/releases/compare";

type Context = { params: Promise<{ slug: string; range: string }> };

/**
 * Well-formed comparisons ("1.0.0...1.1.0") are rewritten by next.config.ts to the comparison
 * page before they reach this handler; anything that arrives here is malformed: a clear 400.
 */
export async function GET(_request: Request, { params }: Context) {
  const { slug, range } = await params;
  if (!wellFormedParams({ slug })) return malformedAddress();
  const decoded = decodeSegment(range);
  const escapeHtml = (text: string) =>
    text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
  const message = parseCompareRange(decoded)
    ? `The versions in "${escapeHtml(decoded)}" must differ and be written as MAJOR.MINOR.PATCH.`
    : `"${escapeHtml(decoded)}" is not a comparison range.`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad comparison · Hum</title><meta name="viewport" content="width=device-width, initial-scale=1"></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><main><h1>Bad comparison</h1><p>${message}</p><p>A comparison address has the form <code>/standards/${escapeHtml(slug)}/compare/1.0.0...1.1.0</code>, with two different versions.</p><p><a href="/standards/${escapeHtml(slug)}/releases">All releases</a></p></main></body></html>`;
  return new Response(html, {
    status: 400,
    headers: { "Content-Type": "text/html; charset=utf-8" },
  });
}
