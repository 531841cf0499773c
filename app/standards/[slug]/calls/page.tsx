import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CallList } from "@/components/decisions/call-list";
import { CharterProposalForm, FoundingCharterForm } from "@/components/decisions/charter-form";
import { signInLink } from "@/components/sign-in-link";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { charterOf, hasAdoptedText } from "@/lib/decisions/charter";
import { openCharterCall } from "@/lib/decisions/charter-calls";
import { listCalls } from "@/lib/decisions/queries";
import type { Charter } from "@/lib/decisions/rules";
import { getStandardAxes } from "@/lib/drafting/queries";
import { callPath, callsPath, draftPath, newCallPath, newLastCallPath } from "@/lib/paths";
import { readerLocale } from "@/lib/reader-locale";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("decisions"))("title") };
}

export default async function CallsPage({ params }: Props) {
  const { slug } = await params;
  const db = getDb();
  const standard = await getStandardAxes(db, slug);
  if (!standard) notFound();
  const [t, viewer, calls, charter, charterCall, founded] = await Promise.all([
    getTranslations("decisions"),
    getViewer(),
    readerLocale().then((locale) => listCalls(db, standard.id, locale)),
    charterOf(db, standard.id),
    openCharterCall(db, standard.id),
    hasAdoptedText(db, standard.id),
  ]);
  const summary = (numbers: Charter) =>
    t("charter.summary", {
      comment: numbers.commentPeriodDays,
      quorum: numbers.quorum,
      ag: numbers.agDeadlineDays,
      appeal: numbers.appealWindowDays,
    });
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
      <Section id="charter" title={t("charter.title")}>
        <p className="mb-2 text-muted">{t("charter.lead")}</p>
        <p className="mb-4">
          <span className="font-medium">{t("charter.inForce")}</span> {summary(charter)}
        </p>
        {charterCall?.proposedCharter ? (
          <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2">
            {t.rich("charter.pending", {
              number: charterCall.number,
              call: (chunks) => <Link href={callPath(slug, charterCall.number)}>{chunks}</Link>,
            })}{" "}
            {summary(charterCall.proposedCharter)}
          </p>
        ) : null}
        {viewer && !charterCall ? (
          <>
            <h3 className="mb-2 text-lg font-semibold">{t("charter.proposeTitle")}</h3>
            <CharterProposalForm
              standardId={standard.id}
              slug={slug}
              charter={charter}
              levels={standard.levels.map((level) => level.name)}
            />
          </>
        ) : null}
        {viewer?.isSecretariat && !founded ? (
          <div className="mt-8">
            <h3 className="mb-2 text-lg font-semibold">{t("charter.foundingTitle")}</h3>
            <FoundingCharterForm
              standardId={standard.id}
              charter={charter}
              levels={standard.levels.map((level) => level.name)}
            />
          </div>
        ) : null}
      </Section>
    </>
  );
}
