import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { frameworkLabel } from "@/components/frameworks/mapping-list";
import { ReleaseStatus } from "@/components/releases/release-reader";
import { PageTitle } from "@/components/ui/page";
import { getDb } from "@/lib/db/client";
import { crosswalkCsvPath, releaseClausePath, releaseMappingPath, releasePath } from "@/lib/paths";
import { crosswalk } from "@/lib/releases/crosswalk";
import { getRelease } from "@/lib/releases/queries";

// Never kept by Next.js, like the release it belongs to.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string; version: string }> };

/** Read once per request: the page and its metadata both need the release. */
const loadRelease = cache((slug: string, version: string) => getRelease(getDb(), slug, version));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, version } = await params;
  const view = await loadRelease(slug, version);
  if (!view) return {};
  const t = await getTranslations("frameworks");
  return {
    title: t("crosswalkTitle", { name: view.content.standard.name, version: view.version }),
  };
}

/** Per framework, each provision a release's clauses map to, and the clauses that do. */
export default async function CrosswalkPage({ params }: Props) {
  const { slug, version } = await params;
  const view = await loadRelease(slug, version);
  if (!view) notFound();
  const [t, tReleases] = await Promise.all([
    getTranslations("frameworks"),
    getTranslations("releases"),
  ]);
  const walks = crosswalk(view.content);
  return (
    <>
      <ReleaseStatus view={view} slug={slug} />
      <p className="mb-2 text-sm">
        <Link href={releasePath(slug, view.version)}>
          {tReleases("backToRelease", { name: view.content.standard.name, version: view.version })}
        </Link>
      </p>
      <PageTitle
        title={t("crosswalkTitle", { name: view.content.standard.name, version: view.version })}
        lead={t("crosswalkLead")}
      />
      {walks.length === 0 ? <p className="text-muted">{t("crosswalkNone")}</p> : null}
      {walks.map(({ framework, rows }) => (
        <section key={framework.key} id={framework.key} className="mb-10 scroll-mt-4">
          <h2 className="mb-1 text-xl font-semibold">
            {framework.url ? (
              <a href={framework.url} rel="noopener noreferrer">
                {frameworkLabel(framework, framework.key)}
              </a>
            ) : (
              frameworkLabel(framework, framework.key)
            )}
          </h2>
          <p className="no-print mb-3 text-sm">
            <a href={crosswalkCsvPath(slug, view.version, framework.key)} download>
              {t("csv")}
            </a>
          </p>
          <table className="w-full border-collapse text-sm">
            <thead>
              <tr className="border-b border-line text-left">
                <th scope="col" className="py-2 pr-3">
                  {t("provision")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("relationshipLabel")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("clause")}
                </th>
                <th scope="col" className="py-2">
                  {t("rationale")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={`${row.provision} ${row.ref} ${row.relationship}`}
                  className="border-b border-line align-top"
                >
                  <td className="py-2 pr-3 font-mono">
                    <Link
                      href={releaseMappingPath(slug, view.version, {
                        framework: framework.key,
                        provision: row.provision,
                      })}
                    >
                      {row.provision}
                    </Link>
                  </td>
                  <td className="py-2 pr-3">{t(`relationships.${row.relationship}`)}</td>
                  <td className="py-2 pr-3">
                    <Link href={releaseClausePath(slug, view.version, row.ref)}>
                      <span className="font-mono">{row.ref}</span> {row.title}
                    </Link>
                  </td>
                  <td className="py-2 text-muted">{row.rationale}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
