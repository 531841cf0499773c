import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getViewer } from "@/lib/community/request-viewer";
import { catalogues } from "@/lib/i18n";
import { chooseLocale, isTimeZone, LOCALE_COOKIE, UTC } from "@/lib/locale";

/**
 * The reader's language and time zone, once per request (next-intl caches this per request, and
 * the viewer is the one the header loads): a signed-in person's saved choice, else the language
 * switcher's cookie, else the browser's languages (lib/locale.ts). Dates are in the person's
 * time zone when they chose one, else in UTC.
 */
export default getRequestConfig(async () => {
  const [viewer, jar, requestHeaders] = await Promise.all([getViewer(), cookies(), headers()]);
  const locale = chooseLocale({
    profile: viewer?.language,
    cookie: jar.get(LOCALE_COOKIE)?.value,
    acceptLanguage: requestHeaders.get("accept-language"),
  });
  const timeZone = isTimeZone(viewer?.timeZone) ? viewer.timeZone : UTC;
  return { locale, messages: catalogues[locale], timeZone };
});
