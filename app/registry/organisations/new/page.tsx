import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { PageTitle } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { newOrganisationPath, signInPath } from "@/lib/paths";
import { RegisterOrganisationForm } from "./form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("registry.organisations"))("newTitle") };
}

/** Registers an organisation; whoever registers it becomes its first representative. */
export default async function NewOrganisationPage() {
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(newOrganisationPath()));
  const t = await getTranslations("registry.organisations");
  return (
    <>
      <PageTitle title={t("newTitle")} lead={t("newLead")} />
      <ClientMessages>
        <RegisterOrganisationForm />
      </ClientMessages>
    </>
  );
}
