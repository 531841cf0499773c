import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "@/lib/auth/schema";
import { standards } from "@/lib/drafting/schema";
import type { Claim, DeclarationBody } from "@/lib/registry/rules";
import { releases } from "@/lib/releases/schema";

const at = (name: string) => timestamp(name, { mode: "date", withTimezone: true });

/**
 * Who declares products. The verification token is public on purpose: it is what the
 * organisation publishes on its own domain, and proves control of the domain, not a secret.
 */
export const organisations = pgTable("organisation", {
  id: uuid("id").primaryKey().defaultRandom(),
  /** Its permanent address, /registry/organisations/{slug}; never changes once given. */
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  /** ISO 3166-1 alpha-2, upper case. */
  country: text("country").notNull(),
  website: text("website").notNull(),
  /** A public contact: an email address or a web page. */
  contact: text("contact").notNull(),
  verificationToken: text("verification_token").notNull(),
  /** The host name proven, and how; null until a check succeeds. */
  verifiedDomain: text("verified_domain"),
  verifiedAt: at("verified_at"),
  verifiedBy: text("verified_by"),
  createdBy: text("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: at("created_at").notNull().defaultNow(),
});

/**
 * A person who may act for an organisation, for a term [startsAt, endsAt): ending it sets endsAt,
 * so the record of who declared what on its behalf stays.
 */
export const representatives = pgTable(
  "representative",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    addedBy: text("added_by").references(() => users.id),
    startsAt: at("starts_at").notNull(),
    endsAt: at("ends_at"),
    endedBy: text("ended_by").references(() => users.id),
  },
  (row) => [
    index("representative_organisation_idx").on(row.organisationId),
    index("representative_user_idx").on(row.userId),
  ],
);

/** An emailed invitation to represent an organisation; only a hash of its token is kept. */
export const organisationInvitations = pgTable("organisation_invitation", {
  id: uuid("id").primaryKey().defaultRandom(),
  organisationId: uuid("organisation_id")
    .notNull()
    .references(() => organisations.id),
  email: text("email").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  invitedBy: text("invited_by")
    .notNull()
    .references(() => users.id),
  createdAt: at("created_at").notNull(),
  expiresAt: at("expires_at").notNull(),
  acceptedAt: at("accepted_at"),
  acceptedBy: text("accepted_by").references(() => users.id),
});

export const declarationState = pgEnum("declaration_state", [
  "draft",
  "pending_review",
  "listed",
  "lapsed",
  "withdrawn",
  "struck_off",
]);

/**
 * A product's declaration. `working` is what its representatives are editing (private until
 * published); each publication freezes it as a `declarationVersion`. The row's state and dates
 * are the listing's current standing; the versions and the audit log are its history.
 */
export const declarations = pgTable(
  "declaration",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The permanent public identifier: /registry/{number}. */
    number: serial("number").notNull().unique(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
    state: declarationState("state").notNull().default("draft"),
    /** Why it left the listing (lapsed, withdrawn, struck off): a key such as "term_ended". */
    stateReason: text("state_reason"),
    /** The representative's own words when withdrawing; public. */
    stateNote: text("state_note"),
    stateChangedAt: at("state_changed_at").notNull(),
    working: jsonb("working").$type<DeclarationBody>().notNull(),
    /** The release of the latest published version; null until first published. */
    releaseId: uuid("release_id").references(() => releases.id),
    /** The latest published version's product name and claims, for the registry's filters. */
    productName: text("product_name"),
    claims: jsonb("claims").$type<Claim[]>(),
    latestVersion: integer("latest_version").notNull().default(0),
    listedAt: at("listed_at"),
    /** When the current term ends; a reaffirmation moves it a term on. */
    expiresAt: at("expires_at"),
    /** The last reminder sent for the current term (30 or 7 days before it ends). */
    remindedDays: smallint("reminded_days"),
    /**
     * How many challenges to it are still undecided (kept by lib/challenges in the same
     * transaction as each challenge's filing and end): a challenged listing cannot be withdrawn
     * outside the challenge's own process.
     */
    openChallenges: smallint("open_challenges").notNull().default(0),
    /** A struck-off product may not be listed again before this, without the AG's leave. */
    relistingBarredUntil: at("relisting_barred_until"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: at("created_at").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (row) => [
    index("declaration_organisation_idx").on(row.organisationId),
    index("declaration_state_idx").on(row.state, row.expiresAt),
    index("declaration_standard_idx").on(row.standardId, row.state),
    index("declaration_claims_idx").using("gin", row.claims),
  ],
);

/**
 * A published version of a declaration: the answers exactly as they stood, with the SHA-256 of
 * their canonical JSON. The database refuses to change or delete it.
 */
export const declarationVersions = pgTable(
  "declaration_version",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    declarationId: uuid("declaration_id")
      .notNull()
      .references(() => declarations.id),
    version: integer("version").notNull(),
    releaseId: uuid("release_id")
      .notNull()
      .references(() => releases.id),
    body: jsonb("body").$type<DeclarationBody>().notNull(),
    digest: text("digest").notNull(),
    /** "published" (first or changed answers) or "reaffirmed" (the same answers, a new term). */
    kind: text("kind").notNull(),
    publishedBy: text("published_by")
      .notNull()
      .references(() => users.id),
    publishedAt: at("published_at").notNull(),
  },
  (row) => [unique("declaration_version_unique").on(row.declarationId, row.version)],
);

/**
 * An advisory-group member's review of a published version, where the charter asks for one:
 * approved lists it; changes requested sends it back, with comments per clause.
 */
export const declarationReviews = pgTable(
  "declaration_review",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    declarationId: uuid("declaration_id")
      .notNull()
      .references(() => declarations.id),
    version: integer("version").notNull(),
    reviewerId: text("reviewer_id")
      .notNull()
      .references(() => users.id),
    verdict: text("verdict").$type<"approved" | "changes_requested">().notNull(),
    /** Comments by clause reference, and "" for the declaration as a whole. */
    comments: jsonb("comments").$type<Record<string, string>>().notNull(),
    at: at("at").notNull(),
  },
  (row) => [index("declaration_review_idx").on(row.declarationId, row.version)],
);

/** The evidence URLs each declaration's latest published version cites, for the checker. */
export const declarationEvidence = pgTable(
  "declaration_evidence",
  {
    declarationId: uuid("declaration_id")
      .notNull()
      .references(() => declarations.id),
    ref: text("ref").notNull(),
    url: text("url").notNull(),
  },
  (row) => [
    unique("declaration_evidence_unique").on(row.declarationId, row.ref, row.url),
    index("declaration_evidence_url_idx").on(row.url),
  ],
);

export const evidenceState = pgEnum("evidence_state", ["unchecked", "ok", "moved", "broken"]);

/** What the last check of an evidence URL found; one row per URL, however many cite it. */
export const evidenceLinks = pgTable(
  "evidence_link",
  {
    url: text("url").primaryKey(),
    host: text("host").notNull(),
    state: evidenceState("state").notNull().default("unchecked"),
    status: integer("status"),
    finalUrl: text("final_url"),
    /** Why a check failed without a status: "timeout", "refused_address", "too_large"… */
    problem: text("problem"),
    checkedAt: at("checked_at"),
    /** When `state` last changed, so the registry's pages know to redraw. */
    changedAt: at("changed_at").notNull(),
    nextCheckAt: at("next_check_at").notNull(),
  },
  (row) => [
    index("evidence_link_due_idx").on(row.nextCheckAt),
    // The launcher asks every second for the newest change (lib/registry/queries-epoch.ts).
    index("evidence_link_changed_idx").on(row.changedAt),
  ],
);
