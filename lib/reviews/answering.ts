import "server-only";
import type { Database } from "@/lib/db/client";
import { groupCommit } from "@/lib/db/group-commit";
import type { ErrorCode, FieldErrors } from "@/lib/errors";
import type { AnswerWriter } from "@/lib/http/front-answers";
import { cookieValue } from "@/lib/locale";
import { RateLimitedError } from "@/lib/rate-limit";
import {
  browserKeyOf,
  isBrowserId,
  newBrowserId,
  type ResponseInput,
  type ResponseOutcome,
  SURVEY_COOKIE,
  SURVEY_COOKIE_MAX_AGE_SECONDS,
  submitResponses,
} from "@/lib/reviews/responses";
import { answersFromForm } from "@/lib/reviews/survey-form";

/*
 * Answering a survey over HTTP, as the answering form does with JavaScript: the form's fields are
 * posted to /surveys/{n}/answers and the answer is JSON, `{ ok: true }` or the refusal's code
 * and field errors (see `statusOf`). Anonymous answers are taken by the front itself (lib/http/front.ts), without
 * Next.js, and written together (group commit): a survey link shared with hundreds of buyers
 * brings their answers at once. Signed-in people's reach Next.js (app/surveys/[number]/answers),
 * which answers the same way.
 */

/** What the answering endpoint says, as JSON. */
export type AnswerReply =
  | { ok: true }
  | { ok: false; code: ErrorCode; fieldErrors: FieldErrors; retryAfterSeconds?: number };

/**
 * The HTTP status of a refusal. A refusal by the survey's rules (answered already, a field
 * wrong, closed, outside its audience) is the form's answer, as an action's would be: 200, with
 * `ok: false`. Only what is not about the answer has a status of its own.
 */
const statusOf: Partial<Record<ErrorCode, number>> = {
  forbidden: 403,
  unauthenticated: 401,
  not_found: 404,
  rate_limited: 429,
  internal: 500,
};

/** An outcome as the endpoint answers it: a status, its headers and the JSON reply. */
export function replyTo(outcome: ResponseOutcome): {
  status: number;
  headers: Record<string, string>;
  reply: AnswerReply;
} {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (outcome.ok) return { status: 200, headers, reply: { ok: true } };
  const { error } = outcome;
  if (error instanceof RateLimitedError) headers["Retry-After"] = String(error.retryAfterSeconds);
  return {
    status: statusOf[error.code] ?? 200,
    headers,
    reply: {
      ok: false,
      code: error.code,
      fieldErrors: error.fieldErrors,
      ...(error instanceof RateLimitedError ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    },
  };
}

/** How the survey cookie is set: long-lived, HTTP-only, sent to survey pages alone. */
export function surveyCookieOptions(secure: boolean) {
  return {
    httpOnly: true,
    secure,
    sameSite: "lax" as const,
    path: "/surveys",
    maxAge: SURVEY_COOKIE_MAX_AGE_SECONDS,
  };
}

/** The Set-Cookie header for a browser's new survey id. */
function surveyCookieHeader(id: string, secure: boolean): string {
  const options = surveyCookieOptions(secure);
  return [
    `${SURVEY_COOKIE}=${id}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAge}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

/** Writes responses together: one transaction for all that arrived while the last was written. */
export function responseDesk(
  db: Database,
  clock: () => Date = () => new Date(),
): (input: ResponseInput) => Promise<ResponseOutcome> {
  return groupCommit((inputs: ResponseInput[]) => submitResponses(db, inputs, clock()));
}

/**
 * Takes anonymous answers for the front: each from a browser known by its survey cookie (a new
 * one is given when it has none, or one that is not a cookie Hum made).
 */
export function anonymousAnswering(
  db: Database,
  clock: () => Date = () => new Date(),
): AnswerWriter {
  const submit = responseDesk(db, clock);
  return async ({ surveyNumber, form, cookie, ip, secure }) => {
    const sent = cookieValue(cookie, SURVEY_COOKIE);
    const known = isBrowserId(sent) ? sent : undefined;
    const id = known ?? newBrowserId();
    const outcome = await submit({
      surveyNumber,
      respondent: { kind: "browser", browserKey: browserKeyOf(id), ip },
      fromForm: (questions) => answersFromForm(questions, form),
    });
    const { status, headers, reply } = replyTo(outcome);
    headers["Content-Type"] = "application/json; charset=utf-8";
    if (!known) headers["Set-Cookie"] = surveyCookieHeader(id, secure);
    return { status, headers, body: JSON.stringify(reply) };
  };
}
