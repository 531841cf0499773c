import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  serial,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "@/lib/auth/schema";
import {
  type ChallengeCharter,
  challengeKinds,
  challengePhases,
  responseKinds,
  verdicts,
} from "@/lib/challenges/rules";
import { conflictDeclarations } from "@/lib/community/schema";
import { voteStage } from "@/lib/decisions/schema";
import { standards } from "@/lib/drafting/schema";
import { declarations } from "@/lib/registry/schema";

const at = (name: string) => timestamp(name, { mode: "date", withTimezone: true });

export const challengeKind = pgEnum("challenge_kind", challengeKinds);
export const challengePhase = pgEnum("challenge_phase", challengePhases as [string, ...string[]]);
export const challengeVerdict = pgEnum("challenge_verdict", verdicts);
export const challengeChoice = pgEnum("challenge_choice", [...verdicts, "recuse"]);
export const challengeResponse = pgEnum("challenge_response", responseKinds);
export const challengeParty = pgEnum("challenge_party", ["challenger", "declarant"]);

/**
 * A challenge to a listed declaration, or a report of someone showing the mark without a
 * listing: public from filing, decided by the advisory group, never deleted (the database
 * refuses). The challenger's name is kept even when withheld: the groups that decide see it,
 * the declarant and the public do not.
 */
export const challenges = pgTable(
  "challenge",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The permanent public identifier: /registry/challenges/{number}. */
    number: serial("number").notNull().unique(),
    kind: challengeKind("kind").notNull(),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
    /** The declaration challenged (null for a misuse report) and the version it stood at. */
    declarationId: uuid("declaration_id").references(() => declarations.id),
    declarationVersion: integer("declaration_version"),
    /** The clauses challenged, by reference; empty: the claim as a whole. */
    clauses: text("clauses").array().notNull().default([]),
    /** What is wrong, in the challenger's words. */
    reason: text("reason").notNull(),
    evidence: text("evidence").array().notNull().default([]),
    /** A misuse report: who shows the mark, where it was seen, and the address that shows it. */
    subjectName: text("subject_name"),
    seenAt: text("seen_at"),
    subjectUrl: text("subject_url"),
    filedBy: text("filed_by")
      .notNull()
      .references(() => users.id),
    withholdName: boolean("withhold_name").notNull().default(false),
    /** Organisations it concerns; advisory-group members whose declarations name one recuse. */
    organisations: text("organisations").array().notNull().default([]),
    /** The charter's numbers when it was filed; later changes to the charter do not apply. */
    charter: jsonb("charter").$type<ChallengeCharter>().notNull(),
    phase: challengePhase("phase").$type<(typeof challengePhases)[number]>().notNull(),
    filedAt: at("filed_at").notNull(),
    responseDeadline: at("response_deadline"),
    /** The declarant's response: how, in whose words, with what evidence, and the cure's version. */
    response: challengeResponse("response"),
    responseText: text("response_text"),
    responseEvidence: text("response_evidence").array().notNull().default([]),
    respondedBy: text("responded_by").references(() => users.id),
    respondedAt: at("responded_at"),
    cureVersion: integer("cure_version"),
    agDeadline: at("ag_deadline"),
    agDecision: challengeVerdict("ag_decision"),
    agRationale: text("ag_rationale"),
    appealDeadline: at("appeal_deadline"),
    /** Why it ended as it did: the votes that carried it, or a withdrawal's reason. */
    rationale: text("rationale"),
    decidedAt: at("decided_at"),
  },
  (row) => [
    index("challenge_phase_idx").on(row.phase),
    index("challenge_declaration_idx").on(row.declarationId),
    index("challenge_filed_by_idx").on(row.filedBy, row.filedAt),
    index("challenge_standard_idx").on(row.standardId, row.phase),
  ],
);

/** An AG or SC member's vote on a challenge; one per member per stage, never changed. */
export const challengeVotes = pgTable(
  "challenge_vote",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    challengeId: uuid("challenge_id")
      .notNull()
      .references(() => challenges.id),
    stage: voteStage("stage").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    choice: challengeChoice("choice").notNull(),
    rationale: text("rationale").notNull(),
    /** The voter's conflict-of-interest declaration in force when the vote was cast. */
    conflictDeclarationId: uuid("conflict_declaration_id").references(
      () => conflictDeclarations.id,
    ),
    castAt: at("cast_at").notNull(),
  },
  (vote) => [unique("challenge_vote_once").on(vote.challengeId, vote.stage, vote.userId)],
);

/** An appeal of the AG's decision to the SC, by the challenger or the declarant; never changed. */
export const challengeAppeals = pgTable("challenge_appeal", {
  challengeId: uuid("challenge_id")
    .primaryKey()
    .references(() => challenges.id),
  appellantId: text("appellant_id")
    .notNull()
    .references(() => users.id),
  party: challengeParty("party").notNull(),
  reason: text("reason").notNull(),
  filedAt: at("filed_at").notNull(),
});
