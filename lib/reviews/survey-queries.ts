import "server-only";
import { asc, count, eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { standards } from "@/lib/drafting/schema";
import type { Question } from "@/lib/reviews/questions";
import type { SurveyResponse } from "@/lib/reviews/results";
import { reviews, surveyResponses, surveys } from "@/lib/reviews/schema";

/*
 * What the secretariat's survey pages read. Public reading (results a viewer may see) is
 * lib/reviews/responses.ts `publicResults`, which never hands out unpublished free text.
 */

export type SurveyRow = typeof surveys.$inferSelect;

/** The review a survey belongs to, with its standard, for headings and links. */
export async function surveyReview(db: Executor, reviewId: string) {
  const [row] = await db
    .select({
      id: reviews.id,
      number: reviews.number,
      title: reviews.title,
      standardSlug: standards.slug,
      standardName: standards.name,
    })
    .from(reviews)
    .innerJoin(standards, eq(standards.id, reviews.standardId))
    .where(eq(reviews.id, reviewId));
  return row ?? null;
}

/** A survey by its number (the one in its links), or null. */
export async function surveyByNumber(db: Executor, number: number): Promise<SurveyRow | null> {
  const [row] = await db.select().from(surveys).where(eq(surveys.number, number));
  return row ?? null;
}

/** A review's surveys, in the order they were made, with how many responses each has. */
export async function reviewSurveys(db: Executor, reviewId: string) {
  return db
    .select({
      id: surveys.id,
      number: surveys.number,
      title: surveys.title,
      audience: surveys.audience,
      state: surveys.state,
      opensAt: surveys.opensAt,
      closesAt: surveys.closesAt,
      responses: count(surveyResponses.id),
    })
    .from(surveys)
    .leftJoin(surveyResponses, eq(surveyResponses.surveyId, surveys.id))
    .where(eq(surveys.reviewId, reviewId))
    .groupBy(surveys.id)
    .orderBy(asc(surveys.number));
}

export async function responseCount(db: Executor, surveyId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId));
  return row?.n ?? 0;
}

/** Every response, as the results and exports read them, oldest first. */
export async function surveyResponsesOf(db: Executor, surveyId: string): Promise<SurveyResponse[]> {
  const rows = await db
    .select({
      id: surveyResponses.id,
      answers: surveyResponses.answers,
      publishableText: surveyResponses.publishableText,
    })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId))
    .orderBy(asc(surveyResponses.submittedAt), asc(surveyResponses.id));
  return rows.map((row) => ({ ...row, publishableText: new Set(row.publishableText) }));
}

/** One free-text answer for the secretariat to read and mark publishable, or not. */
export type FreeText = {
  responseId: string;
  text: string;
  publishable: boolean;
  /** The words a respondent wrote as a choice's "other" entry, rather than a text answer. */
  other: boolean;
};

/**
 * Every free text of the responses, by question id: text answers and "other" entries, in the
 * order the responses came. Only the secretariat sees these; the public sees what it published.
 */
export function freeTexts(
  questions: readonly Question[],
  responses: readonly SurveyResponse[],
): Map<string, FreeText[]> {
  const byQuestion = new Map<string, FreeText[]>();
  for (const question of questions) {
    const texts: FreeText[] = [];
    for (const response of responses) {
      const answer = Object.hasOwn(response.answers, question.id)
        ? response.answers[question.id]
        : undefined;
      if (!answer) continue;
      const text =
        answer.kind === "text"
          ? answer.text
          : answer.kind === "choice" || answer.kind === "choices"
            ? answer.other
            : undefined;
      if (text === undefined || text.trim() === "") continue;
      texts.push({
        responseId: response.id,
        text,
        publishable: response.publishableText.has(question.id),
        other: answer.kind !== "text",
      });
    }
    if (texts.length > 0) byQuestion.set(question.id, texts);
  }
  return byQuestion;
}

export async function surveyById(db: Executor, id: string): Promise<SurveyRow | null> {
  const [row] = await db.select().from(surveys).where(eq(surveys.id, id));
  return row ?? null;
}
