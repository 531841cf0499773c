import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache, type ReactNode } from "react";
import { ClauseBadges } from "@/components/clause-badges";
import { ClauseEditor } from "@/components/clause-editor/clause-editor";
import { CallList } from "@/components/decisions/call-list";
import { NewThreadForm, WatchForm } from "@/components/discussion/discussion-forms";
import { ThreadList } from "@/components/discussion/thread-list";
import { MappingList } from "@/components/frameworks/mapping-list";
import { RichText } from "@/components/rich-text";
import { signInLink } from "@/components/sign-in-link";
import { PageTitle, Section } from "@/components/ui/page";
import { caretColor } from "@/lib/collab/identity";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { clausePageDetails, findDraftClause } from "@/lib/decisions/clause-page";
import { clauseFields } from "@/lib/drafting/rich-text";
import { getEnv } from "@/lib/env";
import {
  callPath,
  clauseHistoryPath,
  draftClausePath,
  draftPath,
  frameworksPath,
  newCallPath,
} from "@/lib/paths";
import { readerLocale } from "@/lib/reader-locale";
import {
  ClauseMetaForm,
  MoveClauseForm,
  ProposeRestoreForm,
  RetireClauseForm,
  SaveRevisionForm,
} from "../forms";
import { AddMappingForm, RemoveMappingForm } from "../mapping-forms";

type Props = {
  params: Promise<{ slug: string; ref: string }>;
  /** `form`: a discussion form to draw open, for a reader without scripts. */
  searchParams: Promise<{ form?: string | string[] }>;
};

/** Read once per request: the page and its metadata both need the clause. */
const load = cache((slug: string, ref: string) => findDraftClause(getDb(), slug, ref));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, ref } = await params;
  const found = await load(slug, ref);
  return { title: found ? `${found.clause.ref} ${found.clause.title}` : undefined };
}

