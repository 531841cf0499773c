import { type NextRequest, NextResponse } from "next/server";
import { getLocale } from "next-intl/server";
import { requireParticipant } from "@/lib/community/authz";
import { saveLanguage } from "@/lib/community/mutations";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { publicUrl } from "@/lib/env";
import { translate } from "@/lib/i18n";
import { isLocale, localeCookie } from "@/lib/locale";
import { BACK_PARAM, safeLocalPath } from "@/lib/paths";

type Context = { params: Promise<{ locale: string }> };

const escapeHtml = (text: string) => text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The language switcher's links (a plain link each, so it works without JavaScript): the
 * browser keeps the choice in a cookie, a signed-in person's profile keeps it too (and their
 * email follows it), and the person goes back to the page they were reading, or home when the
 * link names no page of this site.
 */
export async function GET(request: NextRequest, { params }: Context) {
  const { locale } = await params;
  if (!isLocale(locale)) return notFoundPage();
  const back = safeLocalPath(request.nextUrl.searchParams.get(BACK_PARAM)) ?? "/";
  const viewer = await getViewer();
  if (viewer) await saveLanguage(getDb(), requireParticipant(viewer), locale);
  const site = publicUrl();
  const response = new NextResponse(null, {
    status: 303,
    headers: { Location: new URL(back, site).toString(), "Cache-Control": "no-store" },
  });
  const cookie = localeCookie(locale, site);
  response.cookies.set(cookie.name, cookie.value, cookie.options);
  return response;
}

/** A language Hum does not have: the not-found page's words, in the reader's language. */
async function notFoundPage(): Promise<Response> {
  const locale = await getLocale();
  const t = translate("notFound", locale);
  const title = `${t("title")} · ${translate("site", locale)("name")}`;
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><meta name="viewport" content="width=device-width, initial-scale=1"></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5"><main><h1>${escapeHtml(t("title"))}</h1><p>${escapeHtml(t("lead"))}</p><p><a href="/">${escapeHtml(t("home"))}</a></p></main></body></html>`;
  return new Response(html, {
    status: 404,
    headers: { "Content-Type": "text/html; charset=utf-8", "Content-Language": locale },
  });
}
