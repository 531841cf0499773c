import { and, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { users } from "@/lib/auth/schema";
import { displayName } from "@/lib/community/rules";
import type { Executor } from "@/lib/db/client";
import { notificationKinds } from "@/lib/notifications/mutations";
import { notificationSettings, notifications, watches } from "@/lib/notifications/schema";

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

/** A person's inbox, newest first. */
export async function listInbox(db: Executor, userId: string, limit = 100) {
  const actor = alias(users, "actor");
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      excerpt: notifications.excerpt,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      subject: notifications.subject,
      path: notifications.path,
      actorId: notifications.actorId,
      actorName: actor.name,
    })
    .from(notifications)
    .leftJoin(actor, eq(actor.id, notifications.actorId))
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(limit);
  return rows.map((row) => ({
    ...row,
    kind: notificationKinds.find((kind) => kind === row.kind) ?? "reply",
    actor: row.actorId ? displayName({ id: row.actorId, name: row.actorName }) : "Hum",
  }));
}

/** What an unsubscribe token points at, described for the confirmation page. */
export async function describeWatch(db: Executor, watchId: string) {
  const [watch] = await db.select().from(watches).where(eq(watches.id, watchId));
  return watch ?? null;
}
