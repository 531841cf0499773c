import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/page";
import { getDb } from "@/lib/db/client";
import { getStandardAxes } from "@/lib/drafting/queries";
import { reviewPath, standardPath } from "@/lib/paths";
import { listReviews } from "@/lib/reviews/review-queries";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const standard = await getStandardAxes(getDb(), slug);
  if (!standard) return {};
  return { title: (await getTranslations("reviews"))("title", { standard: standard.name }) };
}

/** A standard's reviews of its mark, newest first, with where each stands. */
export default async function ReviewsPage({ params }: Props) {
  const { slug } = await params;
  const db = getDb();
  const standard = await getStandardAxes(db, slug);
  if (!standard) notFound();
  const [t, format, reviews] = await Promise.all([
    getTranslations("reviews"),
    getFormatter(),
    listReviews(db, standard.id),
  ]);
  const day = (at: Date) => format.dateTime(at, { dateStyle: "medium", timeZone: "UTC" });
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={standardPath(slug)}>{standard.name}</Link>
      </p>
      <PageTitle title={t("title", { standard: standard.name })} lead={t("lead")} />
      {reviews.length === 0 ? (
        <p className="text-muted">{t("none")}</p>
      ) : (
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">{t("listCaption", { standard: standard.name })}</caption>
          <thead>
            <tr className="border-b border-line text-left">
              <th scope="col" className="py-2 pr-4">
                {t("number")}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t("reviewColumn")}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t("period")}
              </th>
              <th scope="col" className="py-2">
                {t("state")}
              </th>
            </tr>
          </thead>
          <tbody>
            {reviews.map((review) => (
              <tr key={review.id} className="border-b border-line">
                <td className="py-2 pr-4 tabular-nums">{review.number}</td>
                <th scope="row" className="py-2 pr-4 text-left font-normal">
                  <Link href={reviewPath(slug, review.number)}>{review.title}</Link>
                </th>
                <td className="py-2 pr-4">
                  {t("periodRange", {
                    start: day(review.periodStart),
                    end: day(review.periodEnd),
                  })}
                </td>
                <td className="py-2">{t(`states.${review.state}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
