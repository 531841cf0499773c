"use server";

import type { SurveyAnswerState } from "@/components/reviews/survey-form";
import { getDb } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { surveyByNumber } from "@/lib/reviews/response-queries";
import { answersFromForm, typedFields } from "@/lib/reviews/survey-form";
import { respondentFor, submitTogether } from "./respondent";

/**
 * Answers a survey from its plain HTML form without JavaScript (components/reviews/survey-form.tsx;
 * with JavaScript the form posts to the answers endpoint instead). The page comes back with the
 * outcome, and after a refusal with the answers as they were typed.
 */
export async function answerSurvey(
  _previous: SurveyAnswerState | null,
  form: FormData,
): Promise<SurveyAnswerState> {
  const values = typedFields(form);
  try {
    const survey = await surveyByNumber(getDb(), Number(form.get("survey")));
    if (!survey || survey.state === "draft") throw new DomainError("not_found");
    const respondent = await respondentFor(survey, form);
    const outcome = await submitTogether({
      surveyNumber: survey.number,
      respondent,
      fromForm: (questions) => answersFromForm(questions, form),
    });
    if (!outcome.ok) throw outcome.error;
    return { ok: true };
  } catch (error) {
    if (error instanceof DomainError) {
      return { ok: false, code: error.code, fieldErrors: error.fieldErrors, values };
    }
    console.error("action answerSurvey failed:", error);
    return { ok: false, code: "internal", fieldErrors: {}, values };
  }
}
