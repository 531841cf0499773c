import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/page";
import { MAGIC_LINK_MAX_AGE_SECONDS } from "@/lib/auth/rules";
import { isProductionBuild } from "@/lib/env";
import { outboxPath } from "@/lib/paths";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("checkTitle") };
}

export default async function CheckEmailPage() {
  const t = await getTranslations("signIn");
  return (
    <>
      <PageTitle
        title={t("checkTitle")}
        lead={t("checkLead", { minutes: MAGIC_LINK_MAX_AGE_SECONDS / 60 })}
      />
      {isProductionBuild ? null : (
        <p>
          <Link href={outboxPath()}>{t("openOutbox")}</Link>
        </p>
      )}
    </>
  );
}
