"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { type Participant, requireSecretariat } from "@/lib/community/authz";
import { getDb } from "@/lib/db/client";
import { DomainError, type FieldErrors, fieldError } from "@/lib/errors";
import { manageSurveyPath } from "@/lib/paths";
import {
  fieldOfPath,
  moved,
  nextQuestionId,
  questionFromFields,
} from "@/lib/reviews/question-input";
import { questionKinds } from "@/lib/reviews/questions";
import { surveyById } from "@/lib/reviews/survey-queries";
import {
  closeSurvey,
  copySurvey,
  createSurvey,
  openSurvey,
  publishResults,
  SURVEY_ATTEMPT,
  setTextPublishable,
  surveyAudiences,
  updateSurveyQuestions,
} from "@/lib/reviews/surveys";
import { uuid } from "@/lib/validation";

// Every survey mutation takes the secretariat's proof, minted here from the signed-in person.
const secretaryOf = (participant: Participant) =>
  requireSecretariat(getDb(), participant, SURVEY_ATTEMPT);

const DAY = 86_400_000;
const day = z
  .string(fieldError("required"))
  .regex(/^\d{4}-\d{2}-\d{2}$/, fieldError("invalid_date"))
  .transform((value) => new Date(`${value}T00:00:00Z`))
  .refine((value) => !Number.isNaN(value.getTime()), fieldError("invalid_date"));
const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on");
const text = z.string().optional().default("");

export const createSurveyAction = defineAction({
  name: "createSurvey",
  schema: z.object({
    reviewId: uuid,
    title: z.string(fieldError("required")),
    intro: text,
    audience: z.enum(surveyAudiences, fieldError("required")),
    opensAt: day,
    closesAt: day,
  }),
  run: async ({ reviewId, opensAt, closesAt, ...details }, participant) => {
    const secretary = await secretaryOf(participant);
    // Dates are whole UTC days: open from the start of the first, closed at the end of the last.
    const closesAtEnd = new Date(closesAt.getTime() + DAY);
    return createSurvey(getDb(), secretary, reviewId, {
      ...details,
      questions: [],
      opensAt,
      closesAt: closesAtEnd,
    });
  },
  done: ({ number }) => ({ key: "surveys.notices.created", params: { number } }),
  redirectTo: ({ number }) => manageSurveyPath(number),
});

const surveyId = z.object({ surveyId: uuid });

export const addQuestionAction = defineAction({
  name: "addSurveyQuestion",
  schema: z.object({
    surveyId: uuid,
    kind: z.enum(questionKinds, fieldError("required")),
    prompt: text,
    help: text,
    required: checkbox,
    options: text,
    allowOther: checkbox,
    lowLabel: text,
    highLabel: text,
    conditionQuestion: text,
    conditionValue: text,
  }),
  run: async ({ surveyId, ...fields }, participant) => {
    const secretary = await secretaryOf(participant);
    const db = getDb();
    const survey = await surveyById(db, surveyId);
    if (!survey) throw new DomainError("not_found");
    const existing = survey.questions;
    const question = questionFromFields(fields, nextQuestionId(existing.map(({ id }) => id)));
    try {
      await updateSurveyQuestions(db, secretary, surveyId, [...existing, question]);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== "invalid_input") throw error;
      // The new question is the last: its problems go beside the editor's fields.
      const prefix = `questions.${existing.length}.`;
      const fieldErrors: FieldErrors = {};
      for (const [path, code] of Object.entries(error.fieldErrors)) {
        const field = path.startsWith(prefix) ? fieldOfPath(path.slice(prefix.length)) : "form";
        fieldErrors[field] ??= code;
      }
      throw new DomainError("invalid_input", fieldErrors);
    }
  },
  done: { key: "surveys.notices.questionAdded" },
});

export const removeQuestionAction = defineAction({
  name: "removeSurveyQuestion",
  schema: z.object({ surveyId: uuid, questionId: z.string(fieldError("required")) }),
  run: async ({ surveyId, questionId }, participant) => {
    const secretary = await secretaryOf(participant);
    const db = getDb();
    const survey = await surveyById(db, surveyId);
    if (!survey) throw new DomainError("not_found");
    const rest = survey.questions.filter(({ id }) => id !== questionId);
    await updateSurveyQuestions(db, secretary, surveyId, rest);
  },
  done: { key: "surveys.notices.questionRemoved" },
});

export const moveQuestionAction = defineAction({
  name: "moveSurveyQuestion",
  schema: z.object({
    surveyId: uuid,
    questionId: z.string(fieldError("required")),
    direction: z.enum(["up", "down"], fieldError("required")),
  }),
  run: async ({ surveyId, questionId, direction }, participant) => {
    const secretary = await secretaryOf(participant);
    const db = getDb();
    const survey = await surveyById(db, surveyId);
    if (!survey) throw new DomainError("not_found");
    const index = survey.questions.findIndex(({ id }) => id === questionId);
    // A condition must name an earlier question: a move that breaks one is refused.
    await updateSurveyQuestions(db, secretary, surveyId, moved(survey.questions, index, direction));
  },
  done: { key: "surveys.notices.questionMoved" },
});

export const copySurveyAction = defineAction({
  name: "copySurvey",
  schema: surveyId,
  run: async ({ surveyId }, participant) =>
    copySurvey(getDb(), await secretaryOf(participant), surveyId),
  done: ({ number }) => ({ key: "surveys.notices.copied", params: { number } }),
  redirectTo: ({ number }) => manageSurveyPath(number),
});

export const openSurveyAction = defineAction({
  name: "openSurvey",
  schema: surveyId,
  run: async ({ surveyId }, participant) =>
    openSurvey(getDb(), await secretaryOf(participant), surveyId),
  done: { key: "surveys.notices.opened" },
});

export const closeSurveyAction = defineAction({
  name: "closeSurvey",
  schema: surveyId,
  run: async ({ surveyId }, participant) =>
    closeSurvey(getDb(), await secretaryOf(participant), surveyId),
  done: { key: "surveys.notices.closed" },
});

export const publishResultsAction = defineAction({
  name: "publishSurveyResults",
  schema: surveyId,
  run: async ({ surveyId }, participant) =>
    publishResults(getDb(), await secretaryOf(participant), surveyId),
  done: { key: "surveys.notices.published" },
});

export const setTextPublishableAction = defineAction({
  name: "setSurveyTextPublishable",
  schema: z.object({
    responseId: uuid,
    questionId: z.string(fieldError("required")),
    publishable: z.enum(["true", "false"], fieldError("required")),
  }),
  run: async ({ responseId, questionId, publishable }, participant) =>
    setTextPublishable(
      getDb(),
      await secretaryOf(participant),
      responseId,
      questionId,
      publishable === "true",
    ),
  done: (_data, { publishable }) => ({
    key: publishable === "true" ? "surveys.notices.textShown" : "surveys.notices.textHeld",
  }),
});
