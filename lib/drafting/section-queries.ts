import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import { displayName } from "@/lib/community/rules";
import type { Executor } from "@/lib/db/client";
import type { Adoption } from "@/lib/drafting/queries";
import type { RichText } from "@/lib/drafting/rich-text";
import { sectionRevisions, sections, sectionTexts } from "@/lib/drafting/schema";
import type { SectionKind } from "@/lib/drafting/sections-rules";

export type DraftSection = {
  id: string;
  slug: string;
  kind: SectionKind;
  title: string;
  position: number;
  retiredAt: Date | null;
  body: RichText;
  updatedAt: Date;
  revisionCount: number;
  /** Against the adopted revision, as for clauses: unchanged, changed since, or never adopted. */
  adoption: Adoption;
};

const draftColumns = {
  id: sections.id,
  slug: sections.slug,
  kind: sections.kind,
  title: sections.title,
  position: sections.position,
  retiredAt: sections.retiredAt,
  body: sectionTexts.body,
  updatedAt: sectionTexts.updatedAt,
  revisionCount: sql<number>`(select count(*)::int from ${sectionRevisions} where ${sectionRevisions.sectionId} = ${sections.id})`,
  // jsonb equality ignores key order and whitespace, as the stored form does.
  adoption: sql<Adoption>`case
    when ${sections.adoptedRevisionId} is null then 'never'
    when exists (select 1 from ${sectionRevisions}
      where ${sectionRevisions.id} = ${sections.adoptedRevisionId}
        and ${sectionRevisions.title} = ${sections.title}
        and ${sectionRevisions.body} = ${sectionTexts.body}) then 'adopted'
    else 'changed' end`,
};

/** The sections of a standard's working draft in order, retired ones included: one query. */
export async function listDraftSections(db: Executor, standardId: string): Promise<DraftSection[]> {
  return db
    .select(draftColumns)
    .from(sections)
    .innerJoin(sectionTexts, eq(sectionTexts.sectionId, sections.id))
    .where(eq(sections.standardId, standardId))
    .orderBy(asc(sections.position), asc(sections.slug));
}

export async function getDraftSection(
  db: Executor,
  standardId: string,
  slug: string,
): Promise<DraftSection | null> {
  const [row] = await db
    .select(draftColumns)
    .from(sections)
    .innerJoin(sectionTexts, eq(sectionTexts.sectionId, sections.id))
    .where(and(eq(sections.standardId, standardId), eq(sections.slug, slug)));
  return row ?? null;
}

export type SectionRevisionRow = typeof sectionRevisions.$inferSelect & {
  authors: string[];
  createdByName: string | null;
  adopted: boolean;
};

/** A section's revisions, newest first, with their authors' display names. */
export async function listSectionRevisions(
  db: Executor,
  sectionId: string,
): Promise<SectionRevisionRow[]> {
  const [section] = await db
    .select({ adoptedRevisionId: sections.adoptedRevisionId })
    .from(sections)
    .where(eq(sections.id, sectionId));
  const rows = await db
    .select()
    .from(sectionRevisions)
    .where(eq(sectionRevisions.sectionId, sectionId))
    .orderBy(desc(sectionRevisions.number));
  const ids = [...new Set(rows.flatMap((row) => [...row.authorIds, row.createdBy ?? ""]))].filter(
    Boolean,
  );
  const people = ids.length
    ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))
    : [];
  const nameOf = new Map(people.map((person) => [person.id, displayName(person)]));
  const name = (id: string) => nameOf.get(id) ?? displayName({ id, name: null });
  return rows.map((row) => ({
    ...row,
    authors: row.authorIds.map(name),
    createdByName: row.createdBy ? name(row.createdBy) : null,
    adopted: row.id === section?.adoptedRevisionId,
  }));
}
