import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OpenCallForm } from "@/components/decisions/open-call-form";
import { PageTitle } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
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
  const [t, clauses] = await Promise.all([
    getTranslations("decisions"),
    listDraftClauses(db, standard.id),
  ]);
  const live = clauses.filter((clause) => !clause.retiredAt);
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
      />
    </>
  );
}
