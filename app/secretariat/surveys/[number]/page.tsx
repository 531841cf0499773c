import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle, Section } from "@/components/ui/page";
import { requireSecretariat } from "@/lib/community/authz";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import {
  manageSurveyPath,
  reviewSurveysPath,
  signInPath,
  surveyPath,
  surveyResultsPath,
} from "@/lib/paths";
import { surveyResults } from "@/lib/reviews/results";
import { freeTexts, surveyByNumber, surveyResponsesOf } from "@/lib/reviews/survey-queries";
import { AddQuestionForm, QuestionControls, SurveyControls } from "../forms";
import { LiveResults } from "./live-results";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ number: string }> };

const numberOf = (raw: string) => (/^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null);

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const number = numberOf((await params).number);
  const t = await getTranslations("surveys");
  return { title: number ? t("manage.title", { number }) : t("heading") };
}

/** One survey for the secretariat: its questions, its state and its live results. */
export default async function ManageSurveyPage({ params }: Params) {
  const number = numberOf((await params).number);
  if (!number) notFound();
  const db = getDb();
  try {
    await requireSecretariat(db, await getViewer(), "page.secretariat");
  } catch (error) {
    if (error instanceof DomainError && error.code === "unauthenticated")
      redirect(signInPath(manageSurveyPath(number)));
    forbidden();
  }
  const survey = await surveyByNumber(db, number);
  if (!survey) notFound();
  const [t, locale, responses] = await Promise.all([
    getTranslations("surveys"),
    getLocale(),
    surveyResponsesOf(db, survey.id),
  ]);
  const date = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  // Questions change only while nobody has answered, and never once the survey closed.
  const editable = responses.length === 0 && survey.state !== "closed";
  const questions = survey.questions;
  const facts: [string, string][] = [
    [t("facts.state"), t(`states.${survey.state as "draft"}`)],
    [t("facts.audience"), t(`audiences.${survey.audience as "anyone"}`)],
    [t("facts.opens"), `${date.format(survey.opensAt)} UTC`],
    [t("facts.closes"), `${date.format(survey.closesAt)} UTC`],
    [t("facts.responses"), String(responses.length)],
    [
      t("facts.results"),
      survey.resultsPublishedAt
        ? t("facts.publishedOn", { date: `${date.format(survey.resultsPublishedAt)} UTC` })
        : survey.state === "closed"
          ? t("facts.publicOnClose")
          : t("facts.notPublic"),
    ],
  ];
  return (
    <>
      <PageTitle title={t("manage.title", { number })} lead={survey.title} />
      <p className="mb-6">
        <Link href={reviewSurveysPath(survey.reviewId)}>{t("manage.back")}</Link>
      </p>
      <dl className="mb-6 grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-1">
        {facts.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <ul className="mb-6 flex flex-wrap gap-4">
        <li>
          <Link href={surveyPath(number)}>{t("manage.publicLink")}</Link>
        </li>
        <li>
          <Link href={surveyResultsPath(number)}>{t("manage.resultsLink")}</Link>
        </li>
      </ul>
      <SurveyControls
        surveyId={survey.id}
        state={survey.state}
        published={survey.resultsPublishedAt !== null}
      />
      <Section title={t("questions.heading")}>
        {editable ? null : <p className="mb-4 text-muted">{t("questions.locked")}</p>}
        {questions.length === 0 ? <p className="mb-4">{t("questions.none")}</p> : null}
        <ol className="mb-8 space-y-4">
          {questions.map((question, index) => {
            const target = question.showIf
              ? questions.findIndex(({ id }) => id === question.showIf?.questionId)
              : -1;
            const choices =
              "options" in question ? question.options : "rows" in question ? question.rows : [];
            return (
              <li key={question.id} className="rounded-md border border-line p-4">
                <p className="font-medium">
                  {index + 1}. {question.prompt}
                </p>
                <p className="text-sm text-muted">
                  {t(`kinds.${question.kind}`)} ·{" "}
                  {question.required ? t("questions.required") : t("questions.optional")}
                  {question.kind === "single_choice" || question.kind === "multiple_choice"
                    ? question.allowOther
                      ? ` · ${t("questions.withOther")}`
                      : ""
                    : ""}
                </p>
                {question.help ? <p className="text-sm">{question.help}</p> : null}
                {question.showIf ? (
                  <p className="text-sm">
                    {t("questions.showIf", {
                      position: target + 1,
                      value: question.showIf.equals,
                    })}
                  </p>
                ) : null}
                {choices.length > 0 ? (
                  <ul className="mt-1 list-disc pl-5 text-sm">
                    {choices.map((choice) => (
                      <li key={choice.key}>
                        {choice.label} <code className="text-muted">({choice.key})</code>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {editable ? (
                  <QuestionControls
                    surveyId={survey.id}
                    questionId={question.id}
                    position={index + 1}
                    first={index === 0}
                    last={index === questions.length - 1}
                  />
                ) : null}
              </li>
            );
          })}
        </ol>
        {editable ? (
          <>
            <h3 className="mb-3 text-lg font-semibold">{t("add.heading")}</h3>
            <AddQuestionForm
              surveyId={survey.id}
              earlier={questions.map((question, index) => ({
                id: question.id,
                label: `${index + 1}. ${question.prompt}`,
              }))}
            />
          </>
        ) : null}
      </Section>
      <Section title={t("results.heading")}>
        <p className="mb-4 text-muted">{t("results.lead")}</p>
        <LiveResults
          questions={questions}
          results={surveyResults(questions, responses)}
          texts={freeTexts(questions, responses)}
          locale={locale}
        />
      </Section>
    </>
  );
}
