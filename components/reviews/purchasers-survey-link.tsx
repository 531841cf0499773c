import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { surveyPath } from "@/lib/paths";
import { purchasersSurvey } from "@/lib/reviews/response-queries";

/**
 * On a registry listing, the way for its buyers to the survey of purchasers that a review of the
 * listing's standard is running now; nothing when none is open.
 */
export async function PurchasersSurveyLink({ standardSlug }: { standardSlug: string }) {
  const survey = await purchasersSurvey(getDb(), standardSlug);
  if (!survey) return null;
  const t = await getTranslations("surveyAnswers.listing");
  return (
    <aside
      aria-labelledby="purchasers-survey"
      className="mb-8 max-w-2xl rounded-md border border-line px-4 py-3"
    >
      <h2 id="purchasers-survey" className="font-medium">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm">{t("lead")}</p>
      <p className="mt-2">
        <Link href={surveyPath(survey.number)} className="font-medium underline">
          {t("link")}
        </Link>
      </p>
    </aside>
  );
}
