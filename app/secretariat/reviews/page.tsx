import type { Metadata } from "next";
import Link from "next/link";
import { forbidden, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OpenReviewForm } from "@/components/reviews/review-forms";
import { PageTitle, Section } from "@/components/ui/page";
import { requireSecretariat } from "@/lib/community/authz";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { listStandards } from "@/lib/drafting/queries";
import { DomainError } from "@/lib/errors";
import { reviewPath, secretariatReviewsPath, signInPath } from "@/lib/paths";
import { listReviews } from "@/lib/reviews/review-queries";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reviews"))("secretariatTitle") };
}

/** Where the secretariat opens reviews, and finds every review of every standard. */
export default async function SecretariatReviewsPage() {
  const db = getDb();
  const viewer = await getViewer();
  try {
    await requireSecretariat(db, viewer, "page.secretariat");
  } catch (error) {
    if (error instanceof DomainError && error.code === "unauthenticated")
      redirect(signInPath(secretariatReviewsPath()));
    forbidden();
  }
  const t = await getTranslations("reviews");
  const { featured, others } = await listStandards(db);
  const standards = [...(featured ? [featured] : []), ...others];
  const reviewsOf = await Promise.all(
    standards.map(async (standard) => ({ standard, reviews: await listReviews(db, standard.id) })),
  );
  const any = reviewsOf.some((entry) => entry.reviews.length > 0);
  return (
    <>
      <PageTitle title={t("secretariatTitle")} lead={t("secretariatLead")} />
      <Section title={t("openTitle")}>
        <OpenReviewForm
          standards={standards.map((standard) => ({ id: standard.id, name: standard.name }))}
          today={new Date().toISOString().slice(0, 10)}
        />
      </Section>
      <Section title={t("allTitle")}>
        {any ? null : <p className="text-muted">{t("noneAnywhere")}</p>}
        {reviewsOf
          .filter((entry) => entry.reviews.length > 0)
          .map(({ standard, reviews }) => (
            <div key={standard.id} className="mb-6">
              <h3 className="mb-2 font-semibold">{standard.name}</h3>
              <ul className="space-y-1">
                {reviews.map((review) => (
                  <li key={review.id}>
                    <Link href={reviewPath(standard.slug, review.number)}>
                      {t("reviewTitle", { number: review.number, title: review.title })}
                    </Link>{" "}
                    <span className="text-sm text-muted">({t(`states.${review.state}`)})</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
      </Section>
    </>
  );
}
