import { getLocale } from "next-intl/server";
import { decodeSegment, malformedAddress, wellFormedParams } from "@/lib/http/params";
import { translate } from "@/lib/i18n";
import { comparisonPath, releasesPath } from "@/lib/paths";
import { parseCompareRange } from "@/lib/releases/compare";

type Context = { params: Promise<{ slug: string; range: string }> };

const escapeHtml = (text: string) => text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * Well-formed comparisons ("1.0.0...1.1.0") are rewritten by next.config.ts to the comparison
 * page before they reach this handler; anything that arrives here is malformed: a clear 400.
 */
export async function GET(_request: Request, { params }: Context) {
  const { slug, range } = await params;
  if (!wellFormedParams({ slug })) return malformedAddress();
  const decoded = decodeSegment(range);
  const locale = await getLocale();
  const t = translate("releases", locale);
  const title = `${t("compare.badTitle")} · ${translate("site", locale)("name")}`;
  const message = t(
    parseCompareRange(decoded) ? "compare.versionsMustDiffer" : "compare.notARange",
    {
      range: escapeHtml(decoded),
    },
  );
  const example = `<code>${escapeHtml(comparisonPath(slug, "1.0.0", "1.1.0"))}</code>`;
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><meta name="viewport" content="width=device-width, initial-scale=1"></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><main><h1>${escapeHtml(t("compare.badTitle"))}</h1><p>${message}</p><p>${t("compare.badRange", { example })}</p><p><a href="${escapeHtml(releasesPath(slug))}">${escapeHtml(t("allReleases"))}</a></p></main></body></html>`;
  return new Response(html, {
    status: 400,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Language": locale,
      Vary: "Accept-Language, Cookie",
    },
  });
}
