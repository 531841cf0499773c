import "server-only";
import { and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { cache } from "react";
import { users } from "@/lib/auth/schema";
import { badgesOf } from "@/lib/community/queries";
import { displayName, type RoleBadge } from "@/lib/community/rules";
import type { Executor, Transaction } from "@/lib/db/client";
import type { Mapping } from "@/lib/drafting/mappings";
import type { RichText, Strength } from "@/lib/drafting/rich-text";
import { formatRef, parseRef } from "@/lib/drafting/rules";
import {
  clauseRevisions,
  clauses,
  clauseTexts,
  levels,
  modules,
  standards,
} from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";

export type StandardOverview = {
  id: string;
  slug: string;
  name: string;
  summary: string;
  modules: { code: string; name: string; summary: string }[];
  levels: { name: string; summary: string }[];
};

/**
 * Every standard with its modules and levels in order: three queries, whatever the count. The
 * featured one is the community's own: the standard set up first (the demo's IoTmark
 * Principles, or a community's first import), whatever standards are added after it, for
 * trials or neighbouring work; those follow by name.
 */
export async function listStandards(
  db: Executor,
): Promise<{ featured: StandardOverview | null; others: StandardOverview[] }> {
  const rows = await db
    .select()
    .from(standards)
    .orderBy(asc(standards.createdAt), asc(standards.name));
  if (rows.length === 0) return { featured: null, others: [] };
  const ids = rows.map((row) => row.id);
  const [moduleRows, levelRows] = await Promise.all([
    db
      .select()
      .from(modules)
      .where(inArray(modules.standardId, ids))
      .orderBy(asc(modules.position)),
    db.select().from(levels).where(inArray(levels.standardId, ids)).orderBy(asc(levels.position)),
  ]);
  const [featured, ...others] = rows.map((standard) => ({
    id: standard.id,
    slug: standard.slug,
    name: standard.name,
    summary: standard.summary,
    modules: moduleRows
      .filter((module) => module.standardId === standard.id)
      .map(({ code, name, summary }) => ({ code, name, summary })),
    levels: levelRows
      .filter((level) => level.standardId === standard.id)
      .map(({ name, summary }) => ({ name, summary })),
  }));
  return {
    featured: featured ?? null,
    others: others.sort((a, b) => a.name.localeCompare(b.name, "en")),
  };
}

/**
 * The standard's row, locked until the caller's transaction ends: whatever takes the next number
 * of a standard (a call, a release candidate) waits for the one before it.
 */
export async function lockStandard(tx: Transaction, standardId: string) {
  const [standard] = await tx
    .select()
    .from(standards)
    .where(eq(standards.id, standardId))
    .for("update");
  if (!standard) throw new DomainError("not_found");
  return standard;
}

export type StandardAxes = {
  id: string;
  slug: string;
  name: string;
  modules: { id: string; code: string; name: string; position: number }[];
  levels: { id: string; name: string; position: number }[];
};

/** A standard's modules and levels, each in order. */
export function listAxes(db: Executor, standardId: string) {
  return Promise.all([
    db
      .select()
      .from(modules)
      .where(eq(modules.standardId, standardId))
      .orderBy(asc(modules.position)),
    db.select().from(levels).where(eq(levels.standardId, standardId)).orderBy(asc(levels.position)),
  ]);
}

async function readStandardAxes(db: Executor, slug: string): Promise<StandardAxes | null> {
  const [standard] = await db.select().from(standards).where(eq(standards.slug, slug));
  if (!standard) return null;
  const [moduleRows, levelRows] = await listAxes(db, standard.id);
  return {
    id: standard.id,
    slug: standard.slug,
    name: standard.name,
    modules: moduleRows.map(({ id, code, name, position }) => ({ id, code, name, position })),
    levels: levelRows.map(({ id, name, position }) => ({ id, name, position })),
  };
}

/** Read once per request when a page and its metadata both need it (React `cache`). */
export const getStandardAxes = cache(readStandardAxes);

/**
 * How the working clause stands against what consensus adopted: the adopted revision unchanged,
 * changed since (its text, mappings, title, strength or level), or never adopted.
 */
export type Adoption = "adopted" | "changed" | "never";

export type DraftClause = {
  id: string;
  ref: string;
  title: string;
  moduleId: string;
  levelId: string | null;
  strength: Strength;
  position: number;
  retiredAt: Date | null;
  body: RichText;
  assessment: RichText;
  examples: RichText;
  /** Links to other frameworks, sorted. */
  mappings: Mapping[];
  revisionCount: number;
  adoption: Adoption;
  updatedAt: Date;
};

const draftColumns = {
  id: clauses.id,
  refCode: clauses.refCode,
  refNumber: clauses.refNumber,
  title: clauses.title,
  moduleId: clauses.moduleId,
  levelId: clauses.levelId,
  strength: clauses.strength,
  position: clauses.position,
  retiredAt: clauses.retiredAt,
  body: clauseTexts.body,
  assessment: clauseTexts.assessment,
  examples: clauseTexts.examples,
  mappings: clauseTexts.mappings,
  updatedAt: clauseTexts.updatedAt,
  revisionCount: sql<number>`(select count(*)::int from ${clauseRevisions} where ${clauseRevisions.clauseId} = ${clauses.id})`,
  // Compared in the same query as the clause, so a page of clauses costs one query. jsonb
  // equality ignores key order and whitespace, as the canonical form does.
  adoption: sql<Adoption>`case
    when ${clauses.adoptedRevisionId} is null then 'never'
    when exists (select 1 from ${clauseRevisions}
      where ${clauseRevisions.id} = ${clauses.adoptedRevisionId}
        and ${clauseRevisions.title} = ${clauses.title}
        and ${clauseRevisions.strength} = ${clauses.strength}
        and ${clauseRevisions.levelId} is not distinct from ${clauses.levelId}
        and ${clauseRevisions.body} = ${clauseTexts.body}
        and ${clauseRevisions.assessment} = ${clauseTexts.assessment}
        and ${clauseRevisions.examples} = ${clauseTexts.examples}
        and ${clauseRevisions.mappings} = ${clauseTexts.mappings}) then 'adopted'
    else 'changed' end`,
};

function toDraftClause({
  refCode,
  refNumber,
  ...row
}: { refCode: string; refNumber: number } & Omit<DraftClause, "ref">): DraftClause {
  return { ...row, ref: formatRef(refCode, refNumber) };
}

/** Where a clause stands in the draft's order: a page of clauses goes on after the last one's. */
export type DraftClauseKey = {
  modulePosition: number;
  position: number;
  refNumber: number;
  refCode: string;
};

/**
 * The clauses of the working draft, in module order then position (then reference, so the order
 * is total): one query. A filter keeps to one module, or to the clauses in force at the given
 * levels (retired ones left out); `after` and `limit` take one page of that order.
 */
export async function listDraftClauses(
  db: Executor,
  standardId: string,
  filter: { moduleId?: string; levelIds?: string[]; after?: DraftClauseKey; limit?: number } = {},
): Promise<DraftClause[]> {
  const after = filter.after;
  const query = db
    .select(draftColumns)
    .from(clauses)
    .innerJoin(clauseTexts, eq(clauseTexts.clauseId, clauses.id))
    .innerJoin(modules, eq(modules.id, clauses.moduleId))
    .where(
      and(
        eq(clauses.standardId, standardId),
        filter.moduleId ? eq(clauses.moduleId, filter.moduleId) : undefined,
        filter.levelIds
          ? and(inArray(clauses.levelId, filter.levelIds), isNull(clauses.retiredAt))
          : undefined,
        after
          ? sql`(${modules.position}, ${clauses.position}, ${clauses.refNumber}, ${clauses.refCode}) > (${after.modulePosition}, ${after.position}, ${after.refNumber}, ${after.refCode})`
          : undefined,
      ),
    )
    .orderBy(
      asc(modules.position),
      asc(clauses.position),
      asc(clauses.refNumber),
      asc(clauses.refCode),
    )
    .$dynamic();
  const rows = await (filter.limit === undefined ? query : query.limit(filter.limit));
  return rows.map(toDraftClause);
}

/** How many clauses (retired ones included) each module of a standard has, by module id. */
export async function countClausesByModule(
  db: Executor,
  standardId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .select({ moduleId: clauses.moduleId, n: count() })
    .from(clauses)
    .where(eq(clauses.standardId, standardId))
    .groupBy(clauses.moduleId);
  return new Map(rows.map((row) => [row.moduleId, row.n]));
}

export async function getDraftClause(
  db: Executor,
  standardId: string,
  ref: string,
): Promise<DraftClause | null> {
  const parsed = parseRef(ref);
  if (!parsed) return null;
  const [row] = await db
    .select(draftColumns)
    .from(clauses)
    .innerJoin(clauseTexts, eq(clauseTexts.clauseId, clauses.id))
    .where(
      and(
        eq(clauses.standardId, standardId),
        eq(clauses.refCode, parsed.code),
        eq(clauses.refNumber, parsed.number),
      ),
    );
  return row ? toDraftClause(row) : null;
}

export type RevisionRow = typeof clauseRevisions.$inferSelect & {
  authors: string[];
  /** The same authors with the roles they hold now, to show beside their names. */
  authorPeople: { id: string; name: string; badges: RoleBadge[] }[];
};

/** A clause's revisions, newest first, with their authors' display names and roles. */
export async function listRevisions(db: Executor, clauseId: string): Promise<RevisionRow[]> {
  const rows = await db
    .select()
    .from(clauseRevisions)
    .where(eq(clauseRevisions.clauseId, clauseId))
    .orderBy(desc(clauseRevisions.number));
  const ids = [...new Set(rows.flatMap((row) => [...row.authorIds, row.createdBy ?? ""]))].filter(
    Boolean,
  );
  const [people, badges] = await Promise.all([
    ids.length
      ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids))
      : [],
    badgesOf(db, ids),
  ]);
  const nameOf = new Map(people.map((person) => [person.id, displayName(person)]));
  return rows.map((row) => {
    const authorPeople = row.authorIds.map((id) => ({
      id,
      name: nameOf.get(id) ?? displayName({ id, name: null }),
      badges: badges.get(id) ?? [],
    }));
    return { ...row, authors: authorPeople.map((person) => person.name), authorPeople };
  });
}

/** The stored Yjs state of a clause's text, to place quote anchors in it. */
export async function getClauseYjsState(
  db: Executor,
  clauseId: string,
): Promise<Uint8Array | null> {
  const [row] = await db
    .select({ state: clauseTexts.yjsState })
    .from(clauseTexts)
    .where(eq(clauseTexts.clauseId, clauseId));
  return row?.state ?? null;
}
