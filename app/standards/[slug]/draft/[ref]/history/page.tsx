import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ClauseChanges } from "@/components/changes/clause-changes";
import { DiffViewLinks } from "@/components/changes/view-links";
import { PeopleNames, withPeople } from "@/components/person-name";
import { buttonClass } from "@/components/ui/button";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { parseDiffView } from "@/lib/drafting/diff";
import type { ComparableClause } from "@/lib/drafting/field-diff";
import {
  getDraftClause,
  getStandardAxes,
  listRevisions,
  type RevisionRow,
} from "@/lib/drafting/queries";
import { clauseHistoryPath, draftClausePath } from "@/lib/paths";
import { RestoreRevisionForm } from "../../forms";

type Props = {
  params: Promise<{ slug: string; ref: string }>;
  searchParams: Promise<{ from?: string; to?: string; view?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { ref } = await params;
  return { title: (await getTranslations("drafting"))("historyOf", { ref }) };
}

/** Every revision of a clause, and what changed between any two, field by field. */
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
  const view = parseDiffView(query.view);
  const levelName = new Map(standard.levels.map((level) => [level.id, level.name]));
  const comparable = (revision: RevisionRow): ComparableClause => ({
    ...revision,
    level: revision.levelId ? (levelName.get(revision.levelId) ?? null) : null,
  });

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={draftClausePath(standard.slug, clause.ref)}>
          {t("backToClause", { ref: clause.ref })}
        </Link>
      </p>
      <PageTitle title={t("historyOf", { ref: clause.ref })} lead={clause.title} />
      {before && after ? (
        <Section id="changes" title={t("compareTitle", { from: before.number, to: after.number })}>
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
            {view === "auto" ? null : <input type="hidden" name="view" value={view} />}
            <button type="submit" className={buttonClass("secondary")}>
              {t("compare.show")}
            </button>
          </form>
          <DiffViewLinks
            current={view}
            hrefOf={(next) =>
              clauseHistoryPath(standard.slug, clause.ref, {
                from: before.number,
                to: after.number,
                view: next,
              })
            }
          />
          <div className="rounded-lg border border-line bg-white p-4">
            <ClauseChanges
              before={comparable(before)}
              after={comparable(after)}
              view={view}
              labels={{
                before: t("revisionNumber", { number: before.number }),
                after: t("revisionNumber", { number: after.number }),
              }}
            />
          </div>
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
