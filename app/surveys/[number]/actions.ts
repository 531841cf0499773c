"use server";

import { cookies, headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { SurveyAnswerState } from "@/components/reviews/survey-form";
import { clientIpFrom } from "@/lib/auth/rules";
import { requireParticipant } from "@/lib/community/authz";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { getEnv, publicUrl } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { requireRepresentative } from "@/lib/registry/authz";
import { type SurveyFacts, surveyByNumber } from "@/lib/reviews/response-queries";
import {
  browserKeyOf,
  isBrowserId,
  newBrowserId,
  type Respondent,
  SURVEY_COOKIE,
  SURVEY_COOKIE_MAX_AGE_SECONDS,
  submitResponse,
} from "@/lib/reviews/responses";
import { answersFromForm } from "@/lib/reviews/survey-form";

const ATTEMPTED = "reviews.answer_survey";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The answer fields (`q.…`) and the organisation chosen, as sent. */
function answerFields(form: FormData): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const [name, value] of form) {
    if (typeof value !== "string" || !(name.startsWith("q.") || name === "organisation")) continue;
    values[name] ??= [];
    values[name].push(value);
  }
  return values;
}

/**
 * This browser's id for surveys: the cookie's, or a new one set now. Long-lived, HTTP-only and
 * sent to survey pages alone, so no other page carries it.
 */
async function browserId(): Promise<string> {
  const jar = await cookies();
  const known = jar.get(SURVEY_COOKIE)?.value;
  if (isBrowserId(known)) return known;
  const id = newBrowserId();
  jar.set(SURVEY_COOKIE, id, {
    httpOnly: true,
    secure: publicUrl().startsWith("https:"),
    sameSite: "lax",
    path: "/surveys",
    maxAge: SURVEY_COOKIE_MAX_AGE_SECONDS,
  });
  return id;
}

/** Who answers, as the survey's audience asks: a browser, a participant or an organisation. */
async function respondentFor(survey: SurveyFacts, form: FormData): Promise<Respondent> {
  switch (survey.audience) {
    case "anyone": {
      const requestHeaders = await headers();
      const ip = clientIpFrom(requestHeaders.get("x-forwarded-for"), getEnv().TRUSTED_PROXIES);
      return { kind: "browser", browserKey: browserKeyOf(await browserId()), ip };
    }
    case "participants":
      return { kind: "participant", participant: requireParticipant(await getViewer(), ATTEMPTED) };
    case "organisations": {
      const viewer = await getViewer();
      requireParticipant(viewer, ATTEMPTED);
      const organisationId = form.get("organisation");
      if (typeof organisationId !== "string" || !UUID.test(organisationId)) {
        throw new DomainError("not_in_audience");
      }
      try {
        const representative = await requireRepresentative(
          getDb(),
          viewer,
          organisationId,
          ATTEMPTED,
        );
        return { kind: "organisation", representative };
      } catch (error) {
        // Not one of its representatives: for this form, that is being outside the audience.
        if (error instanceof DomainError && error.code === "forbidden") {
          throw new DomainError("not_in_audience");
        }
        throw error;
      }
    }
  }
}

/** Answers a survey from its plain HTML form (components/reviews/survey-form.tsx). */
export async function answerSurvey(
  _previous: SurveyAnswerState | null,
  form: FormData,
): Promise<SurveyAnswerState> {
  const values = answerFields(form);
  try {
    const survey = await surveyByNumber(getDb(), Number(form.get("survey")));
    if (!survey || survey.state === "draft") throw new DomainError("not_found");
    const respondent = await respondentFor(survey, form);
    const raw = answersFromForm(survey.questions, form);
    await submitResponse(getDb(), { surveyNumber: survey.number, respondent, raw });
    return { ok: true };
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof DomainError) {
      return { ok: false, code: error.code, fieldErrors: error.fieldErrors, values };
    }
    console.error("action answerSurvey failed:", error);
    return { ok: false, code: "internal", fieldErrors: {}, values };
  }
}
