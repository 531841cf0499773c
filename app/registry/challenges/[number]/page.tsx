import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { AuditEntry } from "@/components/audit-entry";
import { ChallengeFacts } from "@/components/challenges/challenge-facts";
import { ChallengeFiling } from "@/components/challenges/challenge-filing";
import { ChallengeOutcome, ChallengeResponse } from "@/components/challenges/challenge-outcome";
import { ChallengeVotes } from "@/components/challenges/challenge-votes";
import { PageTitle, Section } from "@/components/ui/page";
import { challengeRecord } from "@/lib/challenges/queries";
import { isFinal } from "@/lib/challenges/rules";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { challengePath, challengeSubjectId, challengesPath } from "@/lib/paths";
import { readerLocale } from "@/lib/reader-locale";
import { declarationNumber } from "@/lib/registry/public-json";
import { challengeTimeline } from "@/lib/transparency/challenge-timeline";
import { ChallengeForms } from "./forms";

// Per request and per viewer: who filed is shown to some readers only.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ number: string }> };

const load = cache(async (segment: string) => {
  const number = declarationNumber(segment);
  if (number === null) return null;
  return challengeRecord(getDb(), number, await getViewer());
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const record = await load((await params).number);
  if (!record) return {};
  const t = await getTranslations("challenges");
  return {
    title: t(`kindNumber.${record.kind}`, { number: record.number }),
    alternates: { canonical: challengePath(record.number) },
  };
}

/** One challenge's public record: filing, response, votes, outcome and timeline. */
export default async function ChallengePage({ params }: Props) {
  const record = await load((await params).number);
  if (!record) notFound();
  const [t, timeline] = await Promise.all([
    getTranslations("challenges"),
    readerLocale().then((locale) => challengeTimeline(getDb(), record, locale)),
  ]);
  return (
    <>
      <p className="mb-4 text-sm">
        <Link href={challengesPath()}>{t("record.back")}</Link>
      </p>
      <PageTitle
        title={t(`kindNumber.${record.kind}`, { number: record.number })}
        lead={t(`record.state.${record.phase}`)}
      />
      <ChallengeFacts record={record} />
      <ChallengeFiling record={record} />
      {record.response ? <ChallengeResponse record={record} /> : null}
      <ChallengeVotes record={record} />
      {isFinal(record.phase) || record.agDecision ? <ChallengeOutcome record={record} /> : null}
      <ChallengeForms record={record} />
      <Section title={t("record.timeline")} id="timeline">
        {timeline.length === 0 ? (
          <p className="text-muted">{t("record.noTimeline")}</p>
        ) : (
          <ol className="divide-y divide-line rounded-lg border border-line bg-white">
            {timeline.map((row) => (
              <AuditEntry
                key={row.id}
                row={row}
                here={{ subjectType: "challenge", subjectId: challengeSubjectId(record.number) }}
              />
            ))}
          </ol>
        )}
      </Section>
    </>
  );
}
