import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, like, or } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import { users } from "@/lib/auth/schema";
import type { Participant } from "@/lib/community/authz";
import { displayName } from "@/lib/community/rules";
import type { Viewer } from "@/lib/community/viewer";
import type { Database, Executor } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { consume, RateLimitedError } from "@/lib/rate-limit";
import type { Limit } from "@/lib/rate-limit/limits";
import { type Representative, requireRepresentative } from "@/lib/registry/authz";
import {
  fieldProblems,
  firstFreeSlug,
  type OrganisationDetails,
  type OrganisationInput,
  organisationSchema,
  slugBase,
  websiteHost,
} from "@/lib/registry/organisations-rules";
import { organisations, representatives } from "@/lib/registry/schema";

/*
 * Organisations and their representatives' terms. Every change is one transaction with its
 * audit entry; who may make it is proven by the `Participant` or `Representative` passed in.
 */

/**
 * Each registration and change of details is public text and an audit entry, so each is
 * bounded per person, as other public writes are (lib/rate-limit/limits.ts).
 */
const REGISTRATION_LIMIT: Limit = { points: 10, windowSeconds: 60 * 60 };
const UPDATE_LIMIT: Limit = { points: 30, windowSeconds: 60 * 60 };

/** Counts one write of `kind` by a person against `limit`, or refuses it as rate_limited. */
export async function enforceRegistryLimit(
  tx: Executor,
  kind: string,
  limit: Limit,
  personId: string,
  now: Date,
): Promise<void> {
  const verdict = await consume(tx, { ...limit, key: `${kind}:${personId}` }, now);
  if (!verdict.ok) throw new RateLimitedError(verdict.retryAfterSeconds);
}

/** Parses a registration or a change of details, refusing it field by field. */
function parseDetails(input: OrganisationInput): OrganisationDetails {
  const parsed = organisationSchema.safeParse(input);
  if (!parsed.success) throw new DomainError("invalid_input", fieldProblems(parsed.error));
  return parsed.data;
}

/** What the organisation publishes on its domain to prove it controls it; public on purpose. */
function newVerificationToken(): string {
  return `hum-verification=${randomBytes(24).toString("base64url")}`;
}

/**
 * Registers an organisation with the person as its first representative. Its slug comes from
 * its name and never changes; a namesake gets "-2", "-3"….
 */
export async function registerOrganisation(
  db: Database,
  participant: Participant,
  input: OrganisationInput,
  now = new Date(),
): Promise<{ slug: string }> {
  const details = parseDetails(input);
  const base = slugBase(details.name);
  return db.transaction(async (tx) => {
    await enforceRegistryLimit(
      tx,
      "organisation_registration",
      REGISTRATION_LIMIT,
      participant.id,
      now,
    );
    // Two registrations of namesakes at once: the unique slug refuses the later one, which
    // then takes the next free suffix.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const taken = await tx
        .select({ slug: organisations.slug })
        .from(organisations)
        .where(or(eq(organisations.slug, base), like(organisations.slug, `${base}-%`)));
      const slug = firstFreeSlug(
        base,
        taken.map((row) => row.slug),
      );
      const [created] = await tx
        .insert(organisations)
        .values({
          slug,
          ...details,
          verificationToken: newVerificationToken(),
          createdBy: participant.id,
          createdAt: now,
        })
        .onConflictDoNothing({ target: organisations.slug })
        .returning({ id: organisations.id });
      if (!created) continue;
      await tx.insert(representatives).values({
        organisationId: created.id,
        userId: participant.id,
        addedBy: participant.id,
        startsAt: now,
      });
      await recordAudit(tx, {
        at: now,
        actorId: participant.id,
        action: "registry.organisation_registered",
        subjectType: "organisation",
        subjectId: slug,
        details: { name: details.name },
      });
      return { slug };
    }
    throw new DomainError("conflict");
  });
}

/**
 * Changes an organisation's name, country, website or contact; its slug stays. A website on
 * another host clears the proven domain: the proof was for the old host.
 */
export async function updateOrganisation(
  db: Database,
  representative: Representative,
  input: OrganisationInput,
  now = new Date(),
): Promise<{ slug: string; verificationCleared: boolean }> {
  const details = parseDetails(input);
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(organisations)
      .where(eq(organisations.id, representative.organisationId))
      .for("update");
    if (!current) throw new DomainError("not_found");
    const unchanged =
      current.name === details.name &&
      current.country === details.country &&
      current.website === details.website &&
      current.contact === details.contact;
    if (unchanged) return { slug: current.slug, verificationCleared: false };
    await enforceRegistryLimit(tx, "organisation_update", UPDATE_LIMIT, representative.id, now);
    const verificationCleared =
      current.verifiedDomain !== null &&
      websiteHost(current.website) !== websiteHost(details.website);
    await tx
      .update(organisations)
      .set({
        ...details,
        ...(verificationCleared
          ? { verifiedDomain: null, verifiedAt: null, verifiedBy: null }
          : {}),
      })
      .where(eq(organisations.id, current.id));
    await recordAudit(tx, {
      at: now,
      actorId: representative.id,
      action: "registry.organisation_updated",
      subjectType: "organisation",
      subjectId: current.slug,
      details: { name: details.name, domain: verificationCleared ? current.verifiedDomain : null },
    });
    return { slug: current.slug, verificationCleared };
  });
}

/**
 * Ends a representative's term now (their own included). An organisation always keeps one
 * representative in force, or nobody could act for it again.
 */
export async function endRepresentative(
  db: Database,
  representative: Representative,
  representativeId: string,
  now = new Date(),
): Promise<{ name: string }> {
  return db.transaction(async (tx) => {
    const [organisation] = await tx
      .select({ slug: organisations.slug })
      .from(organisations)
      .where(eq(organisations.id, representative.organisationId))
      .for("update");
    if (!organisation) throw new DomainError("not_found");
    // The organisation's row is locked above, so two ends at once cannot both see two in force.
    const inForce = await tx
      .select({ id: representatives.id, userId: users.id, name: users.name })
      .from(representatives)
      .innerJoin(users, eq(users.id, representatives.userId))
      .where(
        and(
          eq(representatives.organisationId, representative.organisationId),
          or(isNull(representatives.endsAt), gt(representatives.endsAt, now)),
        ),
      );
    const ending = inForce.find((row) => row.id === representativeId);
    if (!ending) throw new DomainError("not_found");
    if (inForce.length <= 1) {
      throw new DomainError("invalid_input", { representativeId: "last_representative" });
    }
    await tx
      .update(representatives)
      .set({ endsAt: now, endedBy: representative.id })
      .where(eq(representatives.id, ending.id));
    const name = displayName({ id: ending.userId, name: ending.name });
    await recordAudit(tx, {
      at: now,
      actorId: representative.id,
      action: "registry.representative_ended",
      subjectType: "organisation",
      subjectId: organisation.slug,
      details: { name },
    });
    return { name };
  });
}

/**
 * The proof that `viewer` represents the organisation at `slug`, with the organisation: what
 * every action on an organisation starts with. A refusal is recorded as `attempted`.
 */
export async function representativeOf(
  db: Executor,
  viewer: Viewer | null,
  slug: string,
  attempted: string,
  now = new Date(),
): Promise<Representative> {
  const [organisation] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.slug, slug));
  if (!organisation) throw new DomainError("not_found");
  return requireRepresentative(db, viewer, organisation.id, attempted, now);
}