export default async function ClausePage({ params, searchParams }: Props) {
  const [{ slug, ref }, { form }] = await Promise.all([params, searchParams]);
  const found = await load(slug, ref);
  if (!found) notFound();
  const { standard, clause } = found;
  const clausePath = draftClausePath(standard.slug, clause.ref);
  const [t, tDiscussion, tFrameworks, viewer] = await Promise.all([
    getTranslations("drafting"),
    getTranslations("discussion"),
    getTranslations("frameworks"),
    getViewer(),
  ]);
  const { threads, watched, trail, pending, frameworks } = await clausePageDetails(
    getDb(),
    found,
    viewer,
    await readerLocale(),
  );
  const pendingRetirement = pending.find((entry) => entry.kind === "retire_clause");
  const pendingRestoration = pending.find((entry) => entry.kind === "restore_clause");
  const pendingMove = pending.find((entry) => entry.kind === "move_clause");
  const callLink = (number: number) => (chunks: ReactNode) => (
    <Link href={callPath(standard.slug, number)}>{chunks}</Link>
  );
  const adopted = trail.adoptedRevision !== null;
  const tDecisions = await getTranslations("decisions");
  const env = getEnv();
  const level = standard.levels.find((entry) => entry.id === clause.levelId);
  const module = standard.modules.find((entry) => entry.id === clause.moduleId);
  const editable = viewer !== null && !clause.retiredAt;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={draftPath(standard.slug)}>{t("backToDraft", { name: standard.name })}</Link>
      </p>
      <PageTitle
        title={`${clause.ref} ${clause.title}`}
        lead={
          <>
            {module ? `${module.name} · ` : null}
            <ClauseBadges
              strength={clause.strength}
              level={level?.name ?? null}
              status={clause.retiredAt ? "retired" : clause.adoption}
            />
          </>
        }
      />
      {pending.map((entry) => (
        <p
          key={`${entry.kind}-${entry.callNumber}`}
          className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2"
        >
          {entry.kind === "retire_clause"
            ? t.rich("retirementPending", {
                number: entry.callNumber,
                call: callLink(entry.callNumber),
              })
            : entry.kind === "restore_clause"
              ? t.rich("restorationPending", {
                  number: entry.callNumber,
                  call: callLink(entry.callNumber),
                })
              : t.rich("movePending", {
                  number: entry.callNumber,
                  module: entry.moduleCode ?? "",
                  call: callLink(entry.callNumber),
                })}
        </p>
      ))}
      {viewer && clause.retiredAt && !pendingRestoration ? (
        <ProposeRestoreForm
          clauseId={clause.id}
          standardSlug={standard.slug}
          label={t("proposeRestoreConfirm", { ref: clause.ref })}
        />
      ) : null}
      {viewer && editable ? (
        <ClauseEditor
          clauseId={clause.id}
          user={viewer.standIn ? undefined : { name: viewer.name, color: caretColor(viewer.id) }}
          collabPort={env.COLLAB_PORT}
          collabPublicUrl={env.COLLAB_PUBLIC_URL ?? null}
        />
      ) : (
        <>
          {clause.retiredAt ? <p className="mb-4 text-muted">{t("retiredExplained")}</p> : null}
          {clauseFields.map((field) => (
            <Section key={field} title={t(`editor.fields.${field}`)}>
              <RichText value={clause[field]} empty={t("emptyField")} />
            </Section>
          ))}
          {!viewer ? (
            <p className="text-muted">
              {t.rich("signInToDraft", { link: signInLink(clausePath) })}
            </p>
          ) : null}
        </>
      )}
      <Section title={tFrameworks("mappings")} id="mappings">
        <p className="mb-3 text-sm text-muted">{tFrameworks("mappingsLead")}</p>
        {clause.mappings.length === 0 ? (
          <p className="mb-3 text-muted">{tFrameworks("noMappings")}</p>
        ) : (
          <MappingList
            mappings={clause.mappings}
            frameworks={frameworks}
            action={
              viewer && editable
                ? (mapping, frameworkName) => (
                    <RemoveMappingForm
                      clauseId={clause.id}
                      mapping={mapping}
                      frameworkName={frameworkName}
                    />
                  )
                : undefined
            }
          />
        )}
        {viewer && editable ? (
          <div className="mt-4 max-w-3xl">
            <h3 className="mb-3 text-lg font-semibold">{tFrameworks("addMappingTitle")}</h3>
            {frameworks.length > 0 ? (
              <AddMappingForm clauseId={clause.id} frameworks={frameworks} />
            ) : (
              <p className="text-muted">
                {tFrameworks.rich("noFrameworks", {
                  link: (chunks) => (
                    <Link href={frameworksPath(standard.slug)} className="underline">
                      {chunks}
                    </Link>
                  ),
                })}
              </p>
            )}
          </div>
        ) : null}
      </Section>
      <p className="my-6">
        <Link href={clauseHistoryPath(standard.slug, clause.ref)}>
          {t("history", { count: clause.revisionCount })}
        </Link>
      </p>
      <Section title={tDecisions("calls")}>
        <p className="mb-3">
          {trail.adoptedRevision
            ? tDecisions("adoptedRevision", { number: trail.adoptedRevision })
            : tDecisions("noAdoptedRevision")}
          {viewer && !clause.retiredAt ? (
            <>
              {" · "}
              <Link href={newCallPath(standard.slug, clause.ref)}>
                {tDecisions("proposeAdoption")}
              </Link>
            </>
          ) : null}
        </p>
        <CallList calls={trail.calls} empty={tDecisions("noCallsOnClause")} />
      </Section>
      <Section title={tDiscussion("title", { count: threads.length })}>
        {viewer ? (
          // A <div>, not a <p>: a form may not sit in a paragraph, and the browser would split
          // the two apart before React hydrates the page.
          <div className="mb-4">
            <WatchForm
              target="clause"
              targetId={clause.id}
              watching={viewer.standIn ? undefined : watched.has(`clause:${clause.id}`)}
              label={tDiscussion("thisClause")}
            />
          </div>
        ) : null}
        <ThreadList
          threads={threads}
          viewer={viewer}
          openForm={typeof form === "string" ? form : undefined}
        />
        {viewer ? (
          <div className="mt-6">
            <h3 className="mb-3 text-lg font-semibold">{tDiscussion("new")}</h3>
            <NewThreadForm clauseId={clause.id} />
          </div>
        ) : (
          <p className="mt-4 text-muted">
            {tDiscussion.rich("signIn", { link: signInLink(clausePath) })}
          </p>
        )}
      </Section>
      {viewer && editable ? (
        <div className="grid gap-10 lg:grid-cols-2">
          <Section title={t("revisionTitle")}>
            <SaveRevisionForm clauseId={clause.id} />
          </Section>
          <Section title={t("structureTitle")}>
            <ClauseMetaForm
              clauseId={clause.id}
              standardSlug={standard.slug}
              adopted={adopted && !pendingMove}
              axes={{
                modules: standard.modules.map(({ code, name }) => ({ code, name })),
                levels: standard.levels.map((entry) => entry.name),
              }}
              values={{
                title: clause.title,
                moduleCode: module?.code ?? "",
                level: level?.name ?? "",
                strength: clause.strength,
              }}
            />
            <div className="mt-6 flex flex-wrap items-start gap-3">
              <MoveClauseForm clauseId={clause.id} direction="up" label={t("moveUp")} />
              <MoveClauseForm clauseId={clause.id} direction="down" label={t("moveDown")} />
              {pendingRetirement ? null : (
                <RetireClauseForm
                  clauseId={clause.id}
                  standardSlug={standard.slug}
                  adopted={adopted}
                  label={t("retireConfirm", { ref: clause.ref })}
                />
              )}
            </div>
          </Section>
        </div>
      ) : null}
    </>
  );
}
