import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LastCallForm } from "@/components/decisions/last-call-form";
import { PageTitle } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { lastCallCandidates } from "@/lib/decisions/last-call";
import { getStandardAxes } from "@/lib/drafting/queries";
import { callsPath, newLastCallPath, signInPath } from "@/lib/paths";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ pick?: string | string[] }>;
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("decisions.lastCall"))("title") };
}

export default async function NewLastCallPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { pick } = await searchParams;
  const picked = [pick ?? []].flat().slice(0, 50);
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(newLastCallPath(slug)));
  const db = getDb();
  const standard = await getStandardAxes(db, slug);
  if (!standard) notFound();
  const [t, tCalls, candidates] = await Promise.all([
    getTranslations("decisions.lastCall"),
    getTranslations("decisions"),
    lastCallCandidates(db, standard.id),
  ]);
  const modules = standard.modules.map((module) => ({
    code: module.code,
    name: module.name,
    changed: candidates.filter(
      (candidate) => candidate.moduleCode === module.code && candidate.changed && !candidate.busy,
    ).length,
  }));
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={callsPath(slug)}>{tCalls("title")}</Link>
      </p>
      <PageTitle title={t("title")} lead={t("lead")} />
      <LastCallForm
        standardId={standard.id}
        slug={slug}
        modules={modules}
        options={candidates.map(({ id: _id, ...option }) => option)}
        picked={picked}
      />
    </>
  );
}
