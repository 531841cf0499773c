import { jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "@/lib/auth/schema";
import { calls } from "@/lib/decisions/schema";
import { standards } from "@/lib/drafting/schema";
import type { ReleaseContent } from "@/lib/releases/content";

const at = (name: string) => timestamp(name, { mode: "date", withTimezone: true });

/** Where each clause of a release came from: the revision and the call that adopted it. */
export type ReleaseTrace = Record<string, { revision: number; call: number | null }>;

/**
 * A release candidate: the adopted text of every clause, frozen when it is prepared, so the
 * call on it decides exactly these bytes. The database refuses to change or delete it.
 */
export const releaseCandidates = pgTable("release_candidate", {
  id: uuid("id").primaryKey().defaultRandom(),
  standardId: uuid("standard_id")
    .notNull()
    .references(() => standards.id),
  version: text("version").notNull(),
  content: jsonb("content").$type<ReleaseContent>().notNull(),
  digest: text("digest").notNull(),
  trace: jsonb("trace").$type<ReleaseTrace>().notNull(),
  /** Clauses left out because no revision of theirs has been adopted yet. */
  leftOut: text("left_out").array().notNull(),
  preparedBy: text("prepared_by")
    .notNull()
    .references(() => users.id),
  preparedAt: at("prepared_at").notNull(),
});

/**
 * A published release. Only an adopted call on its candidate creates one (the database checks
 * the call), and nothing may change or delete it afterwards.
 */
export const releases = pgTable(
  "release",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
    version: text("version").notNull(),
    content: jsonb("content").$type<ReleaseContent>().notNull(),
    digest: text("digest").notNull(),
    trace: jsonb("trace").$type<ReleaseTrace>().notNull(),
    candidateId: uuid("candidate_id")
      .notNull()
      .unique()
      .references(() => releaseCandidates.id),
    callId: uuid("call_id")
      .notNull()
      .references(() => calls.id),
    publishedAt: at("published_at").notNull(),
  },
  (release) => [unique("release_version_unique").on(release.standardId, release.version)],
);

/** Marks a release withdrawn, with the reason; its content stays readable. */
export const releaseWithdrawals = pgTable("release_withdrawal", {
  releaseId: uuid("release_id")
    .primaryKey()
    .references(() => releases.id),
  reason: text("reason").notNull(),
  withdrawnBy: text("withdrawn_by")
    .notNull()
    .references(() => users.id),
  withdrawnAt: at("withdrawn_at").notNull(),
});
