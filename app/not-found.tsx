import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/page";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <>
      <PageTitle title={t("title")} lead={t("lead")} />
      <Link href="/">{t("home")}</Link>
    </>
  );
}
