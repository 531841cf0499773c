import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClauseBadges } from "@/components/clause-badges";
import { RichText } from "@/components/rich-text";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/auth/viewer";
import { getDb } from "@/lib/db/client";
import { getStandardAxes, listDraftClauses } from "@/lib/drafting/queries";
import { watchedKeys } from "@/lib/notifications/queries";
import { WatchForm } from "./discussion-forms";
import { AddClauseForm } from "./forms";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ level?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const standard = await getStandardAxes(getDb(), (await params).slug);
  const t = await getTranslations("drafting");
  return { title: standard ? t("draftOf", { name: standard.name }) : t("draft") };
}

/** The whole working draft, grouped by module, with a level filter that works as plain links. */
export default async function DraftPage({ params, searchParams }: Props) {
  const db = getDb();
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const standard = await getStandardAxes(db, slug);
  if (!standard) notFound();
  const [t, tDiscussion, viewer, clauses] = await Promise.all([
    getTranslations("drafting"),
    getTranslations("discussion"),
    getViewer(),
    listDraftClauses(db, standard.id),
  ]);
  const watched = viewer
    ? await watchedKeys(db, viewer.id, [
        standard.id,
        ...standard.modules.map((module) => module.id),
      ])
    : new Set<string>();
  const levelName = typeof query.level === "string" ? query.level : undefined;
  const chosen = standard.levels.find((level) => level.name === levelName);
  const levelOf = new Map(standard.levels.map((level) => [level.id, level]));
  // "What does Silver require?": every clause whose lowest required level is Silver or below.
  const shown = chosen
    ? clauses.filter((clause) => {
        const level = clause.levelId ? levelOf.get(clause.levelId) : undefined;
        return level !== undefined && level.position <= chosen.position && !clause.retiredAt;
      })
    : clauses;
  const base = `/standards/${standard.slug}/draft`;

  return (
    <>
      <PageTitle title={t("draftOf", { name: standard.name })} lead={t("draftLead")} />
      {viewer ? (
        <div className="-mt-4 mb-6">
          <WatchForm
            target="standard"
            targetId={standard.id}
            watching={watched.has(`standard:${standard.id}`)}
            label={tDiscussion("thisStandard")}
          />
        </div>
      ) : null}
      <nav aria-label={t("levelFilter")} className="mb-8 flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">{t("show")}</span>
        <Link
          href={base}
          aria-current={chosen ? undefined : "page"}
          className="rounded-full border border-line px-3 py-1 aria-[current=page]:bg-accent aria-[current=page]:text-white"
        >
          {t("allClauses")}
        </Link>
        {standard.levels.map((level) => (
          <Link
            key={level.id}
            href={`${base}?level=${encodeURIComponent(level.name)}`}
            aria-current={chosen?.id === level.id ? "page" : undefined}
            className="rounded-full border border-line px-3 py-1 aria-[current=page]:bg-accent aria-[current=page]:text-white"
          >
            {t("requiredFor", { level: level.name })}
          </Link>
        ))}
        <Link href={`/standards/${standard.slug}/calls`} className="ml-auto">
          {t("callsLink")}
        </Link>
        <Link href={`/standards/${standard.slug}/objections`}>{t("objectionsLink")}</Link>
        <a href={`${base}.md`}>{t("exportMarkdown")}</a>
      </nav>
      {standard.modules.map((module) => {
        const inModule = shown.filter((clause) => clause.moduleId === module.id);
        return (
          <Section key={module.id} title={`${module.name} (${module.code})`}>
            {viewer ? (
              <div className="mb-3">
                <WatchForm
                  target="module"
                  targetId={module.id}
                  watching={watched.has(`module:${module.id}`)}
                  label={tDiscussion("thisModule")}
                />
              </div>
            ) : null}
            {inModule.length === 0 ? <p className="text-muted">{t("noClauses")}</p> : null}
            <ol className="space-y-3">
              {inModule.map((clause) => (
                <li
                  key={clause.id}
                  className={`rounded-lg border p-4 ${clause.retiredAt ? "border-dashed border-stone-400 bg-stone-50" : "border-line bg-white"}`}
                >
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <h3 className="font-semibold">
                      <Link href={`${base}/${clause.ref}`}>
                        <span className="font-mono text-sm">{clause.ref}</span> {clause.title}
                      </Link>
                    </h3>
                    <ClauseBadges
                      strength={clause.strength}
                      level={clause.levelId ? (levelOf.get(clause.levelId)?.name ?? null) : null}
                      retired={Boolean(clause.retiredAt)}
                    />
                  </div>
                  <div className="mt-2 text-sm">
                    <RichText value={clause.body} empty={t("emptyBody")} />
                  </div>
                </li>
              ))}
            </ol>
          </Section>
        );
      })}
      {viewer ? (
        <Section title={t("addTitle")}>
          <AddClauseForm
            standardSlug={standard.slug}
            axes={{
              modules: standard.modules.map(({ code, name }) => ({ code, name })),
              levels: standard.levels.map((level) => level.name),
            }}
          />
        </Section>
      ) : (
        <p className="text-muted">{t("signInToDraft")}</p>
      )}
    </>
  );
}
