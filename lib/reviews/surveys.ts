import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNotNull, lte, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/mutations";
import type { Secretariat } from "@/lib/community/authz";
import type { Database, Executor, Transaction } from "@/lib/db/client";
import { DomainError, type FieldErrors, fieldError, isFieldErrorCode } from "@/lib/errors";
import type { Answers, Question } from "@/lib/reviews/questions";
import { reviews, surveyResponses, surveys } from "@/lib/reviews/schema";
import { copyQuestions } from "@/lib/reviews/survey-rules";
import { checkQuestions } from "@/lib/reviews/survey-schema";
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

async function lockSurvey(tx: Transaction, surveyId: string) {
  const [row] = await tx.select().from(surveys).where(eq(surveys.id, surveyId)).for("update");
  if (!row) throw new DomainError("not_found");
  return row;
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

/**
 * Opens a draft, with a fresh salt for the hashed addresses of its anonymous respondents. The
 * update names the state it expects, so of two servers opening the same survey one does it.
 */
async function openOne(
  tx: Transaction,
  surveyId: string,
  actorId: string | null,
  now: Date,
): Promise<boolean> {
  const [opened] = await tx
    .update(surveys)
    .set({ state: "open", openedAt: now, ipSalt: randomBytes(32).toString("base64url") })
    .where(and(eq(surveys.id, surveyId), eq(surveys.state, "draft")))
    .returning({ number: surveys.number, title: surveys.title });
  if (!opened) return false;
  await recordAudit(tx, {
    actorId,
    action: "reviews.survey_opened",
    subjectType: "survey",
    subjectId: String(opened.number),
    details: { title: opened.title },
    at: now,
  });
  return true;
}

/**
 * Closes an open survey. The addresses' hashes were kept only to check abuse while it was open,
 * so they go with the salt, in the same transaction as the closing.
 */
async function closeOne(
  tx: Transaction,
  surveyId: string,
  actorId: string | null,
  now: Date,
): Promise<boolean> {
  const [closed] = await tx
    .update(surveys)
    .set({ state: "closed", closedAt: now, ipSalt: null })
    .where(and(eq(surveys.id, surveyId), eq(surveys.state, "open")))
    .returning({ number: surveys.number, title: surveys.title });
  if (!closed) return false;
  await tx
    .update(surveyResponses)
    .set({ ipHash: null })
    .where(and(eq(surveyResponses.surveyId, surveyId), isNotNull(surveyResponses.ipHash)));
  await recordAudit(tx, {
    actorId,
    action: "reviews.survey_closed",
    subjectType: "survey",
    subjectId: String(closed.number),
    details: { title: closed.title },
    at: now,
  });
  return true;
}

/** Opens a draft now, whatever its opening date said; one with no questions cannot open. */
export async function openSurvey(
  db: Database,
  secretary: Secretariat,
  surveyId: string,
  now: Date = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const survey = await lockSurvey(tx, surveyId);
    if (survey.state === "closed") throw new DomainError("survey_closed");
    if (survey.state === "open") throw new DomainError("conflict");
    if (survey.questions.length === 0) {
      throw new DomainError("invalid_input", { questions: "required" });
    }
    // Opened after its closing date, the scheduler would close it at once.
    if (survey.closesAt <= now) throw new DomainError("invalid_input", { closesAt: "too_small" });
    await openOne(tx, surveyId, secretary.id, now);
  });
}

/** Closes an open survey now, before its closing date. */
export async function closeSurvey(
  db: Database,
  secretary: Secretariat,
  surveyId: string,
  now: Date = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const survey = await lockSurvey(tx, surveyId);
    if (survey.state === "closed") throw new DomainError("survey_closed");
    if (survey.state === "draft") throw new DomainError("conflict");
    await closeOne(tx, surveyId, secretary.id, now);
  });
}

/**
 * The scheduler's part: opens drafts whose opening date has come (and whose closing date has
 * not: a draft left past both stays a draft for the secretariat to copy) and closes open surveys
 * whose closing date has passed. Each survey moves in its own transaction through an update that
 * names the state it expects, so running it twice, or on two servers at once, moves each once.
 */
export async function moveDueSurveys(
  db: Database,
  now: Date = new Date(),
): Promise<{ opened: number; closed: number }> {
  const toOpen = await db
    .select({ id: surveys.id })
    .from(surveys)
    .where(
      and(
        eq(surveys.state, "draft"),
        lte(surveys.opensAt, now),
        gt(surveys.closesAt, now),
        sql`jsonb_array_length(${surveys.questions}) > 0`,
      ),
    );
  const toClose = await db
    .select({ id: surveys.id })
    .from(surveys)
    .where(and(eq(surveys.state, "open"), lte(surveys.closesAt, now)));
  let opened = 0;
  let closed = 0;
  for (const { id } of toOpen) {
    if (await db.transaction((tx) => openOne(tx, id, null, now))) opened += 1;
  }
  for (const { id } of toClose) {
    if (await db.transaction((tx) => closeOne(tx, id, null, now))) closed += 1;
  }
  return { opened, closed };
}

/** Makes the results public before the survey closes (they are public once it closes anyway). */
export async function publishResults(
  db: Database,
  secretary: Secretariat,
  surveyId: string,
  now: Date = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const survey = await lockSurvey(tx, surveyId);
    if (survey.state === "draft") throw new DomainError("conflict");
    if (survey.resultsPublishedAt) return;
    await tx.update(surveys).set({ resultsPublishedAt: now }).where(eq(surveys.id, surveyId));
    await recordAudit(tx, {
      actorId: secretary.id,
      action: "reviews.results_published",
      subjectType: "survey",
      subjectId: String(survey.number),
      details: { title: survey.title },
      at: now,
    });
  });
}

/**
 * Marks one response's free text for a question (a text answer, or a choice's "other" words)
 * publishable or not. Free text may name people or products, so none of it is public until the
 * secretariat has read it; the words themselves never go into the public log.
 */
export async function setTextPublishable(
  db: Database,
  _secretary: Secretariat,
  responseId: string,
  questionId: string,
  publishable: boolean,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ answers: surveyResponses.answers, questions: surveys.questions })
      .from(surveyResponses)
      .innerJoin(surveys, eq(surveys.id, surveyResponses.surveyId))
      .where(eq(surveyResponses.id, responseId))
      .for("update", { of: surveyResponses });
    if (!row) throw new DomainError("not_found");
    if (!hasFreeText(row.questions, row.answers, questionId)) {
      throw new DomainError("invalid_input", { questionId: "invalid" });
    }
    await tx
      .update(surveyResponses)
      .set({
        publishableText: publishable
          ? sql`array_append(array_remove(${surveyResponses.publishableText}, ${questionId}), ${questionId})`
          : sql`array_remove(${surveyResponses.publishableText}, ${questionId})`,
      })
      .where(eq(surveyResponses.id, responseId));
  });
}

/** Whether a response holds free text for a question: a text answer or an "other" entry. */
function hasFreeText(
  questions: readonly Question[],
  answers: Answers,
  questionId: string,
): boolean {
  const question = questions.find(({ id }) => id === questionId);
  const answer = Object.hasOwn(answers, questionId) ? answers[questionId] : undefined;
  if (!question || !answer) return false;
  switch (question.kind) {
    case "short_text":
    case "long_text":
      return answer.kind === "text" && answer.text.trim() !== "";
    case "single_choice":
    case "multiple_choice":
      return (
        question.allowOther &&
        (answer.kind === "choice" || answer.kind === "choices") &&
        (answer.other ?? "").trim() !== ""
      );
    default:
      return false;
  }
}
