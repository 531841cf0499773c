import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/page";

export default async function Forbidden() {
  const t = await getTranslations("forbidden");
  return (
    <>
      <PageTitle title={t("title")} lead={t("lead")} />
      <Link href="/">{t("home")}</Link>
    </>
  );
}
