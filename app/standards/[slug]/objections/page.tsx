import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PersonName, withPeople } from "@/components/person-name";
import { buttonClass } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filter-select";
import { PageTitle } from "@/components/ui/page";
import { getDb } from "@/lib/db/client";
import { listObjections } from "@/lib/discussion/queries";
import { getStandardAxes } from "@/lib/drafting/queries";
import { draftThreadPath } from "@/lib/paths";

const states = ["raised", "withdrawn", "sustained"] as const;

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ state?: string; module?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const standard = await getStandardAxes(getDb(), (await params).slug);
  const t = await getTranslations("objections");
  return { title: t("titleOf", { name: standard?.name ?? "" }) };
}

/** Every objection on a standard, with where it stands: what a consensus call reads. */
export default async function ObjectionsPage({ params, searchParams }: Props) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const db = getDb();
  const standard = await getStandardAxes(db, slug);
  if (!standard) notFound();
  const state = states.find((entry) => entry === query.state);
  const moduleCode = standard.modules.find((module) => module.code === query.module)?.code;
  const [t, tDiscussion, format, rows] = await Promise.all([
    getTranslations("objections"),
    getTranslations("discussion"),
    getFormatter(),
    listObjections(db, standard.id, { state, moduleCode }),
  ]);
  return (
    <>
      <PageTitle title={t("titleOf", { name: standard.name })} lead={t("lead")} />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-4" aria-label={t("filters")}>
        <FilterSelect
          id="state"
          label={t("state")}
          value={state ?? ""}
          allLabel={t("all")}
          options={states.map((entry) => ({
            value: entry,
            label: tDiscussion(`objection.${entry}`),
          }))}
        />
        <FilterSelect
          id="module"
          label={t("module")}
          value={moduleCode ?? ""}
          allLabel={t("all")}
          options={standard.modules.map((module) => ({ value: module.code, label: module.name }))}
        />
        <button type="submit" className={buttonClass("secondary")}>
          {t("apply")}
        </button>
      </form>
      {rows.length === 0 ? <p className="text-muted">{t("none")}</p> : null}
      <ol className="divide-y divide-line rounded-lg border border-line bg-white">
        {rows.map((row) => (
          <li key={row.threadId} className="p-3">
            <p className="flex flex-wrap items-baseline justify-between gap-2">
              <Link
                href={draftThreadPath(standard.slug, row.clauseRef, row.threadId)}
                className="font-medium"
              >
                <span className="font-mono text-sm">{row.clauseRef}</span> {row.title}
              </Link>
              <span className="text-sm">
                {tDiscussion(`objection.${row.state}`)} · {tDiscussion(`status.${row.status}`)}
              </span>
            </p>
            <p className="text-sm text-muted">
              {withPeople((people) => t("line", { ...people, answers: row.answers }), {
                author: <PersonName name={row.author} badges={row.authorBadges} />,
              })}{" "}
              · {format.dateTime(row.lastActivityAt, { dateStyle: "medium" })}
            </p>
            {row.response ? (
              <p className="mt-1 border-l-2 border-line pl-3 text-sm">
                {t("response", {
                  text: row.response.length > 240 ? `${row.response.slice(0, 240)}…` : row.response,
                })}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}
