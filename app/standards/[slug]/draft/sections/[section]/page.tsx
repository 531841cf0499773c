import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { ClauseEditor } from "@/components/clause-editor/clause-editor";
import { RichText } from "@/components/rich-text";
import { SectionBadges } from "@/components/section-badges";
import { signInLink } from "@/components/sign-in-link";
import { PageTitle, Section } from "@/components/ui/page";
import { caretColor } from "@/lib/collab/identity";
import { getViewer } from "@/lib/community/request-viewer";
import { getDb } from "@/lib/db/client";
import { pendingSectionRetirement } from "@/lib/decisions/structure";
import { getStandardAxes } from "@/lib/drafting/queries";
import { getDraftSection, listSectionRevisions } from "@/lib/drafting/section-queries";
import { getEnv } from "@/lib/env";
import {
  callPath,
  draftPath,
  draftSectionHistoryPath,
  draftSectionPath,
  newLastCallPath,
} from "@/lib/paths";
import {
  MoveSectionForm,
  RenameSectionForm,
  RetireSectionForm,
  SaveSectionRevisionForm,
} from "../../section-forms";

type Props = { params: Promise<{ slug: string; section: string }> };

/** Read once per request: the page and its metadata both need the section. */
const load = cache(async (slug: string, sectionSlug: string) => {
  const db = getDb();
  const standard = await getStandardAxes(db, slug);
  const section = standard ? await getDraftSection(db, standard.id, sectionSlug) : null;
  return standard && section ? { standard, section } : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, section } = await params;
  const found = await load(slug, section);
  return { title: found ? found.section.title : undefined };
}

/** One prose section of the working draft: its live editor, or its text for readers. */
export default async function SectionPage({ params }: Props) {
  const { slug, section: sectionSlug } = await params;
  const found = await load(slug, sectionSlug);
  if (!found) notFound();
  const { standard, section } = found;
  const path = draftSectionPath(standard.slug, section.slug);
  const [t, viewer, revisions, pendingRetirement] = await Promise.all([
    getTranslations("drafting"),
    getViewer(),
    listSectionRevisions(getDb(), section.id),
    pendingSectionRetirement(getDb(), section.id),
  ]);
  const env = getEnv();
  const editable = viewer !== null && !section.retiredAt;
  const adopted = revisions.find((revision) => revision.adopted);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={draftPath(standard.slug)}>
          {t("sections.backToDraft", { name: standard.name })}
        </Link>
      </p>
      <PageTitle
        title={section.title}
        lead={
          <SectionBadges
            kind={section.kind}
            status={section.retiredAt ? "retired" : section.adoption}
          />
        }
      />
      {pendingRetirement !== null ? (
        <p className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2">
          {t.rich("sections.retirementPending", {
            number: pendingRetirement,
            call: (chunks) => (
              <Link href={callPath(standard.slug, pendingRetirement)} className="underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : null}
      {section.kind === "definitions" ? (
        <p className="-mt-4 mb-6 max-w-2xl text-sm text-muted">{t("sections.definitionsHint")}</p>
      ) : null}
      {viewer && editable ? (
        <ClauseEditor
          clauseId={section.id}
          user={{ name: viewer.name, color: caretColor(viewer.id) }}
          collabPort={env.COLLAB_PORT}
          collabPublicUrl={env.COLLAB_PUBLIC_URL ?? null}
          section={{
            bodyLabel: t("sections.fields.body"),
            readOnlyNow: t("sections.readOnlyNow"),
          }}
        />
      ) : (
        <>
          {section.retiredAt ? (
            <p className="mb-4 text-muted">{t("sections.retiredExplained")}</p>
          ) : null}
          <div className="prose-clause mb-6 rounded-lg border border-line bg-white p-4">
            <RichText value={section.body} empty={t("emptyField")} />
          </div>
          {!viewer ? (
            <p className="text-muted">
              {t.rich("sections.signInToDraft", { link: signInLink(path) })}
            </p>
          ) : null}
        </>
      )}
      <p className="my-6">
        <Link href={draftSectionHistoryPath(standard.slug, section.slug)}>
          {t("sections.history", { count: section.revisionCount })}
        </Link>
        {adopted ? (
          <span className="ml-3 text-sm text-muted">
            {t("sections.adoptedRevision", { number: adopted.number })}
          </span>
        ) : null}
        {viewer && editable ? (
          <Link className="ml-3" href={newLastCallPath(standard.slug, `section:${section.slug}`)}>
            {t("sections.propose")}
          </Link>
        ) : null}
      </p>
      {viewer && editable ? (
        <div className="grid gap-10 lg:grid-cols-2">
          <Section title={t("sections.revisionTitle")}>
            <SaveSectionRevisionForm sectionId={section.id} />
          </Section>
          <Section title={t("sections.renameTitle")}>
            <RenameSectionForm sectionId={section.id} title={section.title} />
            <div className="mt-6 flex flex-wrap items-start gap-3">
              <MoveSectionForm sectionId={section.id} direction="up" />
              <MoveSectionForm sectionId={section.id} direction="down" />
              {pendingRetirement === null ? (
                <RetireSectionForm
                  sectionId={section.id}
                  standardSlug={standard.slug}
                  title={section.title}
                  adopted={section.adoption !== "never"}
                />
              ) : null}
            </div>
          </Section>
        </div>
      ) : null}
    </>
  );
}
