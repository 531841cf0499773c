import "server-only";
import { and, asc, desc, gt, lt } from "drizzle-orm";
import { z } from "zod";
import { defineEndpoint, type Endpoint } from "@/lib/api/endpoint";
import { declareEndpoints } from "@/lib/api/endpoints/declare";
import {
  claimSchema,
  declarationJsonSchema,
  declarationState,
  numberParam,
  organisationSlugParam,
} from "@/lib/api/endpoints/registry-shapes";
import { decodeCursor, pageOf, pageQuery, pageSchema } from "@/lib/api/paging";
import { ApiProblem } from "@/lib/api/problem";
import { iso, pageUrl, timestamp } from "@/lib/api/values";
import { badgePath, declarationPath, organisationPath } from "@/lib/paths";
import {
  getOrganisation,
  listOrganisationDeclarations,
  listRepresentatives,
} from "@/lib/registry/organisations-queries";
import { declarationJson } from "@/lib/registry/public-json";
import {
  registryConditions,
  registryRowColumns,
  registryRowsOf,
  registryStates,
} from "@/lib/registry/queries";
import { declarations, organisations } from "@/lib/registry/schema";

/*
 * The public registry: organisations and their declarations, as the registry's pages show them.
 * A draft is never here (only what was published at least once), nor a representative's email.
 */

const organisationSummary = z.object({
  slug: z.string(),
  name: z.string(),
  country: z.string().describe("ISO 3166-1 alpha-2."),
  website: z.string(),
  verifiedDomain: z.string().nullable().describe("The web domain it proved, if any."),
  url: pageUrl,
});

const listOrganisations = defineEndpoint({
  method: "GET",
  path: "/organisations",
  operationId: "listOrganisations",
  summary: "List the organisations",
  description: "Every organisation that registered to declare products, by slug.",
  group: "Registry",
  query: z.object(pageQuery),
  response: pageSchema(organisationSummary),
  example: { path: "/organisations" },
  handle: async ({ db, query, origin }) => {
    const after = query.cursor ? decodeCursor(query.cursor, ["string"])[0] : null;
    const rows = await db
      .select({
        slug: organisations.slug,
        name: organisations.name,
        country: organisations.country,
        website: organisations.website,
        verifiedDomain: organisations.verifiedDomain,
      })
      .from(organisations)
      .where(after === null ? undefined : gt(organisations.slug, after))
      .orderBy(asc(organisations.slug))
      .limit(query.limit + 1);
    const page = pageOf(rows, query.limit, (row) => [row.slug]);
    return {
      next: page.next,
      data: page.data.map((row) => ({ ...row, url: `${origin}${organisationPath(row.slug)}` })),
    };
  },
});

const getOrganisationEndpoint = defineEndpoint({
  method: "GET",
  path: "/organisations/{slug}",
  operationId: "getOrganisation",
  summary: "An organisation",
  description:
    "Its public details, whether it proved its web domain, its representatives in office, and its published declarations, newest first.",
  group: "Registry",
  params: z.object({ slug: organisationSlugParam }),
  response: z.object({
    slug: z.string(),
    name: z.string(),
    country: z.string().describe("ISO 3166-1 alpha-2."),
    website: z.string(),
    contact: z.string().describe("A public contact: an email address or a web page."),
    domain: z.object({
      verified: z.boolean(),
      name: z.string().nullable().describe("The host name proven."),
      verifiedAt: timestamp.nullable(),
    }),
    representatives: z.array(z.object({ name: z.string(), since: timestamp })),
    declarations: z.array(
      z.object({
        number: z.number().int(),
        product: z.string(),
        state: declarationState,
        version: z.number().int().describe("The latest published version."),
        expiresAt: timestamp.nullable(),
        url: pageUrl,
      }),
    ),
    url: pageUrl,
  }),
  example: { path: "/organisations/brightbulb" },
  handle: async ({ db, params, origin, now }) => {
    const organisation = await getOrganisation(db, params.slug);
    if (!organisation) throw new ApiProblem("not_found", `No organisation "${params.slug}".`);
    const [people, declared] = await Promise.all([
      listRepresentatives(db, organisation.id, now),
      listOrganisationDeclarations(db, organisation.id, { drafts: false }),
    ]);
    const verified = organisation.verifiedDomain !== null && organisation.verifiedAt !== null;
    return {
      slug: organisation.slug,
      name: organisation.name,
      country: organisation.country,
      website: organisation.website,
      contact: organisation.contact,
      domain: {
        verified,
        name: verified ? organisation.verifiedDomain : null,
        verifiedAt: verified ? iso(organisation.verifiedAt) : null,
      },
      representatives: people.map((person) => ({
        name: person.name,
        since: iso(person.startsAt),
      })),
      declarations: declared.map((row) => ({
        number: row.number,
        product: row.product,
        state: row.state,
        version: row.latestVersion,
        expiresAt: iso(row.expiresAt),
        url: `${origin}${declarationPath(row.number)}`,
      })),
      url: `${origin}${organisationPath(organisation.slug)}`,
    };
  },
});

