import {
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "@/lib/auth/schema";
import { conflictDeclarations } from "@/lib/community/schema";
import type { Charter, RationaleMessage } from "@/lib/decisions/rules";
import { clauseRevisions, clauses, standards } from "@/lib/drafting/schema";

const at = (name: string) => timestamp(name, { mode: "date", withTimezone: true });

/** The numbers a standard's governance runs on; a call copies them when it opens. */
export const charters = pgTable("charter", {
  standardId: uuid("standard_id")
    .primaryKey()
    .references(() => standards.id),
  commentPeriodDays: integer("comment_period_days").notNull(),
  quorum: integer("quorum").notNull(),
  agDeadlineDays: integer("ag_deadline_days").notNull(),
  appealWindowDays: integer("appeal_window_days").notNull(),
  updatedBy: text("updated_by").references(() => users.id),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

export const callKind = pgEnum("call_kind", ["clause_revision", "release", "question"]);
export const callPhase = pgEnum("call_phase", [
  "open",
  "escalated_ag",
  "ag_decided",
  "escalated_sc",
  "appealed",
  "adopted",
  "rejected",
  "returned",
  "withdrawn",
]);
export const decision = pgEnum("decision", ["adopt", "reject", "return"]);
export const stance = pgEnum("stance", ["support", "no_objection", "object", "abstain", "recuse"]);
export const voteStage = pgEnum("vote_stage", ["ag", "sc"]);
export const voteChoice = pgEnum("vote_choice", ["adopt", "reject", "return", "recuse"]);

/**
 * A rough-consensus call. A clause call points at a revision, which never changes, so later
 * edits to the working text do not change what is being decided. The charter is a copy taken
 * at opening; the database refuses to change it afterwards.
 */
export const calls = pgTable(
  "call",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    standardId: uuid("standard_id")
      .notNull()
      .references(() => standards.id),
    /** Numbered per standard, for URLs and citations: /standards/iotmark/calls/12. */
    number: integer("number").notNull(),
    kind: callKind("kind").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    clauseId: uuid("clause_id").references(() => clauses.id),
    revisionId: uuid("revision_id").references(() => clauseRevisions.id),
    /** The release candidate a release call would publish. */
    releaseId: uuid("release_id"),
    /** Organisations the subject concerns; members whose declarations name one must recuse. */
    organisations: text("organisations").array().notNull().default([]),
    charter: jsonb("charter").$type<Charter>().notNull(),
    phase: callPhase("phase").notNull().default("open"),
    openedBy: text("opened_by")
      .notNull()
      .references(() => users.id),
    openedAt: at("opened_at").notNull(),
    closesAt: at("closes_at").notNull(),
    closedAt: at("closed_at"),
    agDeadline: at("ag_deadline"),
    agDecision: decision("ag_decision"),
    agRationale: text("ag_rationale"),
    appealDeadline: at("appeal_deadline"),
    /** Why it ended as it did, in people's words (votes, a withdrawal)… */
    rationale: text("rationale"),
    /** …or in Hum's own (rough consensus), as a sentence of the catalogue. */
    rationaleMessage: jsonb("rationale_message").$type<RationaleMessage>(),
    decidedAt: at("decided_at"),
    /** Set once the "closes in two days" reminder went out, so it goes out once. */
    remindedAt: at("reminded_at"),
  },
  (call) => [
    unique("call_number_unique").on(call.standardId, call.number),
    index("call_phase_idx").on(call.phase, call.closesAt),
    index("call_clause_idx").on(call.clauseId),
  ],
);

/** A person's current stand on a call; earlier stands live in the audit log's timeline. */
export const positions = pgTable(
  "position",
  {
    callId: uuid("call_id")
      .notNull()
      .references(() => calls.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    stance: stance("stance").notNull(),
    reason: text("reason").notNull().default(""),
    /** The objection thread an "object" stand opened; it stays linked if the stand changes. */
    threadId: uuid("thread_id"),
    /**
     * The comment an objection's reason was posted as. The reason is shown through that comment,
     * so when moderators hide it, it is hidden here too. (No foreign key: the discussion schema
     * already depends on this one.)
     */
    commentId: uuid("comment_id"),
    /**
     * Any other stand's reason, kept as its own row so the advisory group can hide it and the
     * audit log can name it instead of copying its words.
     */
    reasonId: uuid("reason_id").references(() => positionReasons.id),
    takenAt: at("taken_at").notNull(),
  },
  (position) => [primaryKey({ columns: [position.callId, position.userId] })],
);

/**
 * Every reason given with a support, no-objection, abstain or recuse stand, once per stand, never
 * changed: a new stand adds a new row. Hiding (for abuse) keeps the words for their author and
 * the advisory group, as with comments.
 */
export const positionReasons = pgTable(
  "position_reason",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    callId: uuid("call_id")
      .notNull()
      .references(() => calls.id),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    stance: stance("stance").notNull(),
    body: text("body").notNull(),
    givenAt: at("given_at").notNull(),
    hiddenAt: at("hidden_at"),
    hiddenBy: text("hidden_by").references(() => users.id),
    hiddenReason: text("hidden_reason"),
  },
  (reason) => [index("position_reason_call_idx").on(reason.callId, reason.authorId)],
);

/** An AG or SC member's vote; one per member per stage, never changed. */
export const votes = pgTable(
  "vote",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    callId: uuid("call_id")
      .notNull()
      .references(() => calls.id),
    stage: voteStage("stage").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    choice: voteChoice("choice").notNull(),
    rationale: text("rationale").notNull(),
    /** The voter's conflict-of-interest declaration in force when the vote was cast (null: none). */
    declarationId: uuid("declaration_id").references(() => conflictDeclarations.id),
    castAt: at("cast_at").notNull(),
  },
  (vote) => [unique("vote_once").on(vote.callId, vote.stage, vote.userId)],
);

/** An appeal of an AG decision to the SC; a call is appealed at most once. */
export const appeals = pgTable("appeal", {
  callId: uuid("call_id")
    .primaryKey()
    .references(() => calls.id),
  appellantId: text("appellant_id")
    .notNull()
    .references(() => users.id),
  reason: text("reason").notNull(),
  filedAt: at("filed_at").notNull(),
});
