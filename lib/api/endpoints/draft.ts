import "server-only";
import { z } from "zod";
import { defineEndpoint, type Endpoint } from "@/lib/api/endpoint";
import {
  mapping,
  pageInOrder,
  requireStandard,
  rich,
  richText,
  sectionKind,
  strength,
} from "@/lib/api/endpoints/standard-shapes";
import { decodeCursor, pageOf, pageQuery, pageSchema } from "@/lib/api/paging";
import { ApiProblem } from "@/lib/api/problem";
import { iso, pageUrl, refParam, slugParam, timestamp } from "@/lib/api/values";
import type { Executor } from "@/lib/db/client";
import {
  type DraftClause,
  getDraftClause,
  listDraftClauses,
  listRevisions,
  type StandardAxes,
} from "@/lib/drafting/queries";
import { clausePlainText, plainTextOf } from "@/lib/drafting/rich-text";
import { parseRef } from "@/lib/drafting/rules";
import { revisionKind } from "@/lib/drafting/schema";
import { listDraftSections } from "@/lib/drafting/section-queries";
import { clauseHistoryPath, draftClausePath, draftSectionPath } from "@/lib/paths";

/*
 * The working draft as its pages show it to anyone: clauses (filtered as the draft page filters
 * them), each clause's revisions with their authors' public names, and the prose sections.
 */

const adoption = z
  .enum(["adopted", "changed", "never"])
  .describe(
    "Against what consensus adopted: the adopted text unchanged, changed since, or never adopted.",
  );

const draftClause = z.object({
  ref: z.string().describe("The clause's stable reference, never reused."),
  title: z.string(),
  module: z.object({ code: z.string(), name: z.string() }),
  position: z.number().int().describe("Order within its module."),
  strength,
  level: z
    .string()
    .nullable()
    .describe("The lowest level that requires the clause; null when only recommended."),
  levels: z
    .array(z.string())
    .describe("Every level that requires the clause: its level and those above it."),
  state: z.enum(["active", "retired"]),
  retiredAt: timestamp.nullable(),
  adoption,
  text: z.string().describe("The text, assessment criteria and examples as plain text."),
  body: richText,
  assessment: richText,
  examples: richText,
  mappings: z.array(mapping).describe("Links to provisions of other frameworks, sorted."),
  revisionCount: z.number().int(),
  updatedAt: timestamp,
  url: pageUrl,
  historyUrl: pageUrl.describe("The page of the clause's revisions."),
});

/** A draft clause as the API shows it, with its module and levels by name. */
function clauseView(standard: StandardAxes, clause: DraftClause, origin: string) {
  const module = standard.modules.find((candidate) => candidate.id === clause.moduleId);
  const level = standard.levels.find((candidate) => candidate.id === clause.levelId) ?? null;
  return {
    ref: clause.ref,
    title: clause.title,
    module: { code: module?.code ?? "", name: module?.name ?? "" },
    position: clause.position,
    strength: clause.strength,
    level: level?.name ?? null,
    levels: level
      ? standard.levels.filter((above) => above.position >= level.position).map((l) => l.name)
      : [],
    state: clause.retiredAt ? ("retired" as const) : ("active" as const),
    retiredAt: iso(clause.retiredAt),
    adoption: clause.adoption,
    text: clausePlainText(clause),
    body: rich(clause.body),
    assessment: rich(clause.assessment),
    examples: rich(clause.examples),
    mappings: clause.mappings,
    revisionCount: clause.revisionCount,
    updatedAt: iso(clause.updatedAt),
    url: `${origin}${draftClausePath(standard.slug, clause.ref)}`,
    historyUrl: `${origin}${clauseHistoryPath(standard.slug, clause.ref)}`,
  };
}

/** The clause with this reference in the standard's draft, or a 404. */
async function requireClause(db: Executor, standard: StandardAxes, ref: string) {
  const clause = await getDraftClause(db, standard.id, ref);
  if (!clause) throw new ApiProblem("not_found", `No clause ${ref} in "${standard.slug}".`);
  return clause;
}

const slugOnly = z.object({ slug: slugParam });
const clauseParams = z.object({ slug: slugParam, ref: refParam });

const listClauses = defineEndpoint({
  method: "GET",
  path: "/standards/{slug}/draft/clauses",
  operationId: "listDraftClauses",
  summary: "The working draft's clauses",
  description:
    "In module order, then position within the module. `module` and `level` filter as on the draft page.",
  group: "Working draft",
  params: slugOnly,
  query: z.object({
    ...pageQuery,
    module: z.string().max(60).optional().describe("A module's code: only that module's clauses."),
    level: z
      .string()
      .max(60)
      .optional()
      .describe(
        "A level's name: only the clauses in force that this level (or one below it) requires.",
      ),
  }),
  response: pageSchema(draftClause),
  example: { path: "/standards/iotmark/draft/clauses?module=SW&level=Silver&limit=5" },
  handle: async ({ db, params, query, origin }) => {
    const standard = await requireStandard(db, params.slug);
    const module = query.module
      ? standard.modules.find((candidate) => candidate.code === query.module)
      : undefined;
    if (query.module && !module) {
      throw new ApiProblem("bad_parameter", `"${query.module}" is not one of its modules.`, [
        { name: "module", reason: "unknown" },
      ]);
    }
    const level = query.level
      ? standard.levels.find((candidate) => candidate.name === query.level)
      : undefined;
    if (query.level && !level) {
      throw new ApiProblem("bad_parameter", `"${query.level}" is not one of its levels.`, [
        { name: "level", reason: "unknown" },
      ]);
    }
    const after = query.cursor
      ? decodeCursor(query.cursor, ["number", "number", "number", "string"])
      : null;
    const rows = await listDraftClauses(db, standard.id, {
      moduleId: module?.id,
      levelIds: level
        ? standard.levels.filter((lower) => lower.position <= level.position).map((l) => l.id)
        : undefined,
      after: after
        ? { modulePosition: after[0], position: after[1], refNumber: after[2], refCode: after[3] }
        : undefined,
      limit: query.limit + 1,
    });
    const modulePosition = new Map(standard.modules.map((m) => [m.id, m.position]));
    const page = pageOf(rows, query.limit, (clause) => {
      const ref = parseRef(clause.ref);
      return [
        modulePosition.get(clause.moduleId) ?? 0,
        clause.position,
        ref?.number ?? 0,
        ref?.code ?? "",
      ];
    });
    return {
      next: page.next,
      data: page.data.map((clause) => clauseView(standard, clause, origin)),
    };
  },
});

