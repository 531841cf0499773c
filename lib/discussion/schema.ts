import { sql } from "drizzle-orm";
import { check, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "@/lib/auth/schema";
import type { QuoteAnchor } from "@/lib/collab/anchors";
import { calls } from "@/lib/decisions/schema";
import { clauses } from "@/lib/drafting/schema";

export const threadKind = pgEnum("thread_kind", ["comment", "question", "editorial", "objection"]);
export const threadStatus = pgEnum("thread_status", ["open", "resolved"]);
/** Where an objection stands: answered by others, then withdrawn or sustained by its author. */
export const objectionState = pgEnum("objection_state", ["raised", "withdrawn", "sustained"]);

/**
 * A conversation about one clause, optionally quoting a span of its text. An objection raised
 * on a call also names the call; a call without a clause (a question, a release) holds its
 * objection threads itself.
 */
export const threads = pgTable(
  "thread",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clauseId: uuid("clause_id").references(() => clauses.id),
    callId: uuid("call_id").references(() => calls.id),
    /** A review's own discussion (key in the migration: reviews sit above discussion). */
    reviewId: uuid("review_id"),
    kind: threadKind("kind").notNull(),
    status: threadStatus("status").notNull().default("open"),
    title: text("title").notNull(),
    /** The language its author wrote the title in (lib/locale.ts), for screen readers. */
    lang: text("lang").notNull().default("en"),
    quote: text("quote"),
    /** Yjs relative positions of the quoted span, so the quote follows its words as others edit. */
    anchor: jsonb("anchor").$type<QuoteAnchor>(),
    objectionState: objectionState("objection_state"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp("last_activity_at", { mode: "date", withTimezone: true })
      .notNull()
      .defaultNow(),
    resolvedBy: text("resolved_by").references(() => users.id),
    resolvedAt: timestamp("resolved_at", { mode: "date", withTimezone: true }),
    resolution: text("resolution"),
  },
  (thread) => [
    index("thread_clause_idx").on(thread.clauseId, thread.lastActivityAt),
    index("thread_call_idx").on(thread.callId),
    check(
      "thread_has_place",
      sql`${thread.clauseId} is not null or ${thread.callId} is not null or ${thread.reviewId} is not null`,
    ),
    index("thread_review_idx").on(thread.reviewId),
  ],
);

/**
 * A message in a thread. Replies nest one level (`parentId` is a top-level comment). Deleting
 * leaves a tombstone; hiding (for abuse) keeps the text for its author and the advisory group.
 */
export const comments = pgTable(
  "comment",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    threadId: uuid("thread_id")
      .notNull()
      .references(() => threads.id),
    parentId: uuid("parent_id"),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    /** The language its author wrote it in (lib/locale.ts), for screen readers. */
    lang: text("lang").notNull().default("en"),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { mode: "date", withTimezone: true }),
    deletedAt: timestamp("deleted_at", { mode: "date", withTimezone: true }),
    hiddenAt: timestamp("hidden_at", { mode: "date", withTimezone: true }),
    hiddenBy: text("hidden_by").references(() => users.id),
    hiddenReason: text("hidden_reason"),
  },
  (comment) => [
    index("comment_thread_idx").on(comment.threadId, comment.createdAt),
    index("comment_author_idx").on(comment.authorId, comment.createdAt),
  ],
);

/** Earlier wordings of an edited comment, shown as its edit history. */
export const commentEdits = pgTable("comment_edit", {
  id: uuid("id").primaryKey().defaultRandom(),
  commentId: uuid("comment_id")
    .notNull()
    .references(() => comments.id),
  body: text("body").notNull(),
  bodyHtml: text("body_html").notNull(),
  replacedAt: timestamp("replaced_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
});
