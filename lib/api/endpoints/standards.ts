import "server-only";
import { asc, eq, gt } from "drizzle-orm";
import { z } from "zod";
import { defineEndpoint, type Endpoint } from "@/lib/api/endpoint";
import { pageInOrder } from "@/lib/api/endpoints/standard-shapes";
import { decodeCursor, pageOf, pageQuery, pageSchema } from "@/lib/api/paging";
import { ApiProblem } from "@/lib/api/problem";
import { iso, pageUrl, slugParam, timestamp } from "@/lib/api/values";
import type { Executor } from "@/lib/db/client";
import { listAxes } from "@/lib/drafting/queries";
import { standards } from "@/lib/drafting/schema";
import {
  draftPath,
  frameworksPath,
  releaseExportPath,
  releasePath,
  releasesPath,
  standardPath,
} from "@/lib/paths";
import { listReleases } from "@/lib/releases/queries";

const standardSummary = z.object({
  slug: z.string(),
  name: z.string(),
  summary: z.string(),
  createdAt: timestamp,
  url: pageUrl,
});

const listStandards = defineEndpoint({
  method: "GET",
  path: "/standards",
  operationId: "listStandards",
  summary: "List the standards",
  group: "Standards",
  query: z.object(pageQuery),
  response: pageSchema(standardSummary),
  example: { path: "/standards" },
  handle: async ({ db, query, origin }) => {
    const after = query.cursor ? decodeCursor(query.cursor, ["string"])[0] : null;
    const rows = await db
      .select()
      .from(standards)
      .where(after === null ? undefined : gt(standards.slug, after))
      .orderBy(asc(standards.slug))
      .limit(query.limit + 1);
    const page = pageOf(rows, query.limit, (row) => [row.slug]);
    return {
      next: page.next,
      data: page.data.map((row) => ({
        slug: row.slug,
        name: row.name,
        summary: row.summary,
        createdAt: iso(row.createdAt),
        url: `${origin}/standards/${row.slug}`,
      })),
    };
  },
});

const moduleShape = z.object({
  code: z.string().describe("The module's code, as clause references and filters name it."),
  name: z.string(),
  summary: z.string(),
  position: z.number().int(),
});

const levelShape = z.object({
  name: z.string().describe("The level's name, as filters name it."),
  summary: z.string(),
  position: z
    .number()
    .int()
    .describe("Lowest first: a level requires everything the levels below it require."),
});

const standardShape = standardSummary.extend({
  modules: z.array(moduleShape),
  levels: z.array(levelShape),
  latestRelease: z
    .object({ version: z.string(), url: pageUrl, jsonUrl: z.url() })
    .nullable()
    .describe("The newest release that is not withdrawn; null before the first."),
  draftUrl: pageUrl.describe("The working draft's page."),
  releasesUrl: pageUrl.describe("The page listing every release."),
  frameworksUrl: pageUrl.describe("The page of the frameworks its clauses map to."),
});

const params = z.object({ slug: slugParam });

/** The standard's row with its modules and levels in order (with their summaries), or a 404. */
async function standardWithAxes(db: Executor, slug: string) {
  const [standard] = await db.select().from(standards).where(eq(standards.slug, slug));
  if (!standard) throw new ApiProblem("not_found", `No standard "${slug}".`);
  const [moduleRows, levelRows] = await listAxes(db, standard.id);
  return {
    standard,
    modules: moduleRows.map(({ code, name, summary, position }) => ({
      code,
      name,
      summary,
      position,
    })),
    levels: levelRows.map(({ name, summary, position }) => ({ name, summary, position })),
  };
}

const getStandard = defineEndpoint({
  method: "GET",
  path: "/standards/{slug}",
  operationId: "getStandard",
  summary: "One standard, with its modules and levels",
  group: "Standards",
  params,
  response: standardShape,
  example: { path: "/standards/iotmark" },
  handle: async ({ db, params, origin }) => {
    const { standard, modules, levels } = await standardWithAxes(db, params.slug);
    const latest = (await listReleases(db, standard.slug)).find((r) => !r.withdrawal) ?? null;
    return {
      slug: standard.slug,
      name: standard.name,
      summary: standard.summary,
      createdAt: iso(standard.createdAt),
      url: `${origin}${standardPath(standard.slug)}`,
      modules,
      levels,
      latestRelease: latest
        ? {
            version: latest.version,
            url: `${origin}${releasePath(standard.slug, latest.version)}`,
            jsonUrl: `${origin}${releaseExportPath(standard.slug, latest.version, "json")}`,
          }
        : null,
      draftUrl: `${origin}${draftPath(standard.slug)}`,
      releasesUrl: `${origin}${releasesPath(standard.slug)}`,
      frameworksUrl: `${origin}${frameworksPath(standard.slug)}`,
    };
  },
});

const listModules = defineEndpoint({
  method: "GET",
  path: "/standards/{slug}/modules",
  operationId: "listModules",
  summary: "A standard's modules, in order",
  group: "Standards",
  params,
  query: z.object(pageQuery),
  response: pageSchema(moduleShape.extend({ draftUrl: pageUrl })),
  example: { path: "/standards/iotmark/modules" },
  handle: async ({ db, params, query, origin }) => {
    const { modules } = await standardWithAxes(db, params.slug);
    const page = pageInOrder(modules, query, ["number"], (module) => [module.position]);
    return {
      next: page.next,
      data: page.data.map((module) => ({
        ...module,
        draftUrl: `${origin}${draftPath(params.slug, { module: module.code })}`,
      })),
    };
  },
});

const listLevels = defineEndpoint({
  method: "GET",
  path: "/standards/{slug}/levels",
  operationId: "listLevels",
  summary: "A standard's levels, lowest first",
  group: "Standards",
  params,
  query: z.object(pageQuery),
  response: pageSchema(levelShape.extend({ draftUrl: pageUrl })),
  example: { path: "/standards/iotmark/levels" },
  handle: async ({ db, params, query, origin }) => {
    const { levels } = await standardWithAxes(db, params.slug);
    const page = pageInOrder(levels, query, ["number"], (level) => [level.position]);
    return {
      next: page.next,
      data: page.data.map((level) => ({
        ...level,
        draftUrl: `${origin}${draftPath(params.slug, { level: level.name })}`,
      })),
    };
  },
});

/** Standards, their modules and levels. */
export const standardsEndpoints: Endpoint[] = [listStandards, getStandard, listModules, listLevels];
