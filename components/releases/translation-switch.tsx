import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StartTranslationForm } from "@/app/standards/[slug]/v/[version]/translations/forms";
import { ClientMessages } from "@/components/client-messages";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { releasePath, translationEditPath, translationPath } from "@/lib/paths";
import type { ReleaseView } from "@/lib/releases/queries";
import { languageEndonyms, translationLocales } from "@/lib/translations/content";
import { translationsOfRelease } from "@/lib/translations/queries";

/**
 * "Read in: Original · Français · Deutsch": the release and its published translations, as
 * plain links; then translations in progress, and for people signed in, a way to start one.
 */
export async function TranslationSwitch({
  view,
  slug,
  current = null,
}: {
  view: ReleaseView;
  slug: string;
  /** The translation being read, or null for the original. */
  current?: string | null;
}) {
  const [t, translations, viewer] = await Promise.all([
    getTranslations("translations"),
    translationsOfRelease(getDb(), view.id),
    current === null ? getViewer() : Promise.resolve(null),
  ]);
  const published = translations.filter((row) => row.state === "published");
  const unpublished = translations.filter((row) => row.state !== "published");
  const open = translationLocales.filter(
    (locale) => !translations.some((row) => row.locale === locale),
  );
  const links = [
    { key: "en", label: t("original"), href: releasePath(slug, view.version), lang: "en" },
    ...published.map((row) => ({
      key: row.locale,
      label: languageEndonyms[row.locale],
      href: translationPath(slug, view.version, row.locale),
      lang: row.locale,
    })),
  ];
  return (
    <div className="no-print mb-6 space-y-2 text-sm">
      {published.length > 0 || current !== null ? (
        <nav aria-label={t("readIn")}>
          {t("readIn")}{" "}
          {links.map((link, index) => (
            <span key={link.key}>
              {index > 0 ? " · " : null}
              <Link
                href={link.href}
                lang={link.lang}
                hrefLang={link.lang}
                aria-current={(current ?? "en") === link.key ? "page" : undefined}
                className="underline aria-[current=page]:font-semibold aria-[current=page]:no-underline"
              >
                {link.label}
              </Link>
            </span>
          ))}
        </nav>
      ) : null}
      {current === null && unpublished.length > 0 ? (
        <p>
          {t("inProgress")}{" "}
          {unpublished.map((row, index) => (
            <span key={row.locale}>
              {index > 0 ? " · " : null}
              <Link href={translationPath(slug, view.version, row.locale)} className="underline">
                {t(`languageNames.${row.locale}`)}
              </Link>{" "}
              (
              <Link
                href={translationEditPath(slug, view.version, row.locale)}
                className="underline"
              >
                {t("workspaceLink")}
              </Link>
              )
            </span>
          ))}
        </p>
      ) : null}
      {viewer && current === null && !view.withdrawal && open.length > 0 ? (
        <details className="rounded-lg border border-line bg-white p-3">
          <summary className="cursor-pointer font-medium">{t("start.title")}</summary>
          <p className="my-2 text-muted">{t("start.lead")}</p>
          {/* Only people signed in see it, so a page kept for anonymous readers has no catalogue. */}
          <ClientMessages paths={["translations"]}>
            <StartTranslationForm
              releaseId={view.id}
              slug={slug}
              version={view.version}
              languages={open.map((locale) => ({
                locale,
                name: `${languageEndonyms[locale]} (${t(`languageNames.${locale}`)})`,
              }))}
            />
          </ClientMessages>
        </details>
      ) : null}
    </div>
  );
}
