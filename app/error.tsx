"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { PageTitle } from "@/components/ui/page";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("errorPage");
  return (
    <>
      <PageTitle title={t("title")} lead={t("lead")} />
      <Button onClick={reset}>{t("retry")}</Button>
    </>
  );
}
