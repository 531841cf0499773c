import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChallengeFilters } from "@/components/challenges/challenge-filters";
import { ChallengeTable } from "@/components/challenges/challenge-table";
import { PageTitle } from "@/components/ui/page";
import { challengeChoices, listChallenges, parseChallengeSearch } from "@/lib/challenges/queries";
import { getDb } from "@/lib/db/client";
import { challengesPath, newMisuseReportPath, registryPath } from "@/lib/paths";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("challenges.log");
  return { title: t("title"), description: t("lead") };
}

/** The public log of challenges and misuse reports: every one, in every state, newest first. */
export default async function ChallengesPage({ searchParams }: Props) {
  const filter = parseChallengeSearch(await searchParams);
  const db = getDb();
  const [t, results, choices] = await Promise.all([
    getTranslations("challenges.log"),
    listChallenges(db, filter),
    challengeChoices(db),
  ]);
  return (
    <>
      <p className="mb-4 text-sm">
        <Link href={registryPath()}>{t("back")}</Link>
      </p>
      <PageTitle title={t("title")} lead={t("lead")} />
      <p className="mb-6 max-w-2xl">
        {t("howTo")}{" "}
        <Link href={newMisuseReportPath()} className="underline">
          {t("report")}
        </Link>
      </p>
      <ChallengeFilters filter={filter} choices={choices} />
      <p className="mb-3 text-sm text-muted" role="status">
        {t("count", { total: results.total })}
        {results.pages > 1 ? ` · ${t("pageOf", { page: results.page, pages: results.pages })}` : ""}
      </p>
      {results.rows.length === 0 ? (
        <div className="rounded-lg border border-line bg-white p-6">
          <p className="font-medium">{t("empty")}</p>
          <p className="mt-1 text-sm text-muted">{t("emptyHint")}</p>
        </div>
      ) : (
        <ChallengeTable rows={results.rows} />
      )}
      {results.pages > 1 ? (
        <nav aria-label={t("paging")} className="mt-4 flex justify-between text-sm">
          {results.page > 1 ? (
            <Link href={challengesPath({ ...filter, page: results.page - 1 })} rel="prev">
              {t("previous")}
            </Link>
          ) : (
            <span />
          )}
          {results.page < results.pages ? (
            <Link href={challengesPath({ ...filter, page: results.page + 1 })} rel="next">
              {t("next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
