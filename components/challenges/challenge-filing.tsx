import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Section } from "@/components/ui/page";
import type { ChallengeRecord } from "@/lib/challenges/queries";
import { declarationPath } from "@/lib/paths";
import { EvidenceList } from "./evidence-list";

/** What the challenger says is wrong, about which clauses, with what evidence. */
export async function ChallengeFiling({ record }: { record: ChallengeRecord }) {
  const t = await getTranslations("challenges.record");
  const { declaration, misuse } = record;
  return (
    <Section title={t("filing")} id="filing">
      <div className="max-w-3xl rounded-lg border border-line bg-white p-4">
        {declaration ? (
          <p className="mb-3">
            <span className="font-medium">{t("clauses")}: </span>
            {record.clauses.length === 0 ? (
              t("wholeClaim")
            ) : (
              <span data-testid="challenged-clauses">
                {record.clauses.map((ref, index) => (
                  <span key={ref}>
                    {index > 0 ? ", " : ""}
                    <Link
                      href={`${declarationPath(declaration.number)}#${encodeURIComponent(ref)}`}
                      className="font-mono underline"
                    >
                      {ref}
                    </Link>
                  </span>
                ))}
              </span>
            )}
          </p>
        ) : (
          <dl className="mb-3 grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
            <dt className="font-medium">{t("subjectName")}</dt>
            <dd>{misuse.subjectName}</dd>
            <dt className="font-medium">{t("seenAt")}</dt>
            <dd>{misuse.seenAt}</dd>
            {misuse.subjectUrl ? (
              <>
                <dt className="font-medium">{t("subjectUrl")}</dt>
                <dd className="break-all">
                  <a href={misuse.subjectUrl} rel="nofollow ugc noopener" className="underline">
                    {misuse.subjectUrl}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
        )}
        <p className="font-medium">{t("reason")}</p>
        <p className="mt-1 whitespace-pre-line">{record.reason}</p>
        <EvidenceList urls={record.evidence} label={t("evidence")} />
      </div>
    </Section>
  );
}
