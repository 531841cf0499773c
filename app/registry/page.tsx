import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RegistryFilters } from "@/components/registry/registry-filters";
import { RegistryTable } from "@/components/registry/registry-table";
import { PageTitle } from "@/components/ui/page";
import { PagedResults } from "@/components/ui/paged-results";
import { getDb } from "@/lib/db/client";
import { challengesPath, newOrganisationPath, registryPath } from "@/lib/paths";
import { parseRegistrySearch, registryChoices, searchRegistry } from "@/lib/registry/queries";

// Rendered per request; lib/http/front.ts keeps anonymous copies and forgets them when the
// registry changes.
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("registry.list");
  return { title: t("title"), description: t("lead") };
}

/** The public registry: search, filters, one page of declarations, paging links. */
export default async function RegistryPage({ searchParams }: Props) {
  const { filter, page } = parseRegistrySearch(await searchParams);
  const db = getDb();
  const [t, tc, results, choices] = await Promise.all([
    getTranslations("registry.list"),
    getTranslations("challenges"),
    searchRegistry(db, filter, page),
    registryChoices(db),
  ]);
  return (
    <>
      <PageTitle title={t("title")} lead={t("lead")} />
      <p className="mb-6">
        <Link href={newOrganisationPath()} className="underline">
          {t("register")}
        </Link>
        {" · "}
        <Link href={challengesPath()} className="underline">
          {tc("registryLink")}
        </Link>
      </p>
      <RegistryFilters filter={filter} choices={choices} />
      <PagedResults
        status={`${t("count", { total: results.total })}${
          results.pages > 1 ? ` · ${t("pageOf", { page: results.page, pages: results.pages })}` : ""
        }`}
        empty={results.rows.length === 0 ? { title: t("empty"), hint: t("emptyHint") } : null}
        pager={{
          label: t("paging"),
          previous:
            results.page > 1
              ? { href: registryPath({ ...filter, page: results.page - 1 }), label: t("previous") }
              : null,
          next:
            results.page < results.pages
              ? { href: registryPath({ ...filter, page: results.page + 1 }), label: t("next") }
              : null,
        }}
      >
        <RegistryTable rows={results.rows} />
      </PagedResults>
    </>
  );
}
