import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Redline } from "@/components/redline";
import { PageTitle, Section } from "@/components/ui/page";
import { getDb } from "@/lib/db/client";
import { diffWords, hasChanges } from "@/lib/drafting/diff";
import { getStandardAxes } from "@/lib/drafting/queries";
import { getDraftSection, listSectionRevisions } from "@/lib/drafting/section-queries";
import { draftSectionPath } from "@/lib/paths";

type Props = { params: Promise<{ slug: string; section: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, section: sectionSlug } = await params;
  const db = getDb();
  const standard = await getStandardAxes(db, slug);
  const section = standard ? await getDraftSection(db, standard.id, sectionSlug) : null;
  const t = await getTranslations("drafting");
  return { title: section ? t("sections.historyOf", { title: section.title }) : undefined };
}

/** Every revision of a section, newest first, each with what it changed from the one before. */
export default async function SectionHistoryPage({ params }: Props) {
  const { slug, section: sectionSlug } = await params;
  const db = getDb();
  const standard = await getStandardAxes(db, slug);
  const section = standard ? await getDraftSection(db, standard.id, sectionSlug) : null;
  if (!standard || !section) notFound();
  const [t, format, revisions] = await Promise.all([
    getTranslations("drafting"),
    getFormatter(),
    listSectionRevisions(db, section.id),
  ]);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={draftSectionPath(standard.slug, section.slug)}>
          {t("sections.backToSection", { title: section.title })}
        </Link>
      </p>
      <PageTitle title={t("sections.historyOf", { title: section.title })} />
      <Section title={t("revisionsTitle")}>
        <ol className="divide-y divide-line rounded-lg border border-line bg-white">
          {revisions.map((revision, index) => {
            const previous = revisions[index + 1];
            const parts = diffWords(
              previous ? `${previous.title}\n\n${previous.plainText}` : "",
              `${revision.title}\n\n${revision.plainText}`,
            );
            return (
              <li key={revision.id} className="p-3">
                <p className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-medium">
                    {t("sections.revisionNumber", { number: revision.number })} ·{" "}
                    {t(`kinds.${revision.kind}`)}
                    {revision.note ? ` · ${revision.note}` : null}
                    {revision.adopted ? (
                      <span className="ml-2 rounded bg-green-50 px-2 py-0.5 text-xs text-ok">
                        {t("sections.adoptedMark")}
                      </span>
                    ) : null}
                  </span>
                  <time dateTime={revision.createdAt.toISOString()} className="text-sm text-muted">
                    {format.dateTime(revision.createdAt, {
                      dateStyle: "medium",
                      timeStyle: "short",
                    })}{" "}
                    UTC
                  </time>
                </p>
                <p className="text-sm text-muted">
                  {revision.authors.length > 0
                    ? t("sections.authors", { names: format.list(revision.authors) })
                    : t("noTextChanges")}
                </p>
                {hasChanges(parts) ? (
                  <div className="mt-2 text-sm">
                    <Redline parts={parts} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ol>
      </Section>
    </>
  );
}
