import "server-only";
import { getLocale } from "next-intl/server";
import { defaultLocale, isLocale, type Locale } from "@/lib/locale";

/**
 * The language of the page being rendered (i18n/request.ts chooses it), as one of Hum's locales,
 * for the server code that words stored sentences for that reader.
 */
export async function readerLocale(): Promise<Locale> {
  const locale = await getLocale();
  return isLocale(locale) ? locale : defaultLocale;
}
