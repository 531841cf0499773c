import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChallengeFilters } from "@/components/challenges/challenge-filters";
import { ChallengeTable } from "@/components/challenges/challenge-table";
import { PageTitle } from "@/components/ui/page";
import { PagedResults } from "@/components/ui/paged-results";
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
      <PagedResults
        status={`${t("count", { total: results.total })}${
          results.pages > 1 ? ` · ${t("pageOf", { page: results.page, pages: results.pages })}` : ""
        }`}
        empty={results.rows.length === 0 ? { title: t("empty"), hint: t("emptyHint") } : null}
        pager={{
          label: t("paging"),
          previous:
            results.page > 1
              ? {
                  href: challengesPath({ ...filter, page: results.page - 1 }),
                  label: t("previous"),
                }
              : null,
          next:
            results.page < results.pages
              ? { href: challengesPath({ ...filter, page: results.page + 1 }), label: t("next") }
              : null,
        }}
      >
        <ChallengeTable rows={results.rows} />
      </PagedResults>
    </>
  );
}
