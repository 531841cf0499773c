import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TranslationNotice } from "@/components/releases/translation-reader";
import { RichText } from "@/components/rich-text";
import { signInLink } from "@/components/sign-in-link";
import { Notice } from "@/components/ui/notice";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { richTextToMarkdown } from "@/lib/drafting/markdown/text";
import { releasePath, translationEditPath, translationPath } from "@/lib/paths";
import { getTranslation } from "@/lib/translations/queries";
import { isClauseTranslated } from "@/lib/translations/rules";
import { OpenTranslationCallForm, TranslateClauseForm } from "../../forms";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string; version: string; locale: string }> };

export const metadata: Metadata = { robots: { index: false } };

/**
 * Where a release is translated: each clause's original beside a form for its translation, how
 * far the whole has come, and once every clause is translated, the form that opens the call.
 */
export default async function TranslationWorkspace({ params }: Props) {
  const { slug, version, locale } = await params;
  const [view, viewer] = await Promise.all([
    getTranslation(getDb(), slug, version, locale),
    getViewer(),
  ]);
  if (!view) notFound();
  const [t, tReleases, tLanguages] = await Promise.all([
    getTranslations("translations"),
    getTranslations("releases"),
    getTranslations("translations.languageNames"),
  ]);
  const { release, translation, progress } = view;
  const editable = translation.state === "draft" && viewer !== null;
  const here = translationEditPath(slug, release.version, view.locale);
  return (
    <>
      <TranslationNotice view={view} originalHref={releasePath(slug, release.version)} />
      <PageTitle
        title={t("edit.title", {
          name: release.content.standard.name,
          version: release.version,
          language: tLanguages(view.locale),
        })}
      />
      <p className="mb-2 font-medium" role="status">
        {t("edit.progress", { translated: progress.translated, total: progress.total })}
      </p>
      <progress
        className="mb-4 w-full"
        max={progress.total}
        value={progress.translated}
        aria-hidden="true"
      />
      <ul className="mb-6 space-y-1 text-sm">
        {view.carriedFromVersion ? (
          <li>{t("edit.carriedFrom", { version: view.carriedFromVersion })}</li>
        ) : null}
        <li>
          <Link href={translationPath(slug, release.version, view.locale)}>{t("edit.read")}</Link>
        </li>
      </ul>
      {translation.state === "in_call" ? <Notice tone="info">{t("edit.frozen")}</Notice> : null}
      {translation.state === "published" ? (
        <Notice tone="info">{t("edit.published")}</Notice>
      ) : null}
      {translation.state === "draft" && viewer === null ? (
        <p className="mb-6">{t.rich("edit.signIn", { link: signInLink(here) })}</p>
      ) : null}
      {translation.state === "draft" ? (
        <Section title={t("edit.callTitle")}>
          {progress.missing.length === 0 ? (
            <>
              <p className="mb-3">{t("edit.callLead")}</p>
              {viewer ? (
                <OpenTranslationCallForm translationId={translation.id} slug={slug} />
              ) : null}
            </>
          ) : (
            <p className="text-muted">{t("edit.incomplete", { count: progress.missing.length })}</p>
          )}
        </Section>
      ) : null}
      {release.content.clauses.map((original) => {
        const text = view.texts.get(original.ref);
        const done = isClauseTranslated(original, text);
        const status = done
          ? t("edit.done")
          : text?.needsTranslation && view.carriedFromVersion && text.title
            ? t("edit.changed")
            : t("edit.untranslated");
        return (
          <section
            key={original.ref}
            id={original.ref}
            className="mb-8 scroll-mt-4 border-t border-line pt-4"
          >
            <h2 className="mb-3 text-lg font-semibold">
              <span className="font-mono">{original.ref}</span>{" "}
              <span
                className={`ml-2 rounded px-2 py-0.5 text-xs ${done ? "bg-green-50 text-ok" : "bg-amber-50 text-amber-900"}`}
              >
                {status}
              </span>
            </h2>
            <div className="grid gap-6 md:grid-cols-2">
              <div lang="en" className="min-w-0">
                <h3 className="mb-2 text-sm font-medium text-muted">{t("edit.original")}</h3>
                <p className="font-semibold">{original.title}</p>
                <RichText value={original.body} />
                <h4 className="mt-3 text-sm font-medium text-muted">{tReleases("assessment")}</h4>
                <RichText value={original.assessment} />
                {original.examples.content?.length ? (
                  <>
                    <h4 className="mt-3 text-sm font-medium text-muted">{tReleases("examples")}</h4>
                    <RichText value={original.examples} />
                  </>
                ) : null}
              </div>
              <div className="min-w-0">
                <h3 className="mb-2 text-sm font-medium text-muted">{t("edit.translation")}</h3>
                {editable ? (
                  <TranslateClauseForm
                    translationId={translation.id}
                    clauseRef={original.ref}
                    lang={view.locale}
                    initial={{
                      title: text?.title ?? "",
                      body: text ? richTextToMarkdown(text.body) : "",
                      assessment: text ? richTextToMarkdown(text.assessment) : "",
                      examples: text ? richTextToMarkdown(text.examples) : "",
                    }}
                  />
                ) : text ? (
                  <div lang={view.locale}>
                    <p className="font-semibold">{text.title}</p>
                    <RichText value={text.body} lang={view.locale} />
                    <RichText value={text.assessment} lang={view.locale} />
                    <RichText value={text.examples} lang={view.locale} />
                  </div>
                ) : (
                  <p className="text-muted">{t("notTranslated")}</p>
                )}
              </div>
            </div>
          </section>
        );
      })}
    </>
  );
}
