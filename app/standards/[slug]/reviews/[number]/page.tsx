import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { cache } from "react";
import { CommentBody } from "@/components/discussion/comment-body";
import { ThreadList } from "@/components/discussion/thread-list";
import { ReviewFiguresTable } from "@/components/reviews/review-figures";
import { ProposeConclusionsForm, ReviewThreadForm } from "@/components/reviews/review-forms";
import { signInLink } from "@/components/sign-in-link";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { listReviewThreads } from "@/lib/discussion/queries";
import { renderComment } from "@/lib/discussion/rules";
import { callPath, reviewPath, reviewsPath, surveyPath, surveyResultsPath } from "@/lib/paths";
import { getReview, reviewFigures } from "@/lib/reviews/review-queries";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ slug: string; number: string }>;
  searchParams: Promise<{ form?: string | string[] }>;
};

const reviewOf = cache((slug: string, number: string) =>
  /^\d{1,9}$/.test(number) ? getReview(getDb(), slug, Number(number)) : null,
);

// Survey pages are the surveys' own (app/surveys); their addresses are fixed by the plan.

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, number } = await params;
  const page = await reviewOf(slug, number);
  if (!page) return {};
  const t = await getTranslations("reviews");
  return { title: t("reviewTitle", { number: page.review.number, title: page.review.title }) };
}

/**
 * One review: what it answers, what the record shows for its period, the surveys that inform
 * it, its discussion, and the call on its conclusions; adopted conclusions are marked as such.
 */
export default async function ReviewPage({ params, searchParams }: Props) {
  const [{ slug, number }, query] = await Promise.all([params, searchParams]);
  const page = await reviewOf(slug, number);
  if (!page) notFound();
  const db = getDb();
  const { review, standard } = page;
  const viewer = await getViewer();
  const [t, tPhases, format, figures, threads] = await Promise.all([
    getTranslations("reviews"),
    getTranslations("decisions.phases"),
    getFormatter(),
    reviewFigures(db, standard.id, review.periodStart, review.periodEnd),
    listReviewThreads(db, review.id, viewer),
  ]);
  const day = (at: Date) => format.dateTime(at, { dateStyle: "long", timeZone: "UTC" });
  const [latestCall] = page.calls;
  const adoptingCall = page.calls.find((call) => call.phase === "adopted");
  const here = reviewPath(slug, review.number);
  const openForm = typeof query.form === "string" ? query.form : undefined;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={reviewsPath(slug)}>{t("backToList", { standard: standard.name })}</Link>
      </p>
      <PageTitle
        title={t("reviewTitle", { number: review.number, title: review.title })}
        lead={t("periodRange", { start: day(review.periodStart), end: day(review.periodEnd) })}
      />
      <p className="mb-8">
        <span className="rounded border border-line px-2 py-0.5 text-sm font-medium">
          {t(`states.${page.state}`)}
        </span>
      </p>

      {page.state === "concluded" && review.conclusions ? (
        <Section title={t("conclusionsTitle")} id="conclusions">
          <div className="rounded-lg border-2 border-green-700 bg-white p-4">
            <p className="mb-3 text-sm font-medium">
              {t("adoptedNote", {
                date: day(review.concludedAt ?? new Date()),
                number: adoptingCall?.number ?? 0,
              })}{" "}
              {adoptingCall ? (
                <Link href={callPath(slug, adoptingCall.number)} className="underline">
                  {t("callLine", {
                    number: adoptingCall.number,
                    phase: tPhases(adoptingCall.phase),
                  })}
                </Link>
              ) : null}
            </p>
            <CommentBody html={renderComment(review.conclusions)} />
          </div>
        </Section>
      ) : null}

      <Section title={t("questionsTitle")}>
        <CommentBody html={renderComment(review.questions)} />
      </Section>

      <Section title={t("figuresTitle")}>
        <ReviewFiguresTable
          figures={figures}
          standard={standard.name}
          start={review.periodStart}
          end={review.periodEnd}
        />
      </Section>

      <Section title={t("surveysTitle")}>
        {page.surveys.length === 0 ? (
          <p className="text-muted">{t("noSurveys")}</p>
        ) : (
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">{t("surveysCaption")}</caption>
            <thead>
              <tr className="border-b border-line text-left">
                <th scope="col" className="py-2 pr-4">
                  {t("survey")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("audience")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("dates")}
                </th>
                <th scope="col" className="py-2">
                  {t("results")}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.surveys.map((survey) => (
                <tr key={survey.number} className="border-b border-line">
                  <th scope="row" className="py-2 pr-4 text-left font-normal">
                    <Link href={surveyPath(survey.number)}>{survey.title}</Link>{" "}
                    <span className="text-muted">
                      ({t(`surveyStates.${survey.state as "draft" | "open" | "closed"}`)})
                    </span>
                  </th>
                  <td className="py-2 pr-4">
                    {t(
                      `audiences.${survey.audience as "anyone" | "participants" | "organisations"}`,
                    )}
                  </td>
                  <td className="py-2 pr-4">
                    {t("periodRange", { start: day(survey.opensAt), end: day(survey.closesAt) })}
                  </td>
                  <td className="py-2">
                    {survey.resultsPublic ? (
                      <Link href={surveyResultsPath(survey.number)}>{t("resultsLink")}</Link>
                    ) : (
                      <span className="text-muted">{t("resultsLater")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section title={t("callTitle")} id="call">
        {latestCall ? (
          <ul className="mb-4 space-y-1">
            {page.calls.map((call) => (
              <li key={call.number}>
                <Link href={callPath(slug, call.number)}>
                  {t("callLine", { number: call.number, phase: tPhases(call.phase) })}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-4 text-muted">{t("noCall")}</p>
        )}
        {page.state === "conclusions_proposed" && review.conclusions && latestCall ? (
          <div className="mb-4 rounded-lg border border-dashed border-line bg-white p-4">
            <h3 className="mb-2 font-semibold">{t("proposedTitle")}</h3>
            <p className="mb-3 text-sm text-muted">
              {t("proposedNote", { number: latestCall.number })}
            </p>
            <CommentBody html={renderComment(review.conclusions)} />
          </div>
        ) : null}
        {viewer?.isSecretariat && page.state === "in_progress" ? (
          <>
            <h3 className="mb-2 font-semibold">{t("proposeTitle")}</h3>
            <ProposeConclusionsForm reviewId={review.id} previous={review.conclusions} />
          </>
        ) : null}
      </Section>

      <Section title={t("discussionTitle")} id="discussion">
        {threads.length === 0 ? (
          <p className="mb-4 text-muted">{t("noThreads")}</p>
        ) : (
          <div className="mb-6">
            <ThreadList threads={threads} viewer={viewer} openForm={openForm} />
          </div>
        )}
        {viewer ? (
          <>
            <h3 className="mb-2 font-semibold">{t("newThread")}</h3>
            <ReviewThreadForm reviewId={review.id} />
          </>
        ) : (
          <p>{t.rich("signInToDiscuss", { link: signInLink(here) })}</p>
        )}
      </Section>
    </>
  );
}
