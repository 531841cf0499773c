/*
 * The interface languages and how a request's language is chosen. Pure and dependency-free, so
 * that the front thread, the proxy and the pages all choose the same way.
 */

export const locales = ["en", "fr", "de"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";

/** Set by the language switcher (a plain link): the browser's choice, for a year. */
export const LOCALE_COOKIE = "hum-locale";
export const LOCALE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/**
 * The best interface language in an `Accept-Language` header, or null when it names none of
 * ours: languages by quality (ties keep the header's order), a regional tag counting as its
 * language ("fr-CH" is "fr"), "*" and malformed entries ignored.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .slice(0, 1000)
    .split(",")
    .map((entry, order) => {
      const [tag = "", ...params] = entry.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim().toLowerCase(), quality, order };
    })
    .filter((entry) => /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/.test(entry.tag))
    .filter((entry) => Number.isFinite(entry.quality) && entry.quality > 0 && entry.quality <= 1)
    .sort((a, b) => b.quality - a.quality || a.order - b.order);
  for (const { tag } of ranked) {
    const language = tag.split("-")[0];
    if (isLocale(language)) return language;
  }
  return null;
}

/** The value of one cookie in a Cookie header, or undefined. */
export function cookieValue(header: string | null | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

/**
 * A reader's language: a signed-in person's saved choice, else this browser's (the switcher's
 * cookie), else the browser's languages, else English. Anything unknown is passed over.
 */
export function chooseLocale(from: {
  profile?: string | null;
  cookie?: string | null;
  acceptLanguage?: string | null;
}): Locale {
  if (isLocale(from.profile)) return from.profile;
  if (isLocale(from.cookie)) return from.cookie;
  return localeFromAcceptLanguage(from.acceptLanguage) ?? defaultLocale;
}

/** Each language named in itself, as the language switcher and the profile offer it. */
export const localeNames: Record<Locale, string> = { en: "English", fr: "Français", de: "Deutsch" };

/** The time zone of a person who chose none, and the one deadlines are always also given in. */
export const UTC = "UTC";

let knownTimeZones: readonly string[] | undefined;

/** The time zones a person may choose: "UTC", then the IANA names this runtime knows. */
export function timeZones(): readonly string[] {
  knownTimeZones ??= [UTC, ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== UTC)];
  return knownTimeZones;
}

/**
 * One of the time zones offered, or another name for one ("Asia/Kolkata" where the runtime lists
 * "Asia/Calcutta"), so that a zone saved before the runtime renamed it stays valid.
 */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value.length > 64) return false;
  if (timeZones().includes(value)) return true;
  try {
    const canonical = new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
    return timeZones().includes(canonical);
  } catch {
    return false;
  }
}

/**
 * The language switcher's cookie, as the switcher and the profile set it: for the whole site, a
 * year, sent on top-level navigation from elsewhere (Lax) so that a link in keeps the language;
 * readable by scripts, as it holds nothing secret; Secure where the site is served over https.
 */
export function localeCookie(locale: Locale, siteUrl: string) {
  return {
    name: LOCALE_COOKIE,
    value: locale,
    options: {
      path: "/",
      maxAge: LOCALE_COOKIE_MAX_AGE,
      sameSite: "lax" as const,
      secure: siteUrl.startsWith("https:"),
      httpOnly: false,
    },
  };
}
