import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ClauseBadges } from "@/components/clause-badges";
import { ReleaseClauseView } from "@/components/releases/release-clause";
import { TranslationSwitch } from "@/components/releases/translation-switch";
import { RichText } from "@/components/rich-text";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page";
import {
  callPath,
  releaseClausePath,
  releasePath,
  translationClausePath,
  translationEditPath,
  translationExportPath,
} from "@/lib/paths";
import type { ReleaseClause } from "@/lib/releases/content";
import type { TranslationView } from "@/lib/translations/queries";
import { isClauseTranslated } from "@/lib/translations/rules";

/** Each clause as the translation reads: its translated words, or null while it has none. */
export function translatedClauses(
  view: TranslationView,
): { original: ReleaseClause; translated: ReleaseClause | null }[] {
  const published = view.translation.content;
  return view.release.content.clauses.map((original, index) => {
    if (published) return { original, translated: published.clauses[index] ?? null };
    const text = view.texts.get(original.ref);
    return {
      original,
      translated: text && isClauseTranslated(original, text) ? { ...original, ...text } : null,
    };
  });
}

/** What every page of a translation says first: the original is authoritative, and where it is. */
export async function TranslationNotice({
  view,
  originalHref,
}: {
  view: TranslationView;
  originalHref: string;
}) {
  const [t, format] = await Promise.all([getTranslations("translations"), getFormatter()]);
  const published = view.translation.state === "published";
  const link = (chunks: React.ReactNode) => (
    <Link href={originalHref} className="underline">
      {chunks}
    </Link>
  );
  const call = view.call;
  const callLink = (chunks: React.ReactNode) =>
    call ? (
      <Link href={callPath(view.release.content.standard.slug, call.number)} className="underline">
        {chunks}
      </Link>
    ) : (
      chunks
    );
  return (
    <Notice tone={published ? "info" : "error"}>
      {t.rich(published ? "authoritative" : "unadopted", { link })}
      {published && view.translation.publishedAt && call ? (
        <>
          {" "}
          {t.rich("adopted", {
            date: format.dateTime(view.translation.publishedAt, { dateStyle: "long" }),
            call: call.number,
            link: callLink,
          })}
        </>
      ) : null}
      {view.translation.state === "in_call" && call ? (
        <>
          {" "}
          {t.rich("inCall", {
            call: call.number,
            link: callLink,
          })}
        </>
      ) : null}
    </Notice>
  );
}

/** One clause in translation; its heading links to the clause's page in the translation. */
export async function TranslatedClause({
  view,
  slug,
  original,
  translated,
  headingLevel = 3,
  showOriginal = false,
}: {
  view: TranslationView;
  slug: string;
  original: ReleaseClause;
  translated: ReleaseClause | null;
  headingLevel?: 1 | 3;
  showOriginal?: boolean;
}) {
  const [t, tReleases] = await Promise.all([
    getTranslations("translations"),
    getTranslations("releases"),
  ]);
  const { version } = view.release;
  const Heading = headingLevel === 1 ? "h1" : "h3";
  const Subheading = headingLevel === 1 ? "h2" : "h4";
  const shown = translated ?? original;
  return (
    <article id={original.ref} className="release-clause prose-clause mb-8 scroll-mt-4">
      <Heading
        className={headingLevel === 1 ? "mb-2 text-3xl font-bold" : "text-lg font-semibold"}
        lang={translated ? view.locale : "en"}
      >
        <Link
          href={translationClausePath(slug, version, view.locale, original.ref)}
          className="font-mono"
        >
          {original.ref}
        </Link>{" "}
        {shown.title}
      </Heading>
      <p className="mb-2">
        <ClauseBadges strength={original.strength} level={original.level} status={null} />
      </p>
      {translated ? (
        <div lang={view.locale}>
          <RichText value={translated.body} lang={view.locale} />
          <Subheading className="mt-3 text-sm font-medium text-muted">
            {tReleases("assessment")}
          </Subheading>
          <RichText value={translated.assessment} lang={view.locale} />
          {translated.examples.content?.length ? (
            <>
              <Subheading className="mt-3 text-sm font-medium text-muted">
                {tReleases("examples")}
              </Subheading>
              <RichText value={translated.examples} lang={view.locale} />
            </>
          ) : null}
        </div>
      ) : (
        <p className="text-muted">
          {t("notTranslated")}{" "}
          {view.translation.state === "draft" ? (
            <Link href={`${translationEditPath(slug, version, view.locale)}#${original.ref}`}>
              {t("workspaceLink")}
            </Link>
          ) : null}
        </p>
      )}
      {showOriginal || translated ? (
        <details className="mt-3 rounded border border-line bg-white p-3" open={!translated}>
          <summary className="cursor-pointer text-sm font-medium">{t("showOriginal")}</summary>
          <div lang="en" className="mt-2">
            {showOriginal ? (
              <ReleaseClauseView
                clause={original}
                slug={slug}
                version={version}
                trace={view.release.trace[original.ref]}
                frameworks={view.release.content.frameworks}
              />
            ) : (
              <>
                <p className="font-semibold">{original.title}</p>
                <RichText value={original.body} />
                <p className="mt-2 text-sm">
                  <Link href={releaseClausePath(slug, version, original.ref)}>
                    {tReleases("permalink", { ref: original.ref })}
                  </Link>
                </p>
              </>
            )}
          </div>
        </details>
      ) : null}
    </article>
  );
}

