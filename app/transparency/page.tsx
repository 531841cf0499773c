import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuditEntry } from "@/components/audit-entry";
import { buttonClass } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { PageTitle } from "@/components/ui/page";
import { auditCategories, auditFilterSchema, isAuditSubjectType } from "@/lib/audit/rules";
import { getDb } from "@/lib/db/client";
import { transparencyPath } from "@/lib/paths";
import { readerLocale } from "@/lib/reader-locale";
import { AUDIT_PAGE_SIZE, listAudit, listAuditSubjectTypes } from "@/lib/transparency/queries";
import { namesStandards } from "@/lib/transparency/standard-names";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("transparency"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TransparencyPage({ searchParams }: Props) {
  // Unknown or malformed filters are ignored rather than refused: this page is read by anyone.
  const filters = auditFilterSchema.parse(await searchParams);
  const db = getDb();
  const [t, page, subjectTypes] = await Promise.all([
    getTranslations("transparency"),
    readerLocale().then((locale) => listAudit(db, filters, AUDIT_PAGE_SIZE, locale)),
    listAuditSubjectTypes(db),
  ]);
  const namingStandards = namesStandards(page.rows);
  const query = (before?: number) =>
    transparencyPath({ action: filters.action, subjectType: filters.subjectType, before });

  return (
    <>
      <PageTitle title={t("title")} lead={t("lead")} />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-4" aria-label={t("filters")}>
        <FilterSelect
          id="action"
          label={t("category")}
          value={filters.action ?? ""}
          allLabel={t("all")}
          options={auditCategories.map((category) => ({
            value: `${category}.`,
            label: t(`categories.${category}`),
          }))}
        />
        <FilterSelect
          id="subjectType"
          label={t("subject")}
          value={filters.subjectType ?? ""}
          allLabel={t("all")}
          options={subjectTypes.map((type) => ({
            value: type,
            label: isAuditSubjectType(type) ? t(`subjects.${type}`) : type,
          }))}
        />
        <button type="submit" className={buttonClass("secondary")}>
          {t("apply")}
        </button>
      </form>

      {page.rows.length === 0 ? (
        <p className="text-muted">{t("empty")}</p>
      ) : (
        <ol className="divide-y divide-line rounded-lg border border-line bg-white">
          {page.rows.map((row) => (
            <AuditEntry key={row.id} row={row} namingStandard={namingStandards} />
          ))}
        </ol>
      )}
      <nav aria-label={t("paging")} className="mt-6 flex gap-4">
        {filters.before ? (
          <Link href={query()} className={buttonClass("secondary")}>
            {t("newest")}
          </Link>
        ) : null}
        {page.nextBefore ? (
          <Link href={query(page.nextBefore)} className={buttonClass("secondary")}>
            {t("older")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}
