"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useActionState, useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ErrorCode, FieldErrors } from "@/lib/errors";
import { surveyAnswersPath } from "@/lib/paths";
import type { Question } from "@/lib/reviews/questions";
import { typedFields } from "@/lib/reviews/survey-form";
import { OTHER } from "@/lib/reviews/survey-schema";
import { SurveyQuestion } from "./survey-question";

/**
 * What answering tells the form. A refusal carries the form's own answer fields back, so a
 * browser without JavaScript, which receives a whole new page, shows the answers as they were
 * typed: nothing is lost to an error. They go back only to the browser that sent them.
 */
export type SurveyAnswerState =
  | { ok: true }
  | { ok: false; code: ErrorCode; fieldErrors: FieldErrors; values: Record<string, string[]> };

export type SurveyAnswerAction = (
  previous: SurveyAnswerState | null,
  form: FormData,
) => Promise<SurveyAnswerState>;

/**
 * Sends the form's fields to the survey's answers endpoint (lib/reviews/answering.ts), which the
 * front answers without drawing a page: the quick way, for every browser that runs this script.
 */
async function postAnswers(surveyNumber: number, form: FormData): Promise<SurveyAnswerState> {
  const values = typedFields(form);
  const fields = new URLSearchParams();
  for (const [name, value] of form) if (typeof value === "string") fields.append(name, value);
  try {
    const response = await fetch(surveyAnswersPath(surveyNumber), {
      method: "POST",
      body: fields,
      headers: { Accept: "application/json" },
    });
    const reply = (await response.json()) as
      | { ok: true }
      | { ok: false; code: ErrorCode; fieldErrors?: FieldErrors };
    return reply.ok
      ? { ok: true }
      : { ok: false, code: reply.code, fieldErrors: reply.fieldErrors ?? {}, values };
  } catch {
    return { ok: false, code: "internal", fieldErrors: {}, values };
  }
}

/** "Answer this only if you answered “X” to question N", or null for an unconditional one. */
function conditionNote(
  questions: readonly Question[],
  question: Question,
  words: { other: string; note: (answer: string, number: number) => string },
): string | null {
  const condition = question.showIf;
  if (!condition) return null;
  const index = questions.findIndex(({ id }) => id === condition.questionId);
  const earlier = questions[index];
  if (!earlier) return null;
  let answer = condition.equals;
  if (earlier.kind === "single_choice" || earlier.kind === "multiple_choice") {
    answer =
      condition.equals === OTHER
        ? words.other
        : (earlier.options.find(({ key }) => key === condition.equals)?.label ?? answer);
  }
  return words.note(answer, index + 1);
}

/**
 * A survey's answering form: every question, all shown (without JavaScript a condition cannot
 * hide one, so each conditional question says when to answer it, and answers to questions that
 * do not apply are dropped by the server). With JavaScript the form is sent from `onSubmit`, so
 * what was typed stays in place when the server refuses it; without, the page that comes back
 * fills the fields from the refusal.
 */
export function SurveyForm({
  action,
  surveyNumber,
  questions,
  organisations,
}: {
  action: SurveyAnswerAction;
  surveyNumber: number;
  questions: Question[];
  /** For an organisations' survey: those the person may answer for. */
  organisations: { id: string; name: string; answered: boolean }[] | null;
}) {
  const t = useTranslations("surveyAnswers");
  const errorText = useTranslations("errors");
  const fieldText = useTranslations("fieldErrors");
  const [posted, formAction] = useActionState(action, null);
  const [sent, setSent] = useState<SurveyAnswerState | null>(null);
  const [pending, startTransition] = useTransition();
  const state = sent ?? posted;
  const summary = useRef<HTMLDivElement>(null);
  // A refusal is said above the questions, far from the button at their foot: the reader is
  // taken there, and a screen reader reads it.
  useEffect(() => {
    if (sent && !sent.ok) summary.current?.focus();
  }, [sent]);

  if (state?.ok) {
    return <Notice tone="success">{t("thanks")}</Notice>;
  }
  const failed = state && !state.ok ? state : null;
  const values = (name: string) => failed?.values[name] ?? [];
  const fieldError = (id: string) => {
    const code = failed?.fieldErrors[id];
    return code ? fieldText(code) : undefined;
  };
  const numbered = questions.map((question, index) => ({ question, number: index + 1 }));
  const wrong = numbered.filter(({ question }) => failed?.fieldErrors[question.id]);
  const words = {
    other: t("other"),
    note: (answer: string, number: number) => t("condition", { answer, number }),
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await postAnswers(surveyNumber, data);
      startTransition(() => setSent(result));
    });
  };

  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      aria-busy={pending || undefined}
      className="max-w-2xl"
    >
      {failed ? (
        <div className="mb-6" ref={summary} tabIndex={-1}>
          <Notice tone="error">
            <p>{errorText(failed.code)}</p>
            {wrong.length > 0 ? (
              <>
                <p className="mt-2">{t("errorSummary")}</p>
                <ul className="mt-1 list-disc pl-5">
                  {wrong.map(({ question, number }) => (
                    <li key={question.id}>
                      <a href={`#question-${question.id}`} className="underline">
                        {t("questionNumber", { number })}: {fieldError(question.id)}
                      </a>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </Notice>
        </div>
      ) : null}
      <input type="hidden" name="survey" value={surveyNumber} />
      {organisations ? (
        <p className="mb-8">
          <label htmlFor="organisation" className="block font-medium">
            {t("organisation")}
          </label>
          <select
            id="organisation"
            name="organisation"
            defaultValue={values("organisation")[0] ?? organisations.find((o) => !o.answered)?.id}
            className="mt-1 rounded-md border border-line bg-white px-3 py-2 text-base"
          >
            {organisations.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.answered
                  ? t("organisationAnswered", { name: organisation.name })
                  : organisation.name}
              </option>
            ))}
          </select>
        </p>
      ) : null}
      <p className="mb-6 text-sm text-muted">{t("requiredNote")}</p>
      {numbered.map(({ question, number }) => (
        <SurveyQuestion
          key={question.id}
          question={question}
          number={number}
          note={conditionNote(questions, question, words)}
          error={fieldError(question.id)}
          sent={values}
        />
      ))}
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? t("sending") : t("submit")}
      </Button>
    </form>
  );
}
