import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui/notice";
import type { DeclarationChallenge } from "@/lib/challenges/queries";
import { isFinal } from "@/lib/challenges/rules";
import { challengePath, newChallengePath } from "@/lib/paths";
import { readerLocale } from "@/lib/reader-locale";
import { formatMoment } from "@/lib/transparency/sentence";

/** The challenges still open, clause by clause: ref → the challenges that name it. */
export function challengedClauses(challenges: DeclarationChallenge[]): Map<string, number[]> {
  const marked = new Map<string, number[]>();
  for (const challenge of challenges) {
    if (isFinal(challenge.phase)) continue;
    for (const ref of challenge.clauses)
      marked.set(ref, [...(marked.get(ref) ?? []), challenge.number]);
  }
  return marked;
}

/** The marker next to a clause an open challenge names. */
export async function ChallengedMarker({ numbers }: { numbers: number[] }) {
  const t = await getTranslations("challenges.declaration");
  return (
    <span className="ml-2 inline-flex flex-wrap gap-1 align-middle text-sm font-normal">
      {numbers.map((number) => (
        <Link
          key={number}
          href={challengePath(number)}
          className="rounded border border-amber-700 px-1.5 text-amber-900 no-underline"
          data-testid="challenged-marker"
        >
          {t("challenged", { number })}
        </Link>
      ))}
    </span>
  );
}

/**
 * What stands above the answers: an open challenge of the claim as a whole, and, once a
 * challenge struck the listing off, the decision, its rationale and until when it is barred.
 */
export async function DeclarationChallengeNotices({
  challenges,
  state,
  relistingBarredUntil,
}: {
  challenges: DeclarationChallenge[];
  state: string;
  relistingBarredUntil: Date | null;
}) {
  const [t, format] = await Promise.all([
    getTranslations("challenges.declaration"),
    getFormatter(),
  ]);
  const whole = challenges.filter(
    (challenge) => !isFinal(challenge.phase) && challenge.clauses.length === 0,
  );
  const striking = challenges.find((challenge) => challenge.phase === "struck_off");
  return (
    <>
      {whole.map((challenge) => (
        <Notice key={challenge.number} tone="info">
          {t("wholeChallenged")}{" "}
          <Link href={challengePath(challenge.number)} className="underline">
            {t("challengeLink", { number: challenge.number })}
          </Link>
        </Notice>
      ))}
      {state === "struck_off" && striking ? (
        <Notice tone="error">
          <p className="font-medium">
            {t("struckOff")}{" "}
            <Link href={challengePath(striking.number)} className="underline">
              {t("challengeLink", { number: striking.number })}
            </Link>
          </p>
          {striking.rationale ? (
            <p className="mt-1 whitespace-pre-line">{striking.rationale}</p>
          ) : null}
          {relistingBarredUntil ? (
            <p className="mt-1">
              {t("barredUntil", {
                date: format.dateTime(relistingBarredUntil, { dateStyle: "long" }),
              })}
            </p>
          ) : null}
        </Notice>
      ) : null}
    </>
  );
}

/** Every challenge of the listing, in every state, and the way to file one while it is listed. */
export async function DeclarationChallengeList({
  number,
  listed,
  challenges,
}: {
  number: number;
  listed: boolean;
  challenges: DeclarationChallenge[];
}) {
  const t = await getTranslations("challenges");
  const locale = await readerLocale();
  return (
    <>
      {challenges.length === 0 ? (
        <p className="text-muted">{t("declaration.none")}</p>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line bg-white">
          {challenges.map((challenge) => (
            <li key={challenge.number} className="p-3">
              <Link href={challengePath(challenge.number)} className="font-medium">
                {t(`kindNumber.${challenge.kind}`, { number: challenge.number })}
              </Link>
              {" · "}
              {t(`phases.${challenge.phase}`)}
              {" · "}
              {challenge.clauses.length === 0 ? t("wholeClaim") : challenge.clauses.join(", ")}
              <span className="ml-2 text-sm text-muted">
                {formatMoment(challenge.filedAt, locale)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {listed ? (
        <p className="mt-3 text-sm">
          <Link href={newChallengePath(number)} className="font-medium">
            {t("declaration.challengeThis")}
          </Link>{" "}
          <span className="text-muted">{t("declaration.challengeWhy")}</span>
        </p>
      ) : null}
    </>
  );
}
