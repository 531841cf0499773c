import "server-only";
import { and, desc, eq, gt, ilike, inArray, ne, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { standards } from "@/lib/drafting/schema";
import type { Claim, DeclarationState } from "@/lib/registry/rules";
import { declarations, organisations } from "@/lib/registry/schema";
import type { ReleaseLevel, ReleaseModule } from "@/lib/releases/content";
import { releases } from "@/lib/releases/schema";

/*
 * The public registry's list. Only published declarations are public (latest_version > 0): a
 * draft never shows, and nothing published is ever hidden, whatever its state.
 */

export const REGISTRY_PAGE_SIZE = 25;
export const registryStates = [
  "listed",
  "pending_review",
  "lapsed",
  "withdrawn",
  "struck_off",
] as const satisfies readonly DeclarationState[];

export type RegistryStateFilter = (typeof registryStates)[number] | "all";

export type RegistrySearch = {
  q?: string;
  standard?: string;
  release?: string;
  level?: string;
  module?: string;
  country?: string;
  /** Default: listed only. */
  state?: RegistryStateFilter;
};

export type RegistryRow = {
  number: number;
  productName: string;
  claims: Claim[];
  state: DeclarationState;
  listedAt: Date | null;
  expiresAt: Date | null;
  stateChangedAt: Date;
  organisation: { name: string; slug: string; country: string; verified: boolean };
  standard: { slug: string; name: string };
  release: { version: string; modules: ReleaseModule[]; levels: ReleaseLevel[] };
};

export type RegistryPage = { rows: RegistryRow[]; total: number; page: number; pages: number };

/** `%` and `_` typed into the search box are letters, not patterns. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** What the query string asks for, reduced to the shapes a filter can have; the rest ignored. */
export function parseRegistrySearch(query: Record<string, string | string[] | undefined>): {
  filter: RegistrySearch;
  page: number;
} {
  const one = (name: string) => {
    const value = query[name];
    const text = typeof value === "string" ? value.trim() : "";
    return text === "" ? undefined : text.slice(0, 100);
  };
  const state = one("state");
  const page = Number(one("page") ?? "1");
  return {
    filter: {
      q: one("q"),
      standard: one("standard"),
      release: one("release"),
      level: one("level"),
      module: one("module"),
      country: one("country")?.toUpperCase(),
      state:
        state === "all" || registryStates.some((entry) => entry === state)
          ? (state as RegistryStateFilter)
          : undefined,
    },
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/**
 * The filters, on the declaration row alone: the organisation, standard and release are matched
 * by subqueries on their own small tables, so neither the page nor its count joins every row.
 */
export function registryConditions(filter: RegistrySearch): SQL[] {
  const where: SQL[] = [gt(declarations.latestVersion, 0)];
  const state = filter.state ?? "listed";
  where.push(state === "all" ? ne(declarations.state, "draft") : eq(declarations.state, state));
  const organisationsWhere = (condition: SQL) =>
    inArray(
      declarations.organisationId,
      sql`(select ${organisations.id} from ${organisations} where ${condition})`,
    );
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`;
    const found = or(
      ilike(declarations.productName, pattern),
      organisationsWhere(ilike(organisations.name, pattern)),
    );
    if (found) where.push(found);
  }
  if (filter.standard) {
    where.push(
      inArray(
        declarations.standardId,
        sql`(select ${standards.id} from ${standards} where ${eq(standards.slug, filter.standard)})`,
      ),
    );
  }
  if (filter.release) {
    where.push(
      inArray(
        declarations.releaseId,
        sql`(select ${releases.id} from ${releases} where ${eq(releases.version, filter.release)})`,
      ),
    );
  }
  if (filter.country) where.push(organisationsWhere(eq(organisations.country, filter.country)));
  // One claim with both the module and the level when both are asked for; the GIN index on
  // `claims` answers containment.
  if (filter.level || filter.module) {
    const claim: Partial<Claim> = {
      ...(filter.module ? { module: filter.module } : {}),
      ...(filter.level ? { level: filter.level } : {}),
    };
    where.push(sql`${declarations.claims} @> ${JSON.stringify([claim])}::jsonb`);
  }
  return where;
}

/** The columns of a declaration row that `registryRowsOf` completes. */
export const registryRowColumns = {
  number: declarations.number,
  productName: declarations.productName,
  claims: declarations.claims,
  state: declarations.state,
  listedAt: declarations.listedAt,
  expiresAt: declarations.expiresAt,
  stateChangedAt: declarations.stateChangedAt,
  releaseId: declarations.releaseId,
  organisationId: declarations.organisationId,
  standardId: declarations.standardId,
};

/** One page of the registry, newest listing first, with the total for paging. */
export async function searchRegistry(
  db: Executor,
  filter: RegistrySearch,
  page = 1,
): Promise<RegistryPage> {
  const where = and(...registryConditions(filter));
  const [found, [counted]] = await Promise.all([
    db
      .select(registryRowColumns)
      .from(declarations)
      .where(where)
      .orderBy(sql`${declarations.listedAt} desc nulls last`, desc(declarations.number))
      .limit(REGISTRY_PAGE_SIZE)
      .offset((page - 1) * REGISTRY_PAGE_SIZE),
    db.select({ n: sql<number>`count(*)::int` }).from(declarations).where(where),
  ]);
  const total = counted?.n ?? 0;
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / REGISTRY_PAGE_SIZE)),
    rows: await registryRowsOf(db, found),
  };
}

type FoundRow = Pick<
  RegistryRow,
  "number" | "state" | "listedAt" | "expiresAt" | "stateChangedAt"
> & {
  productName: string | null;
  claims: Claim[] | null;
  releaseId: string | null;
  organisationId: string;
  standardId: string;
};

/** Declaration rows with their organisation, standard and release, each read once per page. */
export async function registryRowsOf(db: Executor, found: FoundRow[]): Promise<RegistryRow[]> {
  const ids = (values: (string | null)[]) => [
    ...new Set(values.filter((value): value is string => value !== null)),
  ];
  const organisationIds = ids(found.map((row) => row.organisationId));
  const standardIds = ids(found.map((row) => row.standardId));
  const [axes, organisationRows, standardRows] = await Promise.all([
    releaseAxes(db, ids(found.map((row) => row.releaseId))),
    organisationIds.length === 0
      ? []
      : db
          .select({
            id: organisations.id,
            name: organisations.name,
            slug: organisations.slug,
            country: organisations.country,
            verifiedDomain: organisations.verifiedDomain,
          })
          .from(organisations)
          .where(inArray(organisations.id, organisationIds)),
    standardIds.length === 0
      ? []
      : db
          .select({ id: standards.id, slug: standards.slug, name: standards.name })
          .from(standards)
          .where(inArray(standards.id, standardIds)),
  ]);
  const organisationOf = new Map(organisationRows.map((row) => [row.id, row]));
  const standardOf = new Map(standardRows.map((row) => [row.id, row]));
  return found.map((row) => {
    const organisation = organisationOf.get(row.organisationId);
    const standard = standardOf.get(row.standardId);
    const release = axes.get(row.releaseId ?? "");
    return {
      number: row.number,
      productName: row.productName ?? "",
      claims: row.claims ?? [],
      state: row.state,
      listedAt: row.listedAt,
      expiresAt: row.expiresAt,
      stateChangedAt: row.stateChangedAt,
      organisation: {
        name: organisation?.name ?? "",
        slug: organisation?.slug ?? "",
        country: organisation?.country ?? "",
        verified: (organisation?.verifiedDomain ?? null) !== null,
      },
      standard: { slug: standard?.slug ?? "", name: standard?.name ?? "" },
      release: release ?? { version: "", modules: [], levels: [] },
    };
  });
}

/** Modules and levels of a few releases, without their clauses (what claim summaries need). */
async function releaseAxes(db: Executor, ids: string[]) {
  if (ids.length === 0) {
    return new Map<string, { version: string; modules: ReleaseModule[]; levels: ReleaseLevel[] }>();
  }
  const rows = await db
    .select({
      id: releases.id,
      version: releases.version,
      modules: sql<ReleaseModule[]>`${releases.content}->'modules'`,
      levels: sql<ReleaseLevel[]>`${releases.content}->'levels'`,
    })
    .from(releases)
    .where(inArray(releases.id, ids));
  return new Map(
    rows.map((row) => [row.id, { version: row.version, modules: row.modules, levels: row.levels }]),
  );
}

/** What the filter menus offer: the standards, releases, modules, levels and countries in use. */
export async function registryChoices(db: Executor) {
  // Each asks whether one published declaration exists, through an index: not a scan of them all.
  const declared = (column: SQL, by: SQL) =>
    sql`exists (select 1 from ${declarations} where ${column} = ${by} and ${declarations.latestVersion} > 0)`;
  const usedStandard = declared(sql`${declarations.standardId}`, sql`${standards.id}`);
  const [standardRows, releaseRows, countryRows] = await Promise.all([
    db
      .select({ slug: standards.slug, name: standards.name })
      .from(standards)
      .where(usedStandard)
      .orderBy(standards.name),
    db
      .select({
        version: releases.version,
        modules: sql<ReleaseModule[]>`${releases.content}->'modules'`,
        levels: sql<ReleaseLevel[]>`${releases.content}->'levels'`,
      })
      .from(releases)
      .innerJoin(standards, eq(standards.id, releases.standardId))
      .where(usedStandard)
      .orderBy(desc(releases.publishedAt)),
    db
      .selectDistinct({ country: organisations.country })
      .from(organisations)
      .where(declared(sql`${declarations.organisationId}`, sql`${organisations.id}`))
      .orderBy(organisations.country),
  ]);
  const modules = new Map<string, string>();
  const levels = new Set<string>();
  for (const release of releaseRows) {
    for (const module of release.modules)
      if (!modules.has(module.code)) modules.set(module.code, module.name);
    for (const level of release.levels) levels.add(level.name);
  }
  return {
    standards: standardRows,
    releases: [...new Set(releaseRows.map((row) => row.version))],
    modules: [...modules.entries()].map(([code, name]) => ({ code, name })),
    levels: [...levels],
    countries: countryRows.map((row) => row.country),
  };
}
