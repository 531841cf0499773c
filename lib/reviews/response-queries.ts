import "server-only";
import { and, asc, count, desc, eq, gt, isNull, lte, or } from "drizzle-orm";
import type { Viewer } from "@/lib/community/viewer";
import type { Executor } from "@/lib/db/client";
import { standards } from "@/lib/drafting/schema";
import { declarations, organisations, representatives } from "@/lib/registry/schema";
import type { Question } from "@/lib/reviews/questions";
import { isAnswerable, resultsArePublic } from "@/lib/reviews/response-rules";
import { type QuestionResult, type SurveyResponse, surveyResults } from "@/lib/reviews/results";
import { reviews, surveyResponses, surveys } from "@/lib/reviews/schema";

/*
 * What the survey pages read: a survey as its respondents see it, whether one of them answered,
 * the organisations a representative may answer for, the purchasers' survey a registry listing
 * links to, and the results a reader may see.
 */

export type Audience = "anyone" | "participants" | "organisations";

/** A survey as its public pages show it, with the review and the standard it informs. */
export type SurveyFacts = {
  id: string;
  number: number;
  title: string;
  intro: string;
  audience: Audience;
  questions: Question[];
  state: "draft" | "open" | "closed";
  opensAt: Date;
  closesAt: Date;
  resultsPublishedAt: Date | null;
  review: { number: number; title: string };
  standard: { id: string; slug: string; name: string };
};

/** A survey by its number, drafts included (the caller decides who sees a draft), or null. */
export async function surveyByNumber(db: Executor, number: number): Promise<SurveyFacts | null> {
  if (!Number.isSafeInteger(number) || number < 1) return null;
  const [row] = await db
    .select({
      id: surveys.id,
      number: surveys.number,
      title: surveys.title,
      intro: surveys.intro,
      audience: surveys.audience,
      questions: surveys.questions,
      state: surveys.state,
      opensAt: surveys.opensAt,
      closesAt: surveys.closesAt,
      resultsPublishedAt: surveys.resultsPublishedAt,
      review: { number: reviews.number, title: reviews.title },
      standard: { id: standards.id, slug: standards.slug, name: standards.name },
    })
    .from(surveys)
    .innerJoin(reviews, eq(reviews.id, surveys.reviewId))
    .innerJoin(standards, eq(standards.id, reviews.standardId))
    .where(eq(surveys.number, number));
  if (!row) return null;
  return {
    ...row,
    audience: row.audience as Audience,
    state: row.state as SurveyFacts["state"],
  };
}

/** Whether this browser or person has answered the survey already, to say so on its page. */
export async function hasAnswered(
  db: Executor,
  surveyId: string,
  who: { browserKey: string } | { userId: string },
): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(surveyResponses)
    .where(
      and(
        eq(surveyResponses.surveyId, surveyId),
        "browserKey" in who
          ? eq(surveyResponses.browserKey, who.browserKey)
          : eq(surveyResponses.userId, who.userId),
      ),
    );
  return (row?.n ?? 0) > 0;
}

/**
 * The organisations a person may answer an organisations' survey for: those they represent now
 * that declared a product (in any state: having tried counts) against the reviewed standard,
 * with whether each has answered already.
 */
export async function answeringOrganisations(
  db: Executor,
  userId: string,
  survey: { id: string; standardId: string },
  now = new Date(),
): Promise<{ id: string; name: string; answered: boolean }[]> {
  const rows = await db
    .selectDistinct({ id: organisations.id, name: organisations.name })
    .from(representatives)
    .innerJoin(organisations, eq(organisations.id, representatives.organisationId))
    .innerJoin(
      declarations,
      and(
        eq(declarations.organisationId, organisations.id),
        eq(declarations.standardId, survey.standardId),
      ),
    )
    .where(
      and(
        eq(representatives.userId, userId),
        lte(representatives.startsAt, now),
        or(isNull(representatives.endsAt), gt(representatives.endsAt, now)),
      ),
    )
    .orderBy(asc(organisations.name));
  const answered = new Set(
    (
      await db
        .select({ organisationId: surveyResponses.organisationId })
        .from(surveyResponses)
        .where(eq(surveyResponses.surveyId, survey.id))
    ).map((row) => row.organisationId),
  );
  return rows.map((row) => ({ ...row, answered: answered.has(row.id) }));
}

