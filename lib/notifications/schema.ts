import {
  date,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "@/lib/auth/schema";
import { calls } from "@/lib/decisions/schema";
import { comments, threads } from "@/lib/discussion/schema";
import type { Message } from "@/lib/i18n";

/**
 * What a notification says in Hum's own words, as sentences of the catalogue, so each reader
 * reads it in their language. A part left out is read from the row's `subject` or `excerpt`.
 */
export type NotificationMessage = { subject?: Message; excerpt?: Message };

export const watchTarget = pgEnum("watch_target", ["standard", "module", "clause", "thread"]);
export const emailMode = pgEnum("email_mode", ["immediate", "digest", "off"]);

/** What a person follows. Writing in a thread watches it automatically. */
export const watches = pgTable(
  "watch",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    target: watchTarget("target").notNull(),
    targetId: uuid("target_id").notNull(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
  },
  (watch) => [
    unique("watch_unique").on(watch.userId, watch.target, watch.targetId),
    index("watch_target_idx").on(watch.target, watch.targetId),
  ],
);

/** One line in a person's inbox; emailed at once, in the daily digest, or not at all. */
export const notifications = pgTable(
  "notification",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    /** The watch that brought it; its unsubscribe link ends exactly that watch. */
    watchId: uuid("watch_id").references(() => watches.id, { onDelete: "set null" }),
    threadId: uuid("thread_id").references(() => threads.id),
    callId: uuid("call_id").references(() => calls.id),
    kind: text("kind").notNull(),
    /**
     * What it is about ("SW-4 · Title") and where to read it, fixed at sending. Empty when
     * `message` words it ("Call 3 · Title").
     */
    subject: text("subject").notNull(),
    path: text("path").notNull(),
    actorId: text("actor_id").references(() => users.id),
    /**
     * A thread notification names its comment and shows the comment's text when read, through
     * moderation; `excerpt` is then empty. Other notifications carry a short excerpt of their own.
     */
    commentId: uuid("comment_id").references(() => comments.id),
    excerpt: text("excerpt").notNull(),
    /** Null when `subject` and `excerpt` say it all: thread notifications, and older rows. */
    message: jsonb("message").$type<NotificationMessage>(),
    createdAt: timestamp("created_at", { mode: "date", withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { mode: "date", withTimezone: true }),
    emailedAt: timestamp("emailed_at", { mode: "date", withTimezone: true }),
  },
  (notification) => [
    index("notification_user_idx").on(notification.userId, notification.createdAt),
  ],
);

export const notificationSettings = pgTable("notification_setting", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id),
  emailMode: emailMode("email_mode").notNull().default("immediate"),
  /** The last day a digest went out, so two servers never send the same one twice. */
  digestSentOn: date("digest_sent_on", { mode: "string" }),
});
