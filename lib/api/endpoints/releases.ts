import "server-only";
import { z } from "zod";
import { defineEndpoint, type Endpoint } from "@/lib/api/endpoint";
import {
  mapping,
  pageInOrder,
  requireStandard,
  richText,
  sectionKind,
  strength,
} from "@/lib/api/endpoints/standard-shapes";
import { pageQuery, pageSchema } from "@/lib/api/paging";
import { ApiProblem } from "@/lib/api/problem";
import { iso, pageUrl, slugParam, timestamp, versionParam } from "@/lib/api/values";
import { comparisonPath, releaseExportPath, releasePath } from "@/lib/paths";
import { comparedFields } from "@/lib/releases/clause-diff";
import { compareReleases } from "@/lib/releases/compare";
import type { ReleaseClause, ReleaseSection } from "@/lib/releases/content";
import { releaseJson } from "@/lib/releases/export";
import { getRelease, listReleases } from "@/lib/releases/queries";
import { compareSections } from "@/lib/releases/section-diff";

/*
 * A release's content is answered as its `.json` export: the export's own canonical form, read
 * back, through a schema whose members are in that form's order (see standard-shapes.ts), so the
 * two are the same bytes and one digest vouches for both.
 */

const releaseClause = z.object({
  assessment: richText,
  body: richText,
  examples: richText,
  level: z
    .string()
    .nullable()
    .describe("The lowest level that requires the clause; null when only recommended."),
  mappings: z.array(mapping).optional().describe("Links to other frameworks; absent when none."),
  moduleCode: z.string(),
  position: z.number().describe("Order within its module."),
  ref: z.string().describe("The clause's stable reference, never reused."),
  strength,
  title: z.string(),
});

/** Release text as the API's type (see `rich`): stored rich text always names each node's type. */
type ApiClause = z.input<typeof releaseClause>;
type ApiSection = z.input<typeof releaseSection>;
const clausesOut = (clauses: ReleaseClause[]) => clauses as ApiClause[];
const sectionsOut = (sections: ReleaseSection[]) => sections as ApiSection[];

const releaseSection = z.object({
  body: richText,
  kind: sectionKind,
  slug: z.string(),
  title: z.string(),
});

const releaseContent = z
  .object({
    clauses: z.array(releaseClause),
    frameworks: z
      .array(z.object({ key: z.string(), name: z.string(), url: z.string(), version: z.string() }))
      .optional()
      .describe("Frameworks the clauses map to; absent when none."),
    levels: z.array(z.object({ name: z.string(), summary: z.string() })).describe("Lowest first."),
    modules: z.array(z.object({ code: z.string(), name: z.string(), summary: z.string() })),
    notes: z.string(),
    sections: z
      .array(releaseSection)
      .optional()
      .describe("Prose sections, before the modules; absent when the standard has none."),
    standard: z.object({ name: z.string(), slug: z.string(), summary: z.string() }),
    version: z.string(),
  })
  .describe(
    "The release's whole content, as its `.json` export carries it: the SHA-256 of these bytes is its digest.",
  );

const releaseSummary = z.object({
  version: z.string(),
  notes: z.string(),
  publishedAt: timestamp,
  digest: z.string().describe("SHA-256 (hex) of the release's canonical JSON."),
  withdrawal: z
    .object({ reason: z.string(), at: timestamp })
    .nullable()
    .describe("Set when the release was withdrawn; its content stays readable."),
  latest: z.boolean().describe("Whether this is the newest release not withdrawn."),
  url: pageUrl,
  jsonUrl: z.url().describe("The `.json` export, the same content as this API's release."),
  markdownUrl: z.url(),
});

const slugOnly = z.object({ slug: slugParam });

const listReleasesEndpoint = defineEndpoint({
  method: "GET",
  path: "/standards/{slug}/releases",
  operationId: "listReleases",
  summary: "A standard's releases, newest version first",
  group: "Releases",
  params: slugOnly,
  query: z.object(pageQuery),
  response: pageSchema(releaseSummary),
  example: { path: "/standards/iotmark/releases" },
  handle: async ({ db, params, query, origin }) => {
    const standard = await requireStandard(db, params.slug);
    const all = await listReleases(db, standard.slug);
    const latest = all.find((release) => !release.withdrawal) ?? null;
    const page = pageInOrder(all, query, ["string"], (release) => [release.version]);
    return {
      next: page.next,
      data: page.data.map((release) => ({
        version: release.version,
        notes: release.notes,
        publishedAt: iso(release.publishedAt),
        digest: release.digest,
        withdrawal: release.withdrawal
          ? { reason: release.withdrawal.reason, at: iso(release.withdrawal.at) }
          : null,
        latest: release.id === latest?.id,
        url: `${origin}${releasePath(standard.slug, release.version)}`,
        jsonUrl: `${origin}${releaseExportPath(standard.slug, release.version, "json")}`,
        markdownUrl: `${origin}${releaseExportPath(standard.slug, release.version, "md")}`,
      })),
    };
  },
});

