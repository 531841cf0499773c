import { getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/page";
import type { ChallengeRecord } from "@/lib/challenges/queries";
import { readerLocale } from "@/lib/reader-locale";
import { formatMoment } from "@/lib/transparency/sentence";

/** Every vote, by stage: who, what, why. Members vote in public; recusals are shown too. */
export async function ChallengeVotes({ record }: { record: ChallengeRecord }) {
  if (record.votes.length === 0) return null;
  const t = await getTranslations("challenges.record");
  const locale = await readerLocale();
  const stages = (["ag", "sc"] as const).filter((stage) =>
    record.votes.some((vote) => vote.stage === stage),
  );
  return (
    <Section title={t("votes")} id="votes">
      {stages.map((stage) => (
        <div key={stage} className="mb-4 max-w-3xl">
          <h3 className="mb-2 font-semibold">{t(`stages.${stage}`)}</h3>
          <ul className="divide-y divide-line rounded-lg border border-line bg-white">
            {record.votes
              .filter((vote) => vote.stage === stage)
              .map((vote) => (
                <li key={`${vote.voterName}-${vote.castAt.toISOString()}`} className="p-3">
                  <p>
                    <span className="font-medium">{vote.voterName}</span>
                    {": "}
                    {vote.choice === "recuse" ? t("recused") : t(`verdicts.${vote.choice}`)}
                    <span className="ml-2 text-sm text-muted">
                      {formatMoment(vote.castAt, locale)}
                    </span>
                  </p>
                  <p className="mt-1 whitespace-pre-line text-sm">{vote.rationale}</p>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </Section>
  );
}
