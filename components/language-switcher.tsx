import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { LanguageLinks, LanguageList } from "@/components/language-links";

/**
 * The language switcher on every page. Drawn on the server with the page asked for (the proxy
 * passes its path), so it works without JavaScript; in the browser it follows the page shown.
 */
export async function LanguageSwitcher() {
  const [locale, t, requestHeaders] = await Promise.all([
    getLocale(),
    getTranslations("site.language"),
    headers(),
  ]);
  const requested = requestHeaders.get("x-hum-path") ?? undefined;
  return (
    <Suspense fallback={<LanguageList current={locale} back={requested} label={t("label")} />}>
      <LanguageLinks current={locale} label={t("label")} />
    </Suspense>
  );
}
