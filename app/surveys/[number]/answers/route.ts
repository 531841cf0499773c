import { unstable_rethrow } from "next/navigation";
import { getDb } from "@/lib/db/client";
import { publicUrl } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { answerFields, FORM_TYPE, MAX_ANSWER_BYTES } from "@/lib/http/front-answers";
import { replyTo } from "@/lib/reviews/answering";
import { surveyByNumber } from "@/lib/reviews/response-queries";
import type { ResponseOutcome } from "@/lib/reviews/responses";
import { answersFromForm } from "@/lib/reviews/survey-form";
import { respondentFor, submitTogether } from "../respondent";

type Context = { params: Promise<{ number: string }> };

/** An outcome as JSON, with the status and headers the front would give it. */
const answer = (outcome: ResponseOutcome) => {
  const { status, headers, reply } = replyTo(outcome);
  return Response.json(reply, { status, headers });
};

const refused = (error: DomainError) => answer({ ok: false, error });

/**
 * The answering form's fields, posted by its script; JSON back (lib/reviews/answering.ts). The
 * front takes anonymous answers itself, so this is mostly signed-in people's, and everyone's in
 * development.
 */
export async function POST(request: Request, { params }: Context): Promise<Response> {
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== new URL(publicUrl()).origin) {
    return refused(new DomainError("forbidden"));
  }
  const segment = (await params).number;
  // Read as the front reads it: urlencoded, bounded in bytes and fields.
  const length = Number(request.headers.get("content-length"));
  if (
    !request.headers.get("content-type")?.startsWith(FORM_TYPE) ||
    !Number.isSafeInteger(length) ||
    length > MAX_ANSWER_BYTES
  ) {
    return refused(new DomainError("invalid_input"));
  }
  let form: URLSearchParams | null;
  try {
    form = answerFields(await request.text());
  } catch {
    return refused(new DomainError("invalid_input"));
  }
  if (!form) return refused(new DomainError("invalid_input"));
  try {
    const survey = /^[1-9]\d{0,8}$/.test(segment)
      ? await surveyByNumber(getDb(), Number(segment))
      : null;
    if (!survey || survey.state === "draft") throw new DomainError("not_found");
    const respondent = await respondentFor(survey, form);
    return answer(
      await submitTogether({
        surveyNumber: survey.number,
        respondent,
        fromForm: (questions) => answersFromForm(questions, form),
      }),
    );
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof DomainError) return refused(error);
    console.error("survey answers failed:", error);
    return refused(new DomainError("internal"));
  }
}
