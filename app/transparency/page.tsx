import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { PageTitle } from "@/components/ui/page";
import { listAudit, listAuditSubjectTypes } from "@/lib/audit/queries";
import { auditCategories, auditFilterSchema } from "@/lib/audit/rules";
import { displayName } from "@/lib/community/rules";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("transparency"))("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TransparencyPage({ searchParams }: Props) {
  // Unknown or malformed filters are ignored rather than refused: this page is read by anyone.
  const filters = auditFilterSchema.parse(await searchParams);
  const db = getDb();
  const [t, format, page, subjectTypes] = await Promise.all([
    getTranslations("transparency"),
    getFormatter(),
    listAudit(db, filters),
    listAuditSubjectTypes(db),
  ]);
  const query = (extra: Record<string, string>) => {
    const params = new URLSearchParams();
    if (filters.action) params.set("action", filters.action);
    if (filters.subjectType) params.set("subjectType", filters.subjectType);
    for (const [key, value] of Object.entries(extra)) params.set(key, value);
    const text = params.toString();
    return text ? `/transparency?${text}` : "/transparency";
  };
  const actionLabel = (action: string) =>
    t.has(`actions.${action}`) ? t(`actions.${action}`) : action;

  return (
    <>
      <PageTitle title={t("title")} lead={t("lead")} />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-4" aria-label={t("filters")}>
        <div>
          <label htmlFor="action" className="block text-sm font-medium">
            {t("category")}
          </label>
          <select
            id="action"
            name="action"
            defaultValue={filters.action ?? ""}
            className="mt-1 rounded-md border border-line bg-white px-3 py-2"
          >
            <option value="">{t("all")}</option>
            {auditCategories.map((category) => (
              <option key={category} value={`${category}.`}>
                {t(`categories.${category}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="subjectType" className="block text-sm font-medium">
            {t("subject")}
          </label>
          <select
            id="subjectType"
            name="subjectType"
            defaultValue={filters.subjectType ?? ""}
            className="mt-1 rounded-md border border-line bg-white px-3 py-2"
          >
            <option value="">{t("all")}</option>
            {subjectTypes.map((type) => (
              <option key={type} value={type}>
                {t.has(`subjects.${type}`) ? t(`subjects.${type}`) : type}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          {t("apply")}
        </button>
      </form>

      {page.rows.length === 0 ? (
        <p className="text-muted">{t("empty")}</p>
      ) : (
        <ol className="divide-y divide-line rounded-lg border border-line bg-white">
          {page.rows.map((row) => (
            <li key={row.id} className="p-3">
              <p className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-medium">{actionLabel(row.action)}</span>
                <time dateTime={row.at.toISOString()} className="text-sm text-muted">
                  {format.dateTime(row.at, { dateStyle: "medium", timeStyle: "short" })} UTC
                </time>
              </p>
              <p className="text-sm">
                {t("by", {
                  actor: row.actorId
                    ? displayName({ id: row.actorId, name: row.actorName })
                    : t("system"),
                })}
                {" · "}
                {row.subjectType === "user"
                  ? displayName({ id: row.subjectId, name: row.subjectName })
                  : `${t.has(`subjects.${row.subjectType}`) ? t(`subjects.${row.subjectType}`) : row.subjectType} ${row.subjectId}`}
              </p>
              {Object.keys(row.details).length > 0 ? (
                <dl className="mt-1 flex flex-wrap gap-x-4 text-sm text-muted">
                  {Object.entries(row.details).map(([key, value]) => (
                    <div key={key} className="flex gap-1">
                      <dt>{key}:</dt>
                      <dd>{String(value)}</dd>
                    </div>
                  ))}
                </dl>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <nav aria-label={t("paging")} className="mt-6 flex gap-4">
        {filters.before ? (
          <Link href={query({})} className={buttonClass("secondary")}>
            {t("newest")}
          </Link>
        ) : null}
        {page.nextBefore ? (
          <Link
            href={query({ before: String(page.nextBefore) })}
            className={buttonClass("secondary")}
          >
            {t("older")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}
