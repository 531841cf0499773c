import { getDb } from "@/lib/db/client";
import { malformedAddress } from "@/lib/http/params";
import { surveyJson } from "@/lib/reviews/export";
import { publicResponses } from "@/lib/reviews/response-queries";

type Context = { params: Promise<{ number: string }> };

/**
 * /surveys/{number}/results.json: the questions, the results and the responses, once the results
 * are public (not found before). Free text appears only where marked publishable.
 */
export async function GET(_request: Request, { params }: Context) {
  const segment = (await params).number;
  const found = /^[1-9]\d{0,8}$/.test(segment)
    ? await publicResponses(getDb(), Number(segment))
    : null;
  if (!found) return malformedAddress();
  const { survey, responses } = found;
  const body = {
    survey: { number: survey.number, title: survey.title },
    ...surveyJson(survey.questions, responses, { includeText: "publishable" }),
  };
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="survey-${survey.number}-results.json"`,
      "Cache-Control": "no-cache",
    },
  });
}
