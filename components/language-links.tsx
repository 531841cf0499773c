"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { type Locale, localeNames, locales } from "@/lib/locale";
import { languagePath } from "@/lib/paths";

/**
 * One plain link per language, each named in itself, going back to `back` once the language is
 * set. Plain `<a>`, not a client-side link: the switch is a route that sets a cookie and
 * redirects, and the whole page must be drawn again in the new language.
 */
export function LanguageList({
  current,
  back,
  label,
}: {
  current: Locale;
  back: string | undefined;
  label: string;
}) {
  return (
    <nav aria-label={label}>
      <ul className="flex flex-wrap gap-x-4 gap-y-1">
        {locales.map((locale) => (
          <li key={locale}>
            <a
              href={languagePath(locale, back)}
              lang={locale}
              hrefLang={locale}
              aria-current={locale === current ? "true" : undefined}
              // At least 24 px tall and apart, a comfortable target on a phone (WCAG 2.5.8).
              className={`inline-block py-1 ${locale === current ? "font-semibold text-ink no-underline" : ""}`}
            >
              {localeNames[locale]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The switcher as the browser sees the page: the root layout is not drawn again when the person
 * moves between pages, so the page to go back to is read here, in the browser.
 */
export function LanguageLinks({ current, label }: { current: Locale; label: string }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const back = `${pathname}${search.size > 0 ? `?${search}` : ""}`;
  return <LanguageList current={current} back={back} label={label} />;
}
