import { getDb } from "@/lib/db/client";
import { malformedAddress } from "@/lib/http/params";
import { surveyCsv } from "@/lib/reviews/export";
import { publicResponses } from "@/lib/reviews/response-queries";

type Context = { params: Promise<{ number: string }> };

/**
 * /surveys/{number}/results.csv: one row per response, once the results are public (not found
 * before, as the results page says). Free text appears only where marked publishable.
 */
export async function GET(_request: Request, { params }: Context) {
  const segment = (await params).number;
  const found = /^[1-9]\d{0,8}$/.test(segment)
    ? await publicResponses(getDb(), Number(segment))
    : null;
  if (!found) return malformedAddress();
  const { survey, responses } = found;
  const body = surveyCsv(survey.questions, responses, { includeText: "publishable" });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="survey-${survey.number}-results.csv"`,
      // A secretary may still publish an answer's text: never kept stale.
      "Cache-Control": "no-cache",
    },
  });
}