const getClause = defineEndpoint({
  method: "GET",
  path: "/standards/{slug}/draft/clauses/{ref}",
  operationId: "getDraftClause",
  summary: "One clause of the working draft",
  group: "Working draft",
  params: clauseParams,
  response: draftClause,
  example: { path: "/standards/iotmark/draft/clauses/SW-1" },
  handle: async ({ db, params, origin }) => {
    const standard = await requireStandard(db, params.slug);
    return clauseView(standard, await requireClause(db, standard, params.ref), origin);
  },
});

const revision = z.object({
  number: z.number().int(),
  kind: z.enum(revisionKind.enumValues),
  note: z.string(),
  createdAt: timestamp,
  authors: z
    .array(
      z.object({
        name: z.string().describe("The name the person shows publicly."),
        roles: z
          .array(z.enum(["secretariat", "ag_chair", "ag_member", "sc_chair", "sc_member"]))
          .describe("The roles they hold now, most senior first."),
      }),
    )
    .describe("Who changed the text since the revision before; empty when nobody did."),
  title: z.string(),
  strength,
  level: z.string().nullable(),
  text: z.string().describe("The revision's text as plain text."),
  body: richText,
  assessment: richText,
  examples: richText,
  mappings: z.array(mapping),
});

const listClauseRevisions = defineEndpoint({
  method: "GET",
  path: "/standards/{slug}/draft/clauses/{ref}/revisions",
  operationId: "listClauseRevisions",
  summary: "A draft clause's revisions, newest first",
  group: "Working draft",
  params: clauseParams,
  query: z.object(pageQuery),
  response: pageSchema(revision).extend({ historyUrl: pageUrl }),
  example: { path: "/standards/iotmark/draft/clauses/SW-1/revisions" },
  handle: async ({ db, params, query, origin }) => {
    const standard = await requireStandard(db, params.slug);
    const clause = await requireClause(db, standard, params.ref);
    const levelName = new Map(standard.levels.map((level) => [level.id, level.name]));
    const page = pageInOrder(await listRevisions(db, clause.id), query, ["number"], (row) => [
      row.number,
    ]);
    return {
      next: page.next,
      historyUrl: `${origin}${clauseHistoryPath(standard.slug, clause.ref)}`,
      data: page.data.map((row) => ({
        number: row.number,
        kind: row.kind,
        note: row.note,
        createdAt: iso(row.createdAt),
        authors: row.authorPeople.map((person) => ({ name: person.name, roles: person.badges })),
        title: row.title,
        strength: row.strength,
        level: row.levelId ? (levelName.get(row.levelId) ?? null) : null,
        text: row.plainText,
        body: rich(row.body),
        assessment: rich(row.assessment),
        examples: rich(row.examples),
        mappings: row.mappings,
      })),
    };
  },
});

const draftSection = z.object({
  slug: z.string().describe("The section's permalink anchor, never reused."),
  kind: sectionKind,
  title: z.string(),
  position: z.number().int(),
  state: z.enum(["active", "retired"]),
  retiredAt: timestamp.nullable(),
  adoption,
  text: z.string().describe("The section's text as plain text."),
  body: richText,
  revisionCount: z.number().int(),
  updatedAt: timestamp,
  url: pageUrl,
});

const listSections = defineEndpoint({
  method: "GET",
  path: "/standards/{slug}/draft/sections",
  operationId: "listDraftSections",
  summary: "The working draft's prose sections, in order",
  description: "Scope, introduction, terminology and the like, shown before the modules.",
  group: "Working draft",
  params: slugOnly,
  query: z.object(pageQuery),
  response: pageSchema(draftSection),
  example: { path: "/standards/iotmark/draft/sections" },
  handle: async ({ db, params, query, origin }) => {
    const standard = await requireStandard(db, params.slug);
    const sections = await listDraftSections(db, standard.id);
    const page = pageInOrder(sections, query, ["number", "string"], (section) => [
      section.position,
      section.slug,
    ]);
    return {
      next: page.next,
      data: page.data.map((section) => ({
        slug: section.slug,
        kind: section.kind,
        title: section.title,
        position: section.position,
        state: section.retiredAt ? ("retired" as const) : ("active" as const),
        retiredAt: iso(section.retiredAt),
        adoption: section.adoption,
        text: plainTextOf(section.body).trim(),
        body: rich(section.body),
        revisionCount: section.revisionCount,
        updatedAt: iso(section.updatedAt),
        url: `${origin}${draftSectionPath(standard.slug, section.slug)}`,
      })),
    };
  },
});

/** The working draft: clauses with their revisions, and prose sections. */
export const draftEndpoints: Endpoint[] = [
  listClauses,
  getClause,
  listClauseRevisions,
  listSections,
];
