import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MisuseForm } from "@/components/challenges/misuse-form";
import { ClientMessages } from "@/components/client-messages";
import { PageTitle } from "@/components/ui/page";
import { reportableStandards } from "@/lib/challenges/queries";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { challengesPath, newMisuseReportPath, signInPath } from "@/lib/paths";
import { reportMisuseAction } from "./actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("challenges.report");
  return { title: t("title") };
}

/** Where anyone signed in reports a product or organisation showing the mark without a listing. */
export default async function ReportMisusePage() {
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(newMisuseReportPath()));
  const [t, standards] = await Promise.all([
    getTranslations("challenges.report"),
    reportableStandards(getDb()),
  ]);
  return (
    <>
      <p className="mb-4 text-sm">
        <Link href={challengesPath()}>{t("back")}</Link>
      </p>
      <PageTitle title={t("title")} lead={t("lead")} />
      <p className="mb-6 max-w-2xl text-sm">{t("public")}</p>
      <ClientMessages>
        <MisuseForm action={reportMisuseAction} standards={standards} />
      </ClientMessages>
    </>
  );
}