const filterText = z.string().trim().min(1).max(100);

const listDeclarations = defineEndpoint({
  method: "GET",
  path: "/declarations",
  operationId: "listDeclarations",
  summary: "Search the registry",
  description:
    "Published declarations, newest first (by number), with the registry page's filters. Listed ones only unless `state` says otherwise.",
  group: "Registry",
  query: z.object({
    q: filterText.optional().describe("Words in the product's or the organisation's name."),
    standard: filterText.optional().describe("A standard's slug."),
    release: filterText.optional().describe("A release's version: `1.0.0`."),
    module: filterText.optional().describe("A module's code; with `level`, claimed at it."),
    level: filterText.optional().describe("A level's name; with `module`, for that module."),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .optional()
      .describe("The organisation's country, ISO 3166-1 alpha-2."),
    state: z
      .enum([...registryStates, "all"])
      .default("listed")
      .describe("One state, or `all` published declarations whatever their state."),
    ...pageQuery,
  }),
  response: pageSchema(
    z.object({
      number: z.number().int(),
      product: z.string(),
      organisation: z.object({
        slug: z.string(),
        name: z.string(),
        country: z.string(),
        verified: z.boolean().describe("Whether it proved its web domain."),
      }),
      standard: z.object({ slug: z.string(), name: z.string() }),
      release: z.string().describe("The version the latest published version answers."),
      claims: z.array(claimSchema).describe("The level claimed for each module in scope."),
      state: declarationState,
      stateChangedAt: timestamp,
      listedAt: timestamp.nullable(),
      expiresAt: timestamp.nullable().describe("When the listing lapses unless reaffirmed."),
      url: pageUrl,
      badgeUrl: z.url().describe("The mark as an image that always tells the real state."),
      jsonUrl: z.url().describe("Its canonical JSON."),
    }),
  ),
  example: { path: "/declarations?state=all&limit=10" },
  handle: async ({ db, query, origin }) => {
    const after = query.cursor ? decodeCursor(query.cursor, ["number"])[0] : null;
    const found = await db
      .select(registryRowColumns)
      .from(declarations)
      .where(
        and(
          ...registryConditions({
            q: query.q,
            standard: query.standard,
            release: query.release,
            module: query.module,
            level: query.level,
            country: query.country?.toUpperCase(),
            state: query.state,
          }),
          after === null ? undefined : lt(declarations.number, after),
        ),
      )
      .orderBy(desc(declarations.number))
      .limit(query.limit + 1);
    const page = pageOf(found, query.limit, (row) => [row.number]);
    const rows = await registryRowsOf(db, page.data);
    return {
      next: page.next,
      data: rows.map((row) => ({
        number: row.number,
        product: row.productName,
        organisation: row.organisation,
        standard: row.standard,
        release: row.release.version,
        claims: row.claims,
        state: row.state,
        stateChangedAt: iso(row.stateChangedAt),
        listedAt: iso(row.listedAt),
        expiresAt: iso(row.expiresAt),
        url: `${origin}${declarationPath(row.number)}`,
        badgeUrl: `${origin}${badgePath(row.number)}`,
        jsonUrl: `${origin}${declarationPath(row.number)}.json`,
      })),
    };
  },
});

const getDeclaration = defineEndpoint({
  method: "GET",
  path: "/declarations/{number}",
  operationId: "getDeclaration",
  summary: "A declaration, with every published version",
  description:
    "The same record as `/registry/{number}.json`, byte for byte: its standing and each published version's body with the SHA-256 of its canonical JSON.",
  group: "Registry",
  params: z.object({ number: numberParam }),
  response: declarationJsonSchema,
  example: { path: "/declarations/1" },
  handle: async ({ db, params }) => {
    const json = await declarationJson(db, params.number);
    if (json === null)
      throw new ApiProblem("not_found", `No published declaration ${params.number}.`);
    return JSON.parse(json);
  },
});

/** The registry: organisations and declarations, and what representatives may do with them. */
export const registryEndpoints: Endpoint[] = [
  listOrganisations,
  getOrganisationEndpoint,
  listDeclarations,
  getDeclaration,
  ...declareEndpoints,
];
