import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CallList } from "@/components/decisions/call-list";
import { PageTitle } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { holdsRole } from "@/lib/community/rules";
import { getDb } from "@/lib/db/client";
import { waitingFor } from "@/lib/decisions/queries";
import { signInPath, waitingDecisionsPath } from "@/lib/paths";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("decisions"))("waiting.title") };
}

export default async function WaitingPage() {
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(waitingDecisionsPath()));
  const [t, calls] = await Promise.all([getTranslations("decisions"), waitingFor(getDb(), viewer)]);
  const member =
    holdsRole(viewer.roles, "advisory_group") || holdsRole(viewer.roles, "steering_committee");
  return (
    <>
      <PageTitle title={t("waiting.title")} lead={t("waiting.lead")} />
      {member ? (
        <CallList calls={calls} empty={t("waiting.empty")} />
      ) : (
        <p className="text-muted">{t("waiting.notMember")}</p>
      )}
    </>
  );
}
