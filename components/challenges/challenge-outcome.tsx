import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/page";
import type { ChallengeRecord } from "@/lib/challenges/queries";
import { isFinal } from "@/lib/challenges/rules";
import { declarationPath } from "@/lib/paths";
import { readerLocale } from "@/lib/reader-locale";
import { formatMoment } from "@/lib/transparency/sentence";
import { EvidenceList } from "./evidence-list";

/** The declarant's answer: how, in whose words, and the corrected version of a cure. */
export async function ChallengeResponse({ record }: { record: ChallengeRecord }) {
  const t = await getTranslations("challenges.record");
  const locale = await readerLocale();
  const { response, declaration } = record;
  if (!response) return null;
  return (
    <Section title={t("response")} id="response">
      <div className="max-w-3xl rounded-lg border border-line bg-white p-4">
        <p className="font-medium">{t(`responses.${response.kind}`)}</p>
        <p className="text-sm text-muted">
          {response.by ? t("respondedBy", { name: response.by }) : null}
          {response.at ? ` · ${formatMoment(response.at, locale)}` : ""}
        </p>
        {response.cureVersion && declaration ? (
          <p className="mt-2">
            <Link
              href={declarationPath(declaration.number, response.cureVersion)}
              className="underline"
            >
              {t("cureVersion", { version: response.cureVersion })}
            </Link>
          </p>
        ) : null}
        <p className="mt-2 whitespace-pre-line">{response.text}</p>
        <EvidenceList urls={response.evidence} label={t("evidence")} />
      </div>
    </Section>
  );
}

/** What the groups decided and why; for a struck-off listing, until when it may not return. */
export async function ChallengeOutcome({ record }: { record: ChallengeRecord }) {
  const [t, format] = await Promise.all([getTranslations("challenges.record"), getFormatter()]);
  const locale = await readerLocale();
  const final = isFinal(record.phase);
  const barred = record.declaration?.relistingBarredUntil;
  return (
    <Section title={t("outcome")} id="outcome">
      <div className="max-w-3xl rounded-lg border border-line bg-white p-4">
        {record.agDecision ? (
          <p>
            <span className="font-medium">{t("agDecision")}: </span>
            {t(`verdicts.${record.agDecision}`)}
          </p>
        ) : null}
        {record.agRationale ? (
          <p className="mt-1 whitespace-pre-line text-sm">{record.agRationale}</p>
        ) : null}
        {record.appeal ? (
          <div className="mt-3">
            <p>
              <span className="font-medium">{t("appealedBy")}: </span>
              {t(`parties.${record.appeal.party}`)} · {formatMoment(record.appeal.filedAt, locale)}
            </p>
            <p className="mt-1 whitespace-pre-line text-sm">{record.appeal.reason}</p>
          </div>
        ) : null}
        {final ? (
          <div className="mt-3">
            <p className="font-medium" data-testid="challenge-outcome">
              {t(`phase.${record.phase}`)}
            </p>
            {record.rationale ? (
              <p className="mt-1 whitespace-pre-line">
                <span className="sr-only">{t("rationale")}: </span>
                {record.rationale}
              </p>
            ) : null}
            {record.phase === "struck_off" && barred ? (
              <p className="mt-2 text-sm">
                {t("barredUntil", { date: format.dateTime(barred, { dateStyle: "long" }) })}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>
    </Section>
  );
}
