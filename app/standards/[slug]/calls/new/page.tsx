import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { type LatestRevisionView, OpenCallForm } from "@/components/decisions/open-call-form";
import { PageTitle } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { latestRevisions } from "@/lib/drafting/latest-revision";
import { getStandardAxes, listDraftClauses } from "@/lib/drafting/queries";
import { callsPath, newCallPath, signInPath } from "@/lib/paths";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ clause?: string | string[] }>;
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("decisions"))("newCall") };
}

export default async function NewCallPage({ params, searchParams }: Props) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const viewer = await getViewer();
  const wanted = typeof query.clause === "string" ? query.clause : "";
  if (!viewer) redirect(signInPath(newCallPath(slug, wanted || undefined)));
  const db = getDb();
  const standard = await getStandardAxes(db, slug);
  if (!standard) notFound();
  const [t, format, clauses, revisions] = await Promise.all([
    getTranslations("decisions"),
    getFormatter(),
    listDraftClauses(db, standard.id),
    latestRevisions(db, standard.id),
  ]);
  const live = clauses.filter((clause) => !clause.retiredAt);
  const latest: Record<string, LatestRevisionView> = {};
  for (const clause of live) {
    const revision = revisions.get(clause.ref);
    if (!revision) continue;
    latest[clause.ref] = {
      number: revision.number,
      // The sentence says "UTC" after it.
      when: format.dateTime(revision.createdAt, {
        dateStyle: "medium",
        timeStyle: "short",
        timeZone: "UTC",
      }),
      by: revision.createdBy,
      note: revision.note,
      current: revision.current,
    };
  }
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={callsPath(slug)}>{t("title")}</Link>
      </p>
      <PageTitle title={t("newCall")} lead={t("newLead")} />
      <OpenCallForm
        standardId={standard.id}
        slug={slug}
        clauses={live.map((clause) => ({ ref: clause.ref, title: clause.title }))}
        clauseRef={live.some((clause) => clause.ref === wanted) ? wanted : ""}
        latest={latest}
      />
    </>
  );
}
