import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/page";
import { getDb } from "@/lib/db/client";
import { authSecret } from "@/lib/env";
import { describeWatch } from "@/lib/notifications/queries";
import { readUnsubscribeToken } from "@/lib/notifications/tokens";
import { UnsubscribeForm } from "./unsubscribe-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("unsubscribe"))("title"), robots: { index: false } };
}

type Props = { params: Promise<{ token: string }> };

/** Opening the link changes nothing; the button does. */
export default async function UnsubscribePage({ params }: Props) {
  const { token } = await params;
  const t = await getTranslations("unsubscribe");
  const target = readUnsubscribeToken(token, authSecret());
  const watch = target ? await describeWatch(getDb(), target.watchId) : null;
  if (!target || !watch || watch.userId !== target.userId) {
    return <PageTitle title={t("title")} lead={t("unknown")} />;
  }
  return (
    <>
      <PageTitle title={t("title")} lead={t("lead", { what: t(`targets.${watch.target}`) })} />
      <UnsubscribeForm token={token} />
    </>
  );
}
