import {
  type AnyPgColumn,
  boolean,
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
import {
  clauseRevisions,
  clauses,
  modules,
  sectionRevisions,
  sections,
  standards,
} from "@/lib/drafting/schema";

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
  /** The mark: how long a listing lasts, how long it may stay on a superseded release. */
  listingTermMonths: integer("listing_term_months").notNull().default(12),
  transitionDays: integer("transition_days").notNull().default(180),
  /** "none", "all", or the name of the lowest level whose claims wait for a review. */
  declarationReview: text("declaration_review").notNull().default("none"),
  /** Challenges: the declarant's response window, the badge, the relisting ban. */
  challengeResponseDays: integer("challenge_response_days").notNull().default(30),
  challengeOnBadge: boolean("challenge_on_badge").notNull().default(false),
  relistingBanDays: integer("relisting_ban_days").notNull().default(90),
  updatedBy: text("updated_by").references(() => users.id),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

/**
 * What a call decides: one clause revision (the original, per-clause call), a set of changes to
 * the document (a last call over many clauses and sections, a retirement, a move, a founding
 * text: see `callItems`), a release candidate, a translation of a release, a change of the
 * charter, or a plain question.
 */
export const callKind = pgEnum("call_kind", [
  "clause_revision",
  "release",
  "question",
  "changes",
  "charter",
  "translation",
  "review",
]);
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
    /**
     * The translation of a release a translation call would publish. Its foreign key is written
     * in the migration, as the release's is: the translation's tables refer to releases, which
     * refer back to calls.
     */
    translationId: uuid("translation_id"),
    /** The review whose conclusions a review call would adopt (key in the migration). */
    reviewId: uuid("review_id"),
    /**
     * The last call this one was split from: at close, each objected change of a last call goes
     * to the advisory group as a call of its own, born escalated.
     */
    parentCallId: uuid("parent_call_id").references((): AnyPgColumn => calls.id),
    /** The numbers a charter call would put in force. */
    proposedCharter: jsonb("proposed_charter").$type<Charter>(),
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
    index("call_parent_idx").on(call.parentCallId),
  ],
);

/**
 * What one change of a "changes" call does when adopted: adopt a clause or section revision,
 * retire or restore a clause, retire a section, or move a clause to another module.
 */
export const callItemKinds = [
  "adopt_clause",
  "adopt_section",
  "retire_clause",
  "restore_clause",
  "move_clause",
  "retire_section",
] as const;
export const callItemKind = pgEnum("call_item_kind", callItemKinds);

/** Where one change of a call stands; "escalated" changes wait on their own call. */
export const callItemOutcomes = [
  "pending",
  "adopted",
  "escalated",
  "rejected",
  "returned",
  "withdrawn",
] as const;
export const callItemOutcome = pgEnum("call_item_outcome", callItemOutcomes);

/**
 * One change a "changes" call decides. The revisions it names never change, so later edits to
 * the working text do not change what is being decided (the change is frozen when the call
 * opens). Items are never deleted; their outcome is set once, when the call or the call an
 * objected item escalated to ends.
 */
export const callItems = pgTable(
  "call_item",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    callId: uuid("call_id")
      .notNull()
      .references(() => calls.id),
    /** Order on the call's page: the document's order when it opened. */
    position: integer("position").notNull(),
    kind: callItemKind("kind").notNull(),
    clauseId: uuid("clause_id").references(() => clauses.id),
    revisionId: uuid("revision_id").references(() => clauseRevisions.id),
    sectionId: uuid("section_id").references(() => sections.id),
    sectionRevisionId: uuid("section_revision_id").references(() => sectionRevisions.id),
    /** Where a move takes the clause. */
    moduleId: uuid("module_id").references(() => modules.id),
    outcome: callItemOutcome("outcome").notNull().default("pending"),
    /** The call an objected item went on to, alone, at the advisory group. */
    escalatedCallId: uuid("escalated_call_id").references((): AnyPgColumn => calls.id),
  },
  (item) => [
    unique("call_item_position_unique").on(item.callId, item.position),
    index("call_item_clause_idx").on(item.clauseId),
    index("call_item_section_idx").on(item.sectionId),
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
    /**
     * The changes of a "changes" call an objection concerns; empty means the whole call. An
     * objection naming changes holds back only those.
     */
    itemIds: uuid("item_ids").array().notNull().default([]),
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
