import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle, Section } from "@/components/ui/page";
import { requireSecretariat } from "@/lib/community/authz";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { manageSurveyPath, reviewSurveysPath, signInPath } from "@/lib/paths";
import { reviewSurveys, surveyReview } from "@/lib/reviews/survey-queries";
import { CreateSurveyForm } from "../../../surveys/forms";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ reviewId: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("surveys"))("heading") };
}

/** A review's surveys, and the form that adds one. */
export default async function ReviewSurveysPage({ params }: Params) {
  const { reviewId } = await params;
  if (!UUID.test(reviewId)) notFound();
  const db = getDb();
  try {
    await requireSecretariat(db, await getViewer(), "page.secretariat");
  } catch (error) {
    if (error instanceof DomainError && error.code === "unauthenticated")
      redirect(signInPath(reviewSurveysPath(reviewId)));
    forbidden();
  }
  const review = await surveyReview(db, reviewId);
  if (!review) notFound();
  const [t, locale, list] = await Promise.all([
    getTranslations("surveys"),
    getLocale(),
    reviewSurveys(db, reviewId),
  ]);
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  return (
    <>
      <PageTitle
        title={t("review.heading", { title: review.title })}
        lead={t("review.lead", { standard: review.standardName, number: review.number })}
      />
      <Section title={t("heading")}>
        {list.length === 0 ? (
          <p>{t("review.none")}</p>
        ) : (
          <table className="w-full text-sm">
            <caption className="sr-only">{t("heading")}</caption>
            <thead>
              <tr className="text-left">
                <th scope="col">{t("review.survey")}</th>
                <th scope="col">{t("facts.audience")}</th>
                <th scope="col">{t("facts.state")}</th>
                <th scope="col">{t("review.dates")}</th>
                <th scope="col" className="text-right">
                  {t("facts.responses")}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((survey) => (
                <tr key={survey.id} className="border-t border-line">
                  <th scope="row" className="py-2 pr-4 text-left font-normal">
                    <Link href={manageSurveyPath(survey.number)}>
                      {t("review.numbered", { number: survey.number, title: survey.title })}
                    </Link>
                  </th>
                  <td className="pr-4">{t(`audiences.${survey.audience as "anyone"}`)}</td>
                  <td className="pr-4">{t(`states.${survey.state as "draft"}`)}</td>
                  <td className="pr-4">
                    {/* A survey closes at the end of its last day, the next day's first moment. */}
                    {day.formatRange(survey.opensAt, new Date(survey.closesAt.getTime() - 1))}
                  </td>
                  <td className="text-right">{survey.responses}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section title={t("create.heading")}>
        <CreateSurveyForm reviewId={reviewId} today={new Date().toISOString().slice(0, 10)} />
      </Section>
    </>
  );
}
