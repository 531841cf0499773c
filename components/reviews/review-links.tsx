import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Executor } from "@/lib/db/client";
import { reviewPath, reviewsPath } from "@/lib/paths";
import { latestConcludedReview } from "@/lib/reviews/review-queries";

/** On a standard's page: its reviews, and the conclusions the community adopted last. */
export async function ReviewLinks({
  db,
  standardId,
  slug,
}: {
  db: Executor;
  standardId: string;
  slug: string;
}) {
  const [t, latest] = await Promise.all([
    getTranslations("reviews"),
    latestConcludedReview(db, standardId),
  ]);
  return (
    <p className="no-print mt-8 border-t border-line pt-4 text-sm">
      <Link href={reviewsPath(slug)}>{t("standardLinks")}</Link>
      {latest ? (
        <>
          {" · "}
          <Link href={`${reviewPath(slug, latest.number)}#conclusions`}>
            {t("latestConclusions", { number: latest.number, title: latest.title })}
          </Link>
        </>
      ) : null}
    </p>
  );
}
