import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { ReleaseClauseView } from "@/components/releases/release-clause";
import { ReleaseStatus } from "@/components/releases/release-reader";
import { releaseTermLinks } from "@/components/releases/release-section";
import { getDb } from "@/lib/db/client";
import { releasePath } from "@/lib/paths";
import { getRelease } from "@/lib/releases/queries";

// Never kept by Next.js: lib/http/front.ts keeps the copy anonymous readers get, and forgets it
// when a release is published or withdrawn.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string; version: string; ref: string }> };

/** Read once per request: the page and its metadata both need the release. */
const load = cache(async (slug: string, version: string, ref: string) => {
  const view = await getRelease(getDb(), slug, version);
  const clause = view?.content.clauses.find((entry) => entry.ref === ref);
  return view && clause ? { view, clause } : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, version, ref } = await params;
  const found = await load(slug, version, ref);
  if (!found) return {};
  const t = await getTranslations("releases");
  const title = `${found.clause.ref} ${found.clause.title} · ${t("releaseTitle", {
    name: found.view.content.standard.name,
    version: found.view.version,
  })}`;
  return { title, openGraph: { title, type: "article" } };
}

/** One clause of one release: the address to cite. */
export default async function ReleaseClausePage({ params }: Props) {
  const { slug, version, ref } = await params;
  const found = await load(slug, version, ref);
  if (!found) notFound();
  const { view, clause } = found;
  const t = await getTranslations("releases");
  return (
    <>
      <ReleaseStatus view={view} slug={slug} />
      <p className="mb-4 text-sm">
        <Link href={`${releasePath(slug, view.version)}#${clause.ref}`}>
          {t("backToRelease", { name: view.content.standard.name, version: view.version })}
        </Link>
      </p>
      <ReleaseClauseView
        clause={clause}
        slug={slug}
        version={view.version}
        trace={view.trace[clause.ref]}
        headingLevel={1}
        terms={releaseTermLinks(
          view.content,
          (term) => `${releasePath(slug, view.version)}#${term}`,
        )}
      />
    </>
  );
}