/**
 * The survey a registry listing offers its buyers: the newest open one for anyone, among the
 * reviews of the listing's standard. Null when none is taking answers.
 */
export async function purchasersSurvey(
  db: Executor,
  standardSlug: string,
  now = new Date(),
): Promise<{ number: number; title: string } | null> {
  const [row] = await db
    .select({ number: surveys.number, title: surveys.title })
    .from(surveys)
    .innerJoin(reviews, eq(reviews.id, surveys.reviewId))
    .innerJoin(standards, eq(standards.id, reviews.standardId))
    .where(
      and(
        eq(standards.slug, standardSlug),
        eq(surveys.audience, "anyone"),
        eq(surveys.state, "open"),
        lte(surveys.opensAt, now),
        gt(surveys.closesAt, now),
      ),
    )
    .orderBy(desc(surveys.opensAt), desc(surveys.number))
    .limit(1);
  return row ?? null;
}

/**
 * A survey's responses as the results and exports read them: answers and the question ids whose
 * free text the secretariat marked publishable. Nothing that could identify a respondent.
 */
export async function responsesOf(db: Executor, surveyId: string): Promise<SurveyResponse[]> {
  const rows = await db
    .select({
      id: surveyResponses.id,
      answers: surveyResponses.answers,
      publishableText: surveyResponses.publishableText,
    })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId))
    .orderBy(asc(surveyResponses.submittedAt), asc(surveyResponses.id));
  return rows.map((row) => ({
    id: row.id,
    answers: row.answers,
    publishableText: new Set(row.publishableText),
  }));
}

/** What a reader may see of a survey's results (see `publicResults`). */
export type ResultsView = {
  survey: SurveyFacts;
  visibility: "public" | "live" | "not_yet";
  open: boolean;
  results: QuestionResult[] | null;
};

/**
 * What a reader may see of a survey's results: "public" once closed or published, "live" for the
 * secretariat before then, "not_yet" for anyone else (the survey's facts, no figures). Free text
 * is only ever the text marked publishable, for the secretariat too: these are the results as the
 * public will read them. Null when there is no such survey, or it is a draft and the reader is
 * not the secretariat.
 */
export async function publicResults(
  db: Executor,
  surveyNumber: number,
  viewer: Viewer | null,
  now = new Date(),
): Promise<ResultsView | null> {
  const survey = await surveyByNumber(db, surveyNumber);
  if (!survey) return null;
  const secretariat = viewer?.isSecretariat === true;
  if (survey.state === "draft" && !secretariat) return null;
  const visibility = resultsArePublic(survey, now) ? "public" : secretariat ? "live" : "not_yet";
  const open = isAnswerable(survey, now);
  if (visibility === "not_yet") return { survey, visibility, open, results: null };
  const responses = await responsesOf(db, survey.id);
  return { survey, visibility, open, results: surveyResults(survey.questions, responses) };
}

/**
 * A survey's responses for its public downloads, only once its results are public (null before,
 * and for a draft). The caller writes them with `includeText: "publishable"`, which blanks every
 * free text the secretariat has not marked publishable.
 */
export async function publicResponses(
  db: Executor,
  surveyNumber: number,
  now = new Date(),
): Promise<{ survey: SurveyFacts; responses: SurveyResponse[] } | null> {
  const survey = await surveyByNumber(db, surveyNumber);
  if (!survey || !resultsArePublic(survey, now)) return null;
  return { survey, responses: await responsesOf(db, survey.id) };
}
