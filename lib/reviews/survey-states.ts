import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNotNull, lte, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import { recordAudit } from "@/lib/audit/mutations";
import type { Secretariat } from "@/lib/community/authz";
import type { Database, Transaction } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import type { Answers, Question } from "@/lib/reviews/questions";
import { surveyResponses, surveys } from "@/lib/reviews/schema";

/*
 * A survey's life after it is defined: opened and closed by the secretariat or at its dates
 * (`moveDueSurveys`, run by the scheduler), its results published, and its free text marked
 * publishable answer by answer. Re-exported by lib/reviews/surveys.ts.
 */

/** The survey's row, locked until the transaction ends; not found is a refusal. */
export async function lockSurvey(tx: Transaction, surveyId: string) {
  const [row] = await tx.select().from(surveys).where(eq(surveys.id, surveyId)).for("update");
  if (!row) throw new DomainError("not_found");
  return row;
}

type SurveyRow = typeof surveys.$inferSelect;

/**
 * One step of a survey's life. Its update names the state the step starts from, so of two
 * servers (or the scheduler and the secretariat) taking the same step at once one does it.
 */
interface SurveyStep {
  from: "draft" | "open";
  set: (now: Date) => PgUpdateSetSource<typeof surveys>;
  action: "reviews.survey_opened" | "reviews.survey_closed";
  /** What must hold before the secretariat takes the step by hand; throws when it does not. */
  checkByHand?: (survey: SurveyRow, now: Date) => void;
  /** Further writes in the same transaction, once the survey has moved. */
  afterwards?: (tx: Transaction, surveyId: string) => Promise<void>;
}

/** Opens a draft, with a fresh salt for the hashed addresses of its anonymous respondents. */
const opening: SurveyStep = {
  from: "draft",
  set: (now) => ({
    state: "open",
    openedAt: now,
    // Opened by hand before its day, it takes answers from now on.
    opensAt: sql`least(${surveys.opensAt}, ${now})`,
    ipSalt: randomBytes(32).toString("base64url"),
  }),
  action: "reviews.survey_opened",
  checkByHand: (survey, now) => {
    if (survey.questions.length === 0) {
      throw new DomainError("invalid_input", { questions: "required" });
    }
    // Opened after its closing date, the scheduler would close it at once.
    if (survey.closesAt <= now) throw new DomainError("invalid_input", { closesAt: "too_small" });
  },
};

/**
 * Closes an open survey. The addresses' hashes were kept only to check abuse while it was open,
 * so they go with the salt, in the same transaction as the closing.
 */
const closing: SurveyStep = {
  from: "open",
  set: (now) => ({ state: "closed", closedAt: now, ipSalt: null }),
  action: "reviews.survey_closed",
  afterwards: async (tx, surveyId) => {
    await tx
      .update(surveyResponses)
      .set({ ipHash: null })
      .where(and(eq(surveyResponses.surveyId, surveyId), isNotNull(surveyResponses.ipHash)));
  },
};

/** Takes a step if the survey is still in the state it starts from; false when it was not. */
async function takeStep(
  tx: Transaction,
  step: SurveyStep,
  surveyId: string,
  actorId: string | null,
  now: Date,
): Promise<boolean> {
  const [moved] = await tx
    .update(surveys)
    .set(step.set(now))
    .where(and(eq(surveys.id, surveyId), eq(surveys.state, step.from)))
    .returning({ number: surveys.number, title: surveys.title });
  if (!moved) return false;
  await step.afterwards?.(tx, surveyId);
  await recordAudit(tx, {
    actorId,
    action: step.action,
    subjectType: "survey",
    subjectId: String(moved.number),
    details: { title: moved.title },
    at: now,
  });
  return true;
}

/**
 * The secretariat takes a step now, whatever the survey's dates said. The survey is locked first
 * so that a refusal tells why: a closed survey stays closed, any other wrong state is a conflict.
 */
async function takeStepByHand(
  db: Database,
  secretary: Secretariat,
  step: SurveyStep,
  surveyId: string,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const survey = await lockSurvey(tx, surveyId);
    if (survey.state === "closed") throw new DomainError("survey_closed");
    if (survey.state !== step.from) throw new DomainError("conflict");
    step.checkByHand?.(survey, now);
    await takeStep(tx, step, surveyId, secretary.id, now);
  });
}

/** Opens a draft now, whatever its opening date said; one with no questions cannot open. */
export async function openSurvey(
  db: Database,
  secretary: Secretariat,
  surveyId: string,
  now: Date = new Date(),
): Promise<void> {
  await takeStepByHand(db, secretary, opening, surveyId, now);
}

/** Closes an open survey now, before its closing date. */
export async function closeSurvey(
  db: Database,
  secretary: Secretariat,
  surveyId: string,
  now: Date = new Date(),
): Promise<void> {
  await takeStepByHand(db, secretary, closing, surveyId, now);
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
    if (await db.transaction((tx) => takeStep(tx, opening, id, null, now))) opened += 1;
  }
  for (const { id } of toClose) {
    if (await db.transaction((tx) => takeStep(tx, closing, id, null, now))) closed += 1;
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
