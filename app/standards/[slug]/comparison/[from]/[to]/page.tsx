import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { ClauseChanges } from "@/components/changes/clause-changes";
import { SectionChanges } from "@/components/changes/section-changes";
import { DiffViewLinks } from "@/components/changes/view-links";
import { PageTitle, Section } from "@/components/ui/page";
import { getDb } from "@/lib/db/client";
import { parseDiffView } from "@/lib/drafting/diff";
import { comparisonPath, releaseClausePath } from "@/lib/paths";
import { compareReleases } from "@/lib/releases/compare";
import type { ReleaseClause } from "@/lib/releases/content";
import { getRelease } from "@/lib/releases/queries";
import { compareSections } from "@/lib/releases/section-diff";

// Never kept by Next.js: lib/http/front.ts keeps the copy anonymous readers get, and forgets it
// when a release is published or withdrawn.
export const dynamic = "force-dynamic";

// Reached through the rewrite of /standards/{slug}/compare/{from}...{to} in next.config.ts.
type Props = {
  params: Promise<{ slug: string; from: string; to: string }>;
  searchParams: Promise<{ view?: string | string[] }>;
};

/** Read once per request: the page and its metadata both need the two releases. */
const load = cache(async (slug: string, from: string, to: string) => {
  const db = getDb();
  const [older, newer] = await Promise.all([getRelease(db, slug, from), getRelease(db, slug, to)]);
  return older && newer ? { older, newer } : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, from, to } = await params;
  const found = await load(slug, from, to);
  if (!found) return {};
  const t = await getTranslations("releases.compare");
  const title = t("title", {
    name: found.newer.content.standard.name,
    from: found.older.version,
    to: found.newer.version,
  });
  return { title, openGraph: { title, type: "article" } };
}

function ClauseLink({
  slug,
  version,
  clause,
}: {
  slug: string;
  version: string;
  clause: ReleaseClause;
}) {
  return (
    <Link href={releaseClausePath(slug, version, clause.ref)}>
      <span className="font-mono">{clause.ref}</span> {clause.title}
    </Link>
  );
}

/** Clause-level differences between two releases, and each changed clause field by field. */
export default async function ComparisonPage({ params, searchParams }: Props) {
  const [{ slug, from, to }, query] = await Promise.all([params, searchParams]);
  const view = parseDiffView(query.view);
  const found = await load(slug, from, to);
  if (!found) notFound();
  const { older, newer } = found;
  const t = await getTranslations("releases.compare");
  const comparison = compareReleases(older.content, newer.content);
  const list = (clauses: ReleaseClause[], version: string) =>
    clauses.length === 0 ? (
      <p className="text-muted">{t("none")}</p>
    ) : (
      <ul className="ml-5 list-disc">
        {clauses.map((clause) => (
          <li key={clause.ref} id={clause.ref} className="scroll-mt-4">
            <ClauseLink slug={slug} version={version} clause={clause} />
          </li>
        ))}
      </ul>
    );
  return (
    <>
      <PageTitle
        title={t("title", {
          name: newer.content.standard.name,
          from: older.version,
          to: newer.version,
        })}
        lead={t("summary", comparison.summary)}
      />
      <SectionChanges
        comparison={compareSections(older.content.sections, newer.content.sections)}
        slug={slug}
        from={older.version}
        to={newer.version}
      />
      <Section title={`${t("added")} (${comparison.summary.added})`}>
        {list(comparison.added, newer.version)}
      </Section>
      <Section title={`${t("removed")} (${comparison.summary.removed})`}>
        {list(comparison.removed, older.version)}
      </Section>
      <Section title={`${t("moved")} (${comparison.summary.moved})`}>
        {comparison.moved.length === 0 ? (
          <p className="text-muted">{t("none")}</p>
        ) : (
          <ul className="ml-5 list-disc">
            {comparison.moved.map((move) => (
              <li key={move.clause.ref}>
                {t("movedLine", {
                  ref: move.clause.ref,
                  fromModule: move.fromModule,
                  fromPosition: move.fromPosition,
                  toModule: move.toModule,
                  toPosition: move.toPosition,
                })}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={`${t("changed")} (${comparison.summary.changed})`}>
        {comparison.changed.length === 0 ? (
          <p className="text-muted">{t("none")}</p>
        ) : (
          <DiffViewLinks
            current={view}
            hrefOf={(next) => comparisonPath(slug, older.version, newer.version, { view: next })}
          />
        )}
        {comparison.changed.map((change) => (
          <article
            key={change.ref}
            id={change.ref}
            className="mb-6 scroll-mt-4 rounded-lg border border-line bg-white p-4"
          >
            <h3 className="mb-3 font-semibold">
              <ClauseLink slug={slug} version={newer.version} clause={change.to} />
            </h3>
            <ClauseChanges
              before={change.from}
              after={change.to}
              view={view}
              labels={{ before: older.version, after: newer.version }}
              headingLevel={4}
            />
          </article>
        ))}
      </Section>
    </>
  );
}
