import Link from "next/link";
import { getLocale, getTimeZone, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { ChallengeRecord } from "@/lib/challenges/queries";
import { deadlineText } from "@/lib/deadline-time";
import { declarationPath, organisationPath } from "@/lib/paths";
import { formatMoment } from "@/lib/transparency/sentence";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium">{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/**
 * Who filed what against which listing, when, and the deadlines it runs to (on the reader's
 * clock, and in UTC, the time they are enforced in).
 */
export async function ChallengeFacts({ record }: { record: ChallengeRecord }) {
  const [t, locale, timeZone] = await Promise.all([
    getTranslations("challenges.record"),
    getLocale(),
    getTimeZone(),
  ]);
  const deadline = (at: Date) => deadlineText(at, locale, timeZone);
  const { declaration, organisation, deadlines } = record;
  return (
    <dl className="mb-8 grid max-w-3xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-lg border border-line bg-white p-4 text-sm">
      <Fact label={t("kind")}>{t(`kinds.${record.kind}`)}</Fact>
      <Fact label={t("stateLabel")}>
        <span data-testid="challenge-phase">{t(`phase.${record.phase}`)}</span>
      </Fact>
      <Fact label={t("standard")}>{record.standard.name}</Fact>
      {declaration ? (
        <Fact label={t("declaration")}>
          <Link href={declarationPath(declaration.number)} className="underline">
            {t("declarationLink", {
              product: declaration.product ?? "",
              number: declaration.number,
            })}
          </Link>
          {declaration.version ? ` · ${t("atVersion", { version: declaration.version })}` : ""}
          {organisation ? (
            <>
              {" · "}
              <Link href={organisationPath(organisation.slug)}>{organisation.name}</Link>
            </>
          ) : null}
        </Fact>
      ) : null}
      <Fact label={t("filedBy")}>
        <span data-testid="challenge-filer">{record.filerName ?? t("public")}</span>
        {record.withheld && record.filerName !== null ? (
          <span className="block text-muted">
            {record.viewerIsFiler ? t("withheldYou") : t("withheldGroups")}
          </span>
        ) : null}
      </Fact>
      <Fact label={t("filedAt")}>{formatMoment(record.filedAt, locale)}</Fact>
      {/* Each deadline while it is the one that counts; the timeline keeps what happened when. */}
      {deadlines.response && record.phase === "responding" ? (
        <Fact label={t("responseDeadline")}>{deadline(deadlines.response)}</Fact>
      ) : null}
      {deadlines.ag && record.phase === "escalated_ag" ? (
        <Fact label={t("agDeadline")}>{deadline(deadlines.ag)}</Fact>
      ) : null}
      {deadlines.appeal && record.phase === "ag_decided" ? (
        <Fact label={t("appealDeadline")}>{deadline(deadlines.appeal)}</Fact>
      ) : null}
      {record.decidedAt ? (
        <Fact label={t("decidedAt")}>{formatMoment(record.decidedAt, locale)}</Fact>
      ) : null}
    </dl>
  );
}