const getReleaseEndpoint = defineEndpoint({
  method: "GET",
  path: "/standards/{slug}/releases/{version}",
  operationId: "getRelease",
  summary: "A release's content",
  description:
    "The same content, byte for byte, as the release's `.json` export: object members sorted, no whitespace (RFC 8785). Its SHA-256 is the release's digest.",
  group: "Releases",
  params: z.object({ slug: slugParam, version: versionParam }),
  response: releaseContent,
  immutable: true,
  example: { path: "/standards/iotmark/releases/1.0.0" },
  handle: async ({ db, params }) => {
    const view = await getRelease(db, params.slug, params.version);
    if (!view)
      throw new ApiProblem("not_found", `No release ${params.version} of "${params.slug}".`);
    return JSON.parse(releaseJson(view.content));
  },
});

const diffParts = z.array(
  z.object({ kind: z.enum(["same", "added", "removed"]), text: z.string() }),
);

const comparison = z.object({
  from: z.object({ version: z.string(), url: pageUrl }),
  to: z.object({ version: z.string(), url: pageUrl }),
  url: pageUrl,
  summary: z.object({
    added: z.number().int(),
    removed: z.number().int(),
    moved: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
  }),
  added: z.array(releaseClause).describe("Clauses only in `to`, in its order."),
  removed: z.array(releaseClause).describe("Clauses only in `from`, in its order."),
  moved: z.array(
    z.object({
      ref: z.string(),
      fromModule: z.string(),
      toModule: z.string(),
      fromPosition: z.number(),
      toPosition: z.number(),
    }),
  ),
  changed: z.array(
    z.object({
      ref: z.string(),
      before: releaseClause,
      after: releaseClause,
      fields: z
        .array(z.object({ name: z.enum(comparedFields), parts: diffParts }))
        .describe("The fields that differ, with word-level redlines of their plain text."),
    }),
  ),
  sections: z.object({
    added: z.array(releaseSection),
    removed: z.array(releaseSection),
    changed: z.array(
      z.object({
        slug: z.string(),
        before: releaseSection,
        after: releaseSection,
        title: diffParts.nullable().describe("Null when the title is unchanged."),
        body: diffParts.nullable().describe("Null when the text is unchanged."),
      }),
    ),
  }),
});

const compareEndpoint = defineEndpoint({
  method: "GET",
  path: "/standards/{slug}/compare/{from}/{to}",
  operationId: "compareReleases",
  summary: "What changed from one release to another",
  description:
    "Clauses added, removed, moved and changed (matched by reference), and prose sections likewise. Either order is allowed, to look backwards.",
  group: "Releases",
  params: z.object({ slug: slugParam, from: versionParam, to: versionParam }),
  response: comparison,
  immutable: true,
  example: { path: "/standards/iotmark/compare/1.0.0/1.1.0" },
  handle: async ({ db, params, origin }) => {
    const { slug, from, to } = params;
    if (from === to) {
      throw new ApiProblem("bad_parameter", "The two versions must differ.", [
        { name: "to", reason: "same as from" },
      ]);
    }
    const [older, newer] = await Promise.all([
      getRelease(db, slug, from),
      getRelease(db, slug, to),
    ]);
    if (!older || !newer) {
      throw new ApiProblem("not_found", `No release ${older ? to : from} of "${slug}".`);
    }
    const clauses = compareReleases(older.content, newer.content);
    const sections = compareSections(older.content.sections, newer.content.sections);
    return {
      from: { version: older.version, url: `${origin}${releasePath(slug, older.version)}` },
      to: { version: newer.version, url: `${origin}${releasePath(slug, newer.version)}` },
      url: `${origin}${comparisonPath(slug, older.version, newer.version)}`,
      summary: clauses.summary,
      added: clausesOut(clauses.added),
      removed: clausesOut(clauses.removed),
      moved: clauses.moved.map((move) => ({
        ref: move.clause.ref,
        fromModule: move.fromModule,
        toModule: move.toModule,
        fromPosition: move.fromPosition,
        toPosition: move.toPosition,
      })),
      changed: clauses.changed.map((change) => ({
        ref: change.ref,
        before: change.from as ApiClause,
        after: change.to as ApiClause,
        fields: change.fields,
      })),
      sections: {
        added: sectionsOut(sections.added),
        removed: sectionsOut(sections.removed),
        changed: sections.changed.map((change) => ({
          slug: change.slug,
          before: change.from as ApiSection,
          after: change.to as ApiSection,
          title: change.title,
          body: change.body,
        })),
      },
    };
  },
});

/** Releases, their content as in the `.json` export, and comparisons between them. */
export const releasesEndpoints: Endpoint[] = [
  listReleasesEndpoint,
  getReleaseEndpoint,
  compareEndpoint,
];
