import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { ReleaseReader } from "@/components/releases/release-reader";
import { ReviewLinks } from "@/components/reviews/review-links";
import { PageTitle } from "@/components/ui/page";
import { getDb } from "@/lib/db/client";
import { getStandardAxes } from "@/lib/drafting/queries";
import { draftPath, releasePath } from "@/lib/paths";
import { getRelease } from "@/lib/releases/queries";

// Never kept by Next.js: lib/http/front.ts keeps the copy anonymous readers get, and forgets it
// when a release is published or withdrawn.
export const dynamic = "force-dynamic";

/** Read once per request: the page and its metadata both need the latest release. */
const latestRelease = cache((slug: string) => getRelease(getDb(), slug, "latest"));

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ level?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const view = await latestRelease(slug);
  if (!view) return {};
  const t = await getTranslations("releases");
  const title = t("releaseTitle", { name: view.content.standard.name, version: view.version });
  return {
    title,
    description: view.content.standard.summary,
    alternates: { canonical: releasePath(slug, view.version) },
    openGraph: { title, description: view.content.standard.summary, type: "article" },
  };
}

/** The latest release: the address people share when they mean "the standard". */
export default async function StandardPage({ params, searchParams }: Props) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const db = getDb();
  const view = await latestRelease(slug);
  if (!view) {
    const standard = await getStandardAxes(db, slug);
    if (!standard) notFound();
    const t = await getTranslations("releases");
    return (
      <>
        <PageTitle title={standard.name} lead={t("noneLead")} />
        <p className="mb-2">{t("none")}</p>
        <Link href={draftPath(slug)}>{t("readDraft")}</Link>
      </>
    );
  }
  const level = typeof query.level === "string" ? query.level : null;
  return (
    <>
      <ReleaseReader view={view} slug={slug} level={level} />
      <ReviewLinks db={db} standardId={view.standardId} slug={slug} />
    </>
  );
}
