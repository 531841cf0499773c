import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/mutations";
import type { Secretariat } from "@/lib/community/authz";
import type { Database, Executor, Transaction } from "@/lib/db/client";
import { DomainError, type FieldErrors, fieldError, isFieldErrorCode } from "@/lib/errors";
import type { Question } from "@/lib/reviews/questions";
import { reviews, surveyResponses, surveys } from "@/lib/reviews/schema";
import { copyQuestions } from "@/lib/reviews/survey-rules";
import { checkQuestions } from "@/lib/reviews/survey-schema";
import { lockSurvey } from "@/lib/reviews/survey-states";
import { plainLine, plainText } from "@/lib/validation";

/*
 * The secretariat's side of a survey: defining it, opening and closing it (by hand, or at its
 * dates through `moveDueSurveys`), publishing its results and choosing which free-text answers
 * may be shown. Answering is lib/reviews/responses.ts.
 */

/** What a refusal of the secretariat's survey pages is recorded as (access.refused). */
export const SURVEY_ATTEMPT = "reviews.manage_survey";

export const surveyAudiences = ["anyone", "participants", "organisations"] as const;
export type SurveyAudience = (typeof surveyAudiences)[number];

export type SurveyInput = {
  title: string;
  intro: string;
  audience: SurveyAudience;
  questions: unknown;
  opensAt: Date;
  closesAt: Date;
};

export const MAX_SURVEY_TITLE = 200;
export const MAX_SURVEY_INTRO = 5000;

const detailsSchema = z
  .object({
    title: plainLine(MAX_SURVEY_TITLE),
    intro: plainText(MAX_SURVEY_INTRO),
    audience: z.enum(surveyAudiences, fieldError("required")),
    opensAt: z.date(fieldError("invalid_date")),
    closesAt: z.date(fieldError("invalid_date")),
  })
  .refine((input) => input.opensAt < input.closesAt, {
    path: ["closesAt"],
    ...fieldError("ends_before_start"),
  });

/** A survey's questions keyed `questions.<path>`, so an editor can tell them from its details. */
function questionErrors(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([path, code]) => [
      path === "questions" ? path : `questions.${path}`,
      code,
    ]),
  );
}

/**
 * The questions a survey in `state` may have. A draft may have none yet, as the secretariat adds
 * them one at a time; a survey that people can answer needs at least one.
 */
function acceptedQuestions(raw: unknown, state: string): Question[] {
  if (state === "draft" && Array.isArray(raw) && raw.length === 0) return [];
  const checked = checkQuestions(raw);
  if (!checked.ok) throw new DomainError("invalid_input", questionErrors(checked.fieldErrors));
  return checked.questions;
}

/** Survey numbers run across Hum (the link given to buyers), handed out one at a time. */
async function nextSurveyNumber(tx: Transaction): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('hum:survey-number'))`);
  const [row] = await tx.select({ last: sql<number | null>`max(${surveys.number})` }).from(surveys);
  return (row?.last ?? 0) + 1;
}

async function insertSurvey(
  tx: Transaction,
  secretary: Secretariat,
  values: Omit<typeof surveys.$inferInsert, "number" | "createdBy" | "createdAt">,
  now: Date,
): Promise<{ id: string; number: number }> {
  const number = await nextSurveyNumber(tx);
  const [row] = await tx
    .insert(surveys)
    .values({ ...values, number, createdBy: secretary.id, createdAt: now })
    .returning({ id: surveys.id, number: surveys.number });
  if (!row) throw new Error("survey insert returned nothing");
  await recordAudit(tx, {
    actorId: secretary.id,
    action: "reviews.survey_created",
    subjectType: "survey",
    subjectId: String(row.number),
    details: { title: values.title },
    at: now,
  });
  return row;
}

/** A new draft survey for a review; nothing is stored unless its details and questions hold. */
export async function createSurvey(
  db: Database,
  secretary: Secretariat,
  reviewId: string,
  input: SurveyInput,
  now: Date = new Date(),
): Promise<{ id: string; number: number }> {
  const parsed = detailsSchema.safeParse(input);
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "form");
      errors[field] ??= isFieldErrorCode(issue.message) ? issue.message : "invalid";
    }
  }
  let questions: Question[] = [];
  try {
    questions = acceptedQuestions(input.questions, "draft");
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    Object.assign(errors, error.fieldErrors);
  }
  if (!parsed.success || Object.keys(errors).length > 0) {
    throw new DomainError("invalid_input", errors);
  }
  const [review] = await db
    .select({ id: reviews.id })
    .from(reviews)
    .where(eq(reviews.id, reviewId));
  if (!review) throw new DomainError("not_found");
  return db.transaction((tx) =>
    insertSurvey(tx, secretary, { reviewId, ...parsed.data, questions, state: "draft" }, now),
  );
}

async function hasResponses(executor: Executor, surveyId: string): Promise<boolean> {
  const [row] = await executor
    .select({ id: surveyResponses.id })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId))
    .limit(1);
  return row !== undefined;
}

/**
 * Replaces a survey's questions (the editor adds, removes and moves them one at a time). Answers
 * mean what their questions asked, so once anyone has answered, the questions stay as they are
 * and a change is made on a copy.
 */
export async function updateSurveyQuestions(
  db: Database,
  _secretary: Secretariat,
  surveyId: string,
  questions: unknown,
): Promise<void> {
  await db.transaction(async (tx) => {
    const survey = await lockSurvey(tx, surveyId);
    if (survey.state === "closed") throw new DomainError("survey_closed");
    // The row lock above holds back a response being stored until this change commits, and a
    // response takes the survey's questions from the row it reads after that.
    if (await hasResponses(tx, surveyId)) throw new DomainError("survey_has_responses");
    const accepted = acceptedQuestions(questions, survey.state);
    await tx.update(surveys).set({ questions: accepted }).where(eq(surveys.id, surveyId));
  });
}

/**
 * A new draft with the same details and questions under fresh ids (survey-rules.ts
 * `copyQuestions`), for changing a survey that has responses or asking again later. Its dates
 * keep their length but start no earlier than now, so that the copy can still open.
 */
export async function copySurvey(
  db: Database,
  secretary: Secretariat,
  surveyId: string,
  now: Date = new Date(),
): Promise<{ id: string; number: number }> {
  return db.transaction(async (tx) => {
    const [source] = await tx.select().from(surveys).where(eq(surveys.id, surveyId));
    if (!source) throw new DomainError("not_found");
    const length = source.closesAt.getTime() - source.opensAt.getTime();
    const opensAt = source.opensAt < now ? now : source.opensAt;
    return insertSurvey(
      tx,
      secretary,
      {
        reviewId: source.reviewId,
        title: source.title,
        intro: source.intro,
        audience: source.audience,
        questions: copyQuestions(source.questions),
        state: "draft",
        opensAt,
        closesAt: new Date(opensAt.getTime() + length),
        copiedFrom: source.id,
      },
      now,
    );
  });
}

// Opening, closing, publishing and choosing what text is shown: lib/reviews/survey-states.ts.
export {
  closeSurvey,
  moveDueSurveys,
  openSurvey,
  publishResults,
  setTextPublishable,
} from "@/lib/reviews/survey-states";
