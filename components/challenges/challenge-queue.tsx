import Link from "next/link";
import { getFormatter, getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Countdown } from "@/components/decisions/countdown";
import type { QueuedChallenge } from "@/lib/challenges/queue";
import { deadlineText } from "@/lib/deadline-time";
import { challengePath } from "@/lib/paths";

/** Challenges before a group: what is challenged, at which stage, and by when. */
export async function ChallengeQueue({
  challenges,
  empty,
}: {
  challenges: QueuedChallenge[];
  empty: string;
}) {
  const [t, format, locale, timeZone] = await Promise.all([
    getTranslations("challenges.queue"),
    getFormatter(),
    getLocale(),
    getTimeZone(),
  ]);
  if (challenges.length === 0) return <p className="text-muted">{empty}</p>;
  return (
    <ol className="divide-y divide-line rounded-lg border border-line bg-white">
      {challenges.map((challenge) => (
        <li key={challenge.id} className="p-3">
          <p className="font-medium">
            <Link href={challengePath(challenge.number)}>
              {challenge.kind === "misuse_report"
                ? t("misuse", { number: challenge.number, subject: challenge.subjectName ?? "" })
                : t("challenge", {
                    number: challenge.number,
                    product: challenge.product ?? "",
                    organisation: challenge.organisation ?? "",
                  })}
            </Link>
          </p>
          <p className="text-sm text-muted">
            {t(`phase.${challenge.phase}`)} ·{" "}
            {t("filed", {
              date: format.dateTime(challenge.filedAt, { dateStyle: "medium" }),
              standard: challenge.standard,
            })}
          </p>
          <p className="text-sm">
            {challenge.deadline ? (
              <>
                {t("deadline", { when: deadlineText(challenge.deadline, locale, timeZone) })}
                {" · "}
                <strong>
                  <Countdown
                    deadline={challenge.deadline.toISOString()}
                    renderedAt={new Date().toISOString()}
                  />
                </strong>
              </>
            ) : (
              t("noDeadline")
            )}
          </p>
        </li>
      ))}
    </ol>
  );
}
