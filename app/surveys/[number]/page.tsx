import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { cache } from "react";
import { ClientMessages } from "@/components/client-messages";
import { SurveyForm } from "@/components/reviews/survey-form";
import { Notice } from "@/components/ui/notice";
import { PageTitle } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { reviewPath, signInPath, surveyPath, surveyResultsPath } from "@/lib/paths";
import {
  answeringOrganisations,
  hasAnswered,
  type SurveyFacts,
  surveyByNumber,
} from "@/lib/reviews/response-queries";
import { isAnswerable, resultsArePublic } from "@/lib/reviews/response-rules";
import { browserKeyOf, isBrowserId, SURVEY_COOKIE } from "@/lib/reviews/responses";
import { answerSurvey } from "./actions";

// Rendered per request: whether this browser or person answered already is part of the page.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ number: string }> };

/** A survey open to the public (any but a draft), read once per request. */
const load = cache(async (segment: string) => {
  if (!/^[1-9]\d{0,8}$/.test(segment)) return null;
  const survey = await surveyByNumber(getDb(), Number(segment));
  return survey && survey.state !== "draft" ? survey : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const survey = await load((await params).number);
  if (!survey) return {};
  return { title: survey.title, alternates: { canonical: surveyPath(survey.number) } };
}

/** A survey informing a review of the mark: who it is for, its questions, and the way to answer. */
export default async function SurveyPage({ params }: Props) {
  const survey = await load((await params).number);
  if (!survey) notFound();
  const [t, format] = await Promise.all([getTranslations("surveyAnswers"), getFormatter()]);
  const now = new Date();
  const day = (at: Date) => format.dateTime(at, { dateStyle: "long", timeStyle: "short" });
  const open = isAnswerable(survey, now);
  const upcoming = survey.state === "open" && now < survey.opensAt;
  return (
    <>
      <p className="mb-4 text-sm">
        <Link href={reviewPath(survey.standard.slug, survey.review.number)}>
          {t("back", { number: survey.review.number, title: survey.review.title })}
        </Link>
      </p>
      <PageTitle
        title={survey.title}
        lead={t("informs", { standard: survey.standard.name, review: survey.review.title })}
      />
      <div className="mb-8 max-w-2xl space-y-2">
        <p>{t(`audience.${survey.audience}`, { standard: survey.standard.name })}</p>
        <p className="text-sm text-muted">
          {open
            ? t("dates.open", { closes: day(survey.closesAt) })
            : upcoming
              ? t("dates.upcoming", { opens: day(survey.opensAt) })
              : t("dates.closed", { closes: day(survey.closesAt) })}
        </p>
        {survey.intro ? <p className="whitespace-pre-line">{survey.intro}</p> : null}
        {resultsArePublic(survey, now) ? (
          <p>
            <Link href={surveyResultsPath(survey.number)} className="underline">
              {t("resultsLink")}
            </Link>
          </p>
        ) : null}
      </div>
      {open ? <Answering survey={survey} now={now} /> : <Notice tone="info">{t("notOpen")}</Notice>}
    </>
  );
}

/** The form, or why there is none for this reader: answered already, or outside the audience. */
async function Answering({ survey, now }: { survey: SurveyFacts; now: Date }) {
  const t = await getTranslations("surveyAnswers");
  const db = getDb();
  let organisations: { id: string; name: string; answered: boolean }[] | null = null;
  if (survey.audience === "anyone") {
    const id = (await cookies()).get(SURVEY_COOKIE)?.value;
    if (isBrowserId(id) && (await hasAnswered(db, survey.id, { browserKey: browserKeyOf(id) }))) {
      return <Notice tone="success">{t("answered")}</Notice>;
    }
  } else {
    const viewer = await getViewer();
    if (!viewer) {
      return (
        <p className="font-medium">
          <Link href={signInPath(surveyPath(survey.number))} className="underline">
            {t("signIn")}
          </Link>
        </p>
      );
    }
    if (survey.audience === "participants") {
      if (await hasAnswered(db, survey.id, { userId: viewer.id })) {
        return <Notice tone="success">{t("answeredPerson")}</Notice>;
      }
    } else {
      organisations = await answeringOrganisations(
        db,
        viewer.id,
        { id: survey.id, standardId: survey.standard.id },
        now,
      );
      if (organisations.length === 0) {
        return (
          <Notice tone="info">{t("noOrganisation", { standard: survey.standard.name })}</Notice>
        );
      }
      if (organisations.every(({ answered }) => answered)) {
        return <Notice tone="success">{t("answeredPerson")}</Notice>;
      }
    }
  }
  return (
    <ClientMessages paths={["surveyAnswers"]}>
      <SurveyForm
        action={answerSurvey}
        surveyNumber={survey.number}
        questions={survey.questions}
        organisations={organisations}
      />
    </ClientMessages>
  );
}
