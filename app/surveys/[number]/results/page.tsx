import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { SurveyResults } from "@/components/reviews/survey-results";
import { Notice } from "@/components/ui/notice";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { surveyExportPath, surveyPath, surveyResultsPath } from "@/lib/paths";
import { publicResults } from "@/lib/reviews/response-queries";

// Rendered per request: results turn public at a moment, and texts are published one by one.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ number: string }> };

const load = cache(async (segment: string) => {
  if (!/^[1-9]\d{0,8}$/.test(segment)) return null;
  return publicResults(getDb(), Number(segment), await getViewer());
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const view = await load((await params).number);
  if (!view) return {};
  const t = await getTranslations("surveyAnswers.results");
  return {
    title: t("title", { title: view.survey.title }),
    alternates: { canonical: surveyResultsPath(view.survey.number) },
  };
}

/**
 * A survey's results: public once it closes or the secretariat publishes them, live to the
 * secretariat before then. Charts and tables are drawn on the server; free text is only ever
 * what the secretariat marked publishable.
 */
export default async function SurveyResultsPage({ params }: Props) {
  const view = await load((await params).number);
  if (!view) notFound();
  const t = await getTranslations("surveyAnswers.results");
  const { survey, results } = view;
  const total = results?.[0]?.total ?? 0;
  return (
    <>
      <p className="mb-4 text-sm">
        <Link href={surveyPath(survey.number)}>{t("back")}</Link>
      </p>
      <PageTitle
        title={t("title", { title: survey.title })}
        lead={results ? t("responses", { count: total }) : undefined}
      />
      {view.visibility === "not_yet" ? <Notice tone="info">{t("notYet")}</Notice> : null}
      {view.visibility === "live" ? <Notice tone="info">{t("live")}</Notice> : null}
      {results ? (
        <>
          <p className="mb-8 max-w-2xl text-sm text-muted">{t("textsNote")}</p>
          <SurveyResults results={results} />
        </>
      ) : null}
      {view.visibility === "public" ? (
        <Section title={t("downloads")} id="downloads">
          <ul className="list-disc pl-5">
            <li>
              <a href={surveyExportPath(survey.number, "csv")} download>
                {t("csv")}
              </a>
            </li>
            <li>
              <a href={surveyExportPath(survey.number, "json")} download>
                {t("json")}
              </a>
            </li>
          </ul>
          <p className="mt-2 text-sm text-muted">{t("downloadsNote")}</p>
        </Section>
      ) : null}
    </>
  );
}
