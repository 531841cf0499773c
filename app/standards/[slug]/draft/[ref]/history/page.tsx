import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PeopleNames, withPeople } from "@/components/person-name";
import { Redline } from "@/components/redline";
import { buttonClass } from "@/components/ui/button";
import { PageTitle, Section } from "@/components/ui/page";
import { clausePlainText } from "@/lib/collab/document";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { diffWords, hasChanges } from "@/lib/drafting/diff";
import {
  getDraftClause,
  getStandardAxes,
  listRevisions,
  type RevisionRow,
} from "@/lib/drafting/queries";

import { RestoreRevisionForm } from "../../forms";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ slug: string; ref: string }>;
  searchParams: Promise<{ from?: string; to?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { ref } = await params;
  return { title: (await getTranslations("drafting"))("historyOf", { ref }) };
}

const textOf = (revision: RevisionRow) => ({
  title: `${revision.title} (${revision.strength})`,
  text: clausePlainText(revision),
});

/** Every revision of a clause, and the word-level differences between any two. */
export default async function HistoryPage({ params, searchParams }: Props) {
  const [{ slug, ref }, query] = await Promise.all([params, searchParams]);
  const db = getDb();
  const standard = await getStandardAxes(db, slug);
  const clause = standard ? await getDraftClause(db, standard.id, ref) : null;
  if (!standard || !clause) notFound();
  const [t, format, revisions, viewer] = await Promise.all([
    getTranslations("drafting"),
    getFormatter(),
    listRevisions(db, clause.id),
    getViewer(),
  ]);
  const canRestore = Boolean(viewer) && !clause.retiredAt;
  const numbers = revisions.map((revision) => revision.number);
  const pick = (value: string | undefined, fallback: number | undefined) =>
    numbers.includes(Number(value)) ? Number(value) : fallback;
  const to = pick(query.to, numbers[0]);
  const from = pick(query.from, numbers[1] ?? numbers[0]);
  const before = revisions.find((revision) => revision.number === from);
  const after = revisions.find((revision) => revision.number === to);
  const base = `/standards/${standard.slug}/draft/${clause.ref}`;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={base}>{t("backToClause", { ref: clause.ref })}</Link>
      </p>
      <PageTitle title={t("historyOf", { ref: clause.ref })} lead={clause.title} />
      {before && after ? (
        <Section title={t("compareTitle", { from: before.number, to: after.number })}>
          <form method="get" className="mb-4 flex flex-wrap items-end gap-3">
            {(["from", "to"] as const).map((name) => (
              <div key={name}>
                <label htmlFor={name} className="block text-sm font-medium">
                  {t(`compare.${name}`)}
                </label>
                <select
                  id={name}
                  name={name}
                  defaultValue={name === "from" ? before.number : after.number}
                  className="mt-1 rounded-md border border-line bg-white px-3 py-2"
                >
                  {revisions.map((revision) => (
                    <option key={revision.number} value={revision.number}>
                      {t("revisionNumber", { number: revision.number })}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <button type="submit" className={buttonClass("secondary")}>
              {t("compare.show")}
            </button>
          </form>
          {(["title", "text"] as const).map((part) => {
            const parts = diffWords(textOf(before)[part], textOf(after)[part]);
            return (
              <div key={part} className="mb-4 rounded-lg border border-line bg-white p-4">
                <h3 className="mb-2 text-sm font-semibold uppercase tracking-wide text-muted">
                  {t(`compare.${part}`)}
                </h3>
                {hasChanges(parts) ? (
                  <Redline parts={parts} />
                ) : (
                  <p className="text-muted">{t("compare.unchanged")}</p>
                )}
              </div>
            );
          })}
        </Section>
      ) : null}
      <Section title={t("revisionsTitle")}>
        <ol className="divide-y divide-line rounded-lg border border-line bg-white">
          {revisions.map((revision) => (
            <li key={revision.id} className="p-3">
              <p className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-medium">
                  {t("revisionNumber", { number: revision.number })} · {t(`kinds.${revision.kind}`)}
                  {revision.note ? ` · ${revision.note}` : null}
                </span>
                <time dateTime={revision.createdAt.toISOString()} className="text-sm text-muted">
                  {format.dateTime(revision.createdAt, { dateStyle: "medium", timeStyle: "short" })}{" "}
                  UTC
                </time>
              </p>
              {canRestore && revision.number !== numbers[0] ? (
                <RestoreRevisionForm clauseId={clause.id} number={revision.number} />
              ) : null}
              <p className="text-sm text-muted">
                {revision.authorPeople.length > 0
                  ? withPeople((people) => t("authors", people), {
                      names: <PeopleNames people={revision.authorPeople} />,
                    })
                  : t("noTextChanges")}
              </p>
            </li>
          ))}
        </ol>
      </Section>
    </>
  );
}
