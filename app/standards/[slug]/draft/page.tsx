import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ClauseBadges } from "@/components/clause-badges";
import { WatchForm } from "@/components/discussion/discussion-forms";
import { RichText } from "@/components/rich-text";
import { signInLink } from "@/components/sign-in-link";
import { PageTitle, Section } from "@/components/ui/page";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { pendingStructure } from "@/lib/decisions/structure";
import { getDraftPage } from "@/lib/drafting/draft-page";
import { getStandardAxes } from "@/lib/drafting/queries";
import { listDraftSections } from "@/lib/drafting/section-queries";
import { watchedKeys } from "@/lib/notifications/queries";
import {
  callPath,
  callsPath,
  draftClausePath,
  draftMarkdownPath,
  draftPath,
  objectionsPath,
} from "@/lib/paths";
import { AddClauseForm } from "./forms";
import { DraftSections } from "./sections-list";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ level?: string | string[]; module?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const standard = await getStandardAxes(getDb(), (await params).slug);
  const t = await getTranslations("drafting");
  return { title: standard ? t("draftOf", { name: standard.name }) : t("draft") };
}

const one = (value: string | string[] | undefined) =>
  typeof value === "string" ? value : undefined;

/**
 * The working draft one module at a time (a large standard would cost its whole size on every
 * view), with module and level choices that work as plain links.
 */
export default async function DraftPage({ params, searchParams }: Props) {
  const db = getDb();
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const draft = await getDraftPage(db, slug, {
    module: one(query.module),
    level: one(query.level),
  });
  if (!draft) notFound();
  const { standard, module: current, level: chosen, counts, clauses: shown } = draft;
  const [t, tDiscussion, viewer] = await Promise.all([
    getTranslations("drafting"),
    getTranslations("discussion"),
    getViewer(),
  ]);
  // Retirements and moves a call still has to decide: the clause stays as it is until then.
  const pending = await pendingStructure(
    db,
    standard.id,
    shown.map((clause) => clause.id),
  );
  const sections = await listDraftSections(db, standard.id);
  const watched = viewer
    ? await watchedKeys(db, viewer.id, [standard.id, ...(current ? [current.id] : [])])
    : new Set<string>();
  const levelOf = new Map(standard.levels.map((level) => [level.id, level]));
  const href = (module: string | undefined, level: string | undefined) =>
    draftPath(standard.slug, { module, level });

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
          href={href(current?.code, undefined)}
          aria-current={chosen ? undefined : "page"}
          className="rounded-full border border-line px-3 py-1 aria-[current=page]:bg-accent aria-[current=page]:text-white"
        >
          {t("allClauses")}
        </Link>
        {standard.levels.map((level) => (
          <Link
            key={level.id}
            href={href(current?.code, level.name)}
            aria-current={chosen?.id === level.id ? "page" : undefined}
            className="rounded-full border border-line px-3 py-1 aria-[current=page]:bg-accent aria-[current=page]:text-white"
          >
            {t("requiredFor", { level: level.name })}
          </Link>
        ))}
        <Link href={callsPath(standard.slug)} className="ml-auto">
          {t("callsLink")}
        </Link>
        <Link href={objectionsPath(standard.slug)}>{t("objectionsLink")}</Link>
        <a href={draftMarkdownPath(standard.slug)}>{t("exportMarkdown")}</a>
      </nav>
      <DraftSections standardSlug={standard.slug} sections={sections} signedIn={viewer !== null} />
      <nav aria-label={t("moduleNav")} className="mb-8 flex flex-wrap gap-2 text-sm">
        {standard.modules.map((module) => (
          <Link
            key={module.id}
            href={href(module.code, chosen?.name)}
            aria-current={current?.id === module.id ? "page" : undefined}
            className="rounded-md border border-line px-3 py-1 aria-[current=page]:bg-accent aria-[current=page]:text-white"
          >
            {module.name} ({module.code}) ·{" "}
            {t("moduleClauses", { count: counts.get(module.id) ?? 0 })}
          </Link>
        ))}
      </nav>
      {current ? (
        <Section title={`${current.name} (${current.code})`}>
          {viewer ? (
            <div className="mb-3">
              <WatchForm
                target="module"
                targetId={current.id}
                watching={watched.has(`module:${current.id}`)}
                label={tDiscussion("thisModule")}
              />
            </div>
          ) : null}
          {shown.length === 0 ? <p className="text-muted">{t("noClauses")}</p> : null}
          <ol className="space-y-3">
            {shown.map((clause) => (
              <li
                key={clause.id}
                className={`rounded-lg border p-4 ${clause.retiredAt ? "border-dashed border-stone-400 bg-stone-50" : "border-line bg-white"}`}
              >
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-semibold">
                    <Link href={draftClausePath(standard.slug, clause.ref)}>
                      <span className="font-mono text-sm">{clause.ref}</span> {clause.title}
                    </Link>
                  </h3>
                  <ClauseBadges
                    strength={clause.strength}
                    level={clause.levelId ? (levelOf.get(clause.levelId)?.name ?? null) : null}
                    status={clause.retiredAt ? "retired" : clause.adoption}
                  />
                </div>
                {pending
                  .filter((entry) => entry.clauseId === clause.id)
                  .map((entry) => (
                    <p key={entry.kind} className="mt-1 text-sm text-amber-900">
                      {t.rich("pendingShort", {
                        kind: entry.kind,
                        module: entry.moduleCode ?? "",
                        number: entry.callNumber,
                        call: (chunks) => (
                          <Link href={callPath(standard.slug, entry.callNumber)}>{chunks}</Link>
                        ),
                      })}
                    </p>
                  ))}
                <div className="mt-2 text-sm">
                  <RichText value={clause.body} empty={t("emptyBody")} />
                </div>
              </li>
            ))}
          </ol>
        </Section>
      ) : null}
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
        <p className="text-muted">
          {t.rich("signInToDraft", {
            link: signInLink(href(current?.code, chosen?.name)),
          })}
        </p>
      )}
    </>
  );
}
