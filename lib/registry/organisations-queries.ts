import "server-only";
import { and, asc, desc, eq, gt, isNull, lte, ne, or, sql } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import { displayName } from "@/lib/community/rules";
import type { Executor } from "@/lib/db/client";
import type { DeclarationState } from "@/lib/registry/rules";
import { declarations, organisations, representatives } from "@/lib/registry/schema";

/*
 * What the registry's organisation pages read. Names of representatives are public; their
 * email addresses never leave this file.
 */

export type OrganisationView = {
  id: string;
  slug: string;
  name: string;
  country: string;
  website: string;
  contact: string;
  verifiedDomain: string | null;
  verifiedAt: Date | null;
  /** Public on purpose: publishing it on the organisation's domain is the proof. */
  verificationToken: string;
};

/** An organisation's public details, by its slug. */
export async function getOrganisation(
  db: Executor,
  slug: string,
): Promise<OrganisationView | null> {
  const [row] = await db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      country: organisations.country,
      website: organisations.website,
      contact: organisations.contact,
      verifiedDomain: organisations.verifiedDomain,
      verifiedAt: organisations.verifiedAt,
      verificationToken: organisations.verificationToken,
    })
    .from(organisations)
    .where(eq(organisations.slug, slug));
  return row ?? null;
}

const inForce = (now: Date) =>
  and(
    lte(representatives.startsAt, now),
    or(isNull(representatives.endsAt), gt(representatives.endsAt, now)),
  );

export type RepresentativeView = { id: string; userId: string; name: string; startsAt: Date };

/** The representatives whose terms are in force, longest-serving first. */
export async function listRepresentatives(
  db: Executor,
  organisationId: string,
  now = new Date(),
): Promise<RepresentativeView[]> {
  const rows = await db
    .select({
      id: representatives.id,
      userId: users.id,
      name: users.name,
      startsAt: representatives.startsAt,
    })
    .from(representatives)
    .innerJoin(users, eq(users.id, representatives.userId))
    .where(and(eq(representatives.organisationId, organisationId), inForce(now)))
    .orderBy(asc(representatives.startsAt), asc(representatives.id));
  return rows.map((row) => ({
    id: row.id,
    userId: row.userId,
    name: displayName({ id: row.userId, name: row.name }),
    startsAt: row.startsAt,
  }));
}

/** The organisations a person represents now, by name. */
export async function listOrganisationsOf(
  db: Executor,
  userId: string,
  now = new Date(),
): Promise<{ slug: string; name: string }[]> {
  return db
    .selectDistinct({ slug: organisations.slug, name: organisations.name })
    .from(representatives)
    .innerJoin(organisations, eq(organisations.id, representatives.organisationId))
    .where(and(eq(representatives.userId, userId), inForce(now)))
    .orderBy(asc(organisations.name), asc(organisations.slug));
}

export type OrganisationDeclaration = {
  number: number;
  product: string;
  state: DeclarationState;
  latestVersion: number;
  expiresAt: Date | null;
};

/**
 * An organisation's declarations, newest first. With `drafts` (for its representatives), those
 * never published too; the public sees only what was published at least once.
 */
export async function listOrganisationDeclarations(
  db: Executor,
  organisationId: string,
  { drafts }: { drafts: boolean },
): Promise<OrganisationDeclaration[]> {
  const published = or(ne(declarations.state, "draft"), gt(declarations.latestVersion, 0));
  return db
    .select({
      number: declarations.number,
      // The published name when there is one; a draft's working name otherwise.
      product: sql<string>`coalesce(${declarations.productName}, ${declarations.working}->'product'->>'name', '')`,
      state: declarations.state,
      latestVersion: declarations.latestVersion,
      expiresAt: declarations.expiresAt,
    })
    .from(declarations)
    .where(
      drafts
        ? eq(declarations.organisationId, organisationId)
        : and(eq(declarations.organisationId, organisationId), published),
    )
    .orderBy(desc(declarations.number));
}
