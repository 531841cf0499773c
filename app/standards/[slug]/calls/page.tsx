import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CallList } from "@/components/decisions/call-list";
import { CharterForm } from "@/components/decisions/charter-form";
import { signInLink } from "@/components/sign-in-link";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { charterOf } from "@/lib/decisions/charter";
import { listCalls } from "@/lib/decisions/queries";
import { getStandardAxes } from "@/lib/drafting/queries";
import { callsPath, draftPath, newCallPath, newLastCallPath } from "@/lib/paths";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("decisions"))("title") };
}

export default async function CallsPage({ params }: Props) {
  const { slug } = await params;
  const db = getDb();
  const standard = await getStandardAxes(db, slug);
  if (!standard) notFound();
  const [t, viewer, calls, charter] = await Promise.all([
    getTranslations("decisions"),
    getViewer(),
    listCalls(db, standard.id),
    charterOf(db, standard.id),
  ]);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={draftPath(slug)}>{standard.name}</Link>
      </p>
      <PageTitle title={`${t("title")} · ${standard.name}`} lead={t("lead")} />
      <p className="mb-6">
        {viewer ? (
          <>
            <Link href={newCallPath(slug)} className="font-medium">
              {t("newCall")}
            </Link>
            {" · "}
            <Link href={newLastCallPath(slug)} className="font-medium">
              {t("lastCall.openLink")}
            </Link>
          </>
        ) : (
          <span className="text-muted">
            {t.rich("signInToOpen", { link: signInLink(callsPath(slug)) })}
          </span>
        )}
      </p>
      <Section title={t("allCalls")}>
        <CallList calls={calls} empty={t("none")} />
      </Section>
      <Section title={t("charter.title")}>
        <p className="mb-2 text-muted">{t("charter.lead")}</p>
        <p className="mb-4">
          {t("charter.summary", {
            comment: charter.commentPeriodDays,
            quorum: charter.quorum,
            ag: charter.agDeadlineDays,
            appeal: charter.appealWindowDays,
          })}
        </p>
        {viewer?.isSecretariat ? <CharterForm standardId={standard.id} charter={charter} /> : null}
      </Section>
    </>
  );
}
