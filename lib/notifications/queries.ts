import "server-only";
import { and, desc, eq, inArray, isNotNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { users } from "@/lib/auth/schema";
import { badgesOf } from "@/lib/community/queries";
import { displayName } from "@/lib/community/rules";
import type { Executor } from "@/lib/db/client";
import { comments } from "@/lib/discussion/schema";
import { renderMessage } from "@/lib/i18n";
import type { Locale } from "@/lib/locale";
import { commentTexts } from "@/lib/moderation/visibility";
import { notificationKinds } from "@/lib/notifications/mutations";
import {
  type NotificationMessage,
  notificationSettings,
  notifications,
  watches,
} from "@/lib/notifications/schema";

/** Which of these things the person watches, as "target:id" keys. */
export async function watchedKeys(
  db: Executor,
  userId: string,
  targetIds: string[],
): Promise<Set<string>> {
  if (targetIds.length === 0) return new Set();
  const rows = await db
    .select({ target: watches.target, targetId: watches.targetId })
    .from(watches)
    .where(and(eq(watches.userId, userId), inArray(watches.targetId, targetIds)));
  return new Set(rows.map((row) => `${row.target}:${row.targetId}`));
}

export async function emailModeOf(db: Executor, userId: string) {
  const [row] = await db
    .select()
    .from(notificationSettings)
    .where(eq(notificationSettings.userId, userId));
  return row?.emailMode ?? "immediate";
}

/** How much of a comment an inbox line or an email shows. */
export const EXCERPT_LENGTH = 280;

type ExcerptSource = {
  commentId: string | null;
  threadId: string | null;
  actorId: string | null;
  createdAt: Date;
  excerpt: string;
};

/**
 * What each notification may show of the text it is about, read now, through the moderation
 * check: a hidden or deleted comment shows nothing (`hidden`), in the inbox and in emails not yet
 * sent alike. Notifications written before they named their comment carry a copy of its words;
 * their comment is the actor's in that thread at that very moment.
 */
export async function moderatedExcerpts<T extends ExcerptSource>(
  db: Executor,
  rows: T[],
): Promise<(T & { hidden: boolean })[]> {
  const named = await commentTexts(
    db,
    rows.map((row) => row.commentId),
  );
  const legacy = rows.filter((row) => !row.commentId && row.threadId && row.actorId);
  const withdrawn = legacy.length
    ? await db
        .select({
          threadId: comments.threadId,
          authorId: comments.authorId,
          createdAt: comments.createdAt,
        })
        .from(comments)
        .where(
          and(
            inArray(comments.threadId, [...new Set(legacy.map((row) => row.threadId ?? ""))]),
            or(isNotNull(comments.hiddenAt), isNotNull(comments.deletedAt)),
          ),
        )
    : [];
  const withdrawnKeys = new Set(
    withdrawn.map((row) => `${row.threadId}|${row.authorId}|${row.createdAt.getTime()}`),
  );
  return rows.map((row) => {
    if (row.commentId) {
      const comment = named.get(row.commentId);
      const hidden = !comment?.public;
      return {
        ...row,
        hidden,
        excerpt: hidden ? "" : (comment?.body ?? "").slice(0, EXCERPT_LENGTH),
      };
    }
    const hidden = withdrawnKeys.has(`${row.threadId}|${row.actorId}|${row.createdAt.getTime()}`);
    return { ...row, hidden, excerpt: hidden ? "" : row.excerpt };
  });
}

/**
 * A notification's subject and excerpt in words, in the reader's language: from the catalogue
 * where its message words them, otherwise the text it was sent with (thread notifications, and
 * rows older than messages).
 */
export function worded<
  T extends { subject: string; excerpt: string; message: NotificationMessage | null },
>(row: T, locale: Locale): T {
  const { subject, excerpt } = row.message ?? {};
  return {
    ...row,
    subject: subject ? renderMessage(subject, locale) : row.subject,
    excerpt: excerpt ? renderMessage(excerpt, locale).slice(0, EXCERPT_LENGTH) : row.excerpt,
  };
}

/**
 * A person's inbox, newest first, in the reader's language, each excerpt through the moderation
 * check, with the roles of whoever acted.
 */
export async function listInbox(db: Executor, userId: string, locale: Locale, limit = 100) {
  const actor = alias(users, "actor");
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      excerpt: notifications.excerpt,
      commentId: notifications.commentId,
      threadId: notifications.threadId,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      subject: notifications.subject,
      message: notifications.message,
      path: notifications.path,
      actorId: notifications.actorId,
      actorName: actor.name,
    })
    .from(notifications)
    .leftJoin(actor, eq(actor.id, notifications.actorId))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
  const [moderated, badges] = await Promise.all([
    moderatedExcerpts(db, rows),
    badgesOf(
      db,
      rows.flatMap((row) => (row.actorId ? [row.actorId] : [])),
    ),
  ]);
  return moderated.map((row) => ({
    ...worded(row, locale),
    kind: notificationKinds.find((kind) => kind === row.kind) ?? "reply",
    actor: row.actorId ? displayName({ id: row.actorId, name: row.actorName }) : "Hum",
    actorBadges: (row.actorId && badges.get(row.actorId)) || [],
  }));
}

/** What an unsubscribe token points at, described for the confirmation page. */
export async function describeWatch(db: Executor, watchId: string) {
  const [watch] = await db.select().from(watches).where(eq(watches.id, watchId));
  return watch ?? null;
}