/** A whole translation: the notice, digests and exports when published, then every clause. */
export async function TranslationReader({ view, slug }: { view: TranslationView; slug: string }) {
  const [t, tReleases, tLanguages] = await Promise.all([
    getTranslations("translations"),
    getTranslations("releases"),
    getTranslations("translations.languageNames"),
  ]);
  const { release, translation, locale } = view;
  const content = release.content;
  const clauses = translatedClauses(view);
  return (
    <>
      <TranslationNotice view={view} originalHref={releasePath(slug, release.version)} />
      <PageTitle
        title={t("pageTitle", {
          name: content.standard.name,
          version: release.version,
          language: tLanguages(locale),
        })}
      />
      <TranslationSwitch view={release} slug={slug} current={locale} />
      <ul className="release-meta mb-6 space-y-1 text-sm">
        {translation.state === "published" && translation.sha256 ? (
          <>
            <li>
              {t("digest")}:{" "}
              <code className="break-all font-mono text-xs">{translation.sha256}</code>
            </li>
            <li>
              {t("originalDigest")}:{" "}
              <code className="break-all font-mono text-xs">{release.digest}</code>
            </li>
            <li className="no-print">
              {tReleases("downloads")}:{" "}
              <a href={translationExportPath(slug, release.version, locale, "md")}>
                {tReleases("markdown")}
              </a>{" "}
              ·{" "}
              <a href={translationExportPath(slug, release.version, locale, "json")}>
                {tReleases("json")}
              </a>
            </li>
          </>
        ) : (
          <li>
            {t("edit.progress", {
              translated: view.progress.translated,
              total: view.progress.total,
            })}
            {translation.state === "draft" ? (
              <>
                {" · "}
                <Link href={translationEditPath(slug, release.version, locale)}>
                  {t("workspaceLink")}
                </Link>
              </>
            ) : null}
          </li>
        )}
      </ul>
      <p className="mb-6 text-sm text-muted">{t("untranslatedParts")}</p>
      {content.modules.map((module) => {
        const inModule = clauses.filter((entry) => entry.original.moduleCode === module.code);
        if (inModule.length === 0) return null;
        return (
          <section key={module.code} id={`module-${module.code}`} className="mb-10 scroll-mt-4">
            <h2 className="mb-1 text-xl font-semibold" lang="en">
              {module.name} ({module.code})
            </h2>
            {inModule.map((entry) => (
              <TranslatedClause
                key={entry.original.ref}
                view={view}
                slug={slug}
                original={entry.original}
                translated={entry.translated}
              />
            ))}
          </section>
        );
      })}
    </>
  );
}
