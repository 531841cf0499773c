import "server-only";
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import type { Participant } from "@/lib/community/authz";
import type { Database, Executor, Transaction } from "@/lib/db/client";
import { threads } from "@/lib/discussion/schema";
import { clauses, modules, standards } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import {
  type NotificationMessage,
  notificationSettings,
  notifications,
  watches,
} from "@/lib/notifications/schema";

export const notificationKinds = [
  "thread_opened",
  "reply",
  "mention",
  "call_opened",
  "call_closing",
  "call_escalated",
  "call_decided",
  "declaration_reminder",
  "declaration_lapsed",
  "declaration_reviewed",
  "evidence_broken",
  "challenge_filed",
  "challenge_escalated",
  "challenge_decided",
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export type WatchTarget = (typeof watches.$inferSelect)["target"];
/** Most specific first: a thread watch explains a notification better than a standard watch. */
const specificity: WatchTarget[] = ["thread", "clause", "module", "standard"];

export async function setWatch(
  db: Database,
  person: Participant,
  target: WatchTarget,
  targetId: string,
  on: boolean,
): Promise<void> {
  if (on) {
    if (!(await watchTargetExists(db, target, targetId))) throw new DomainError("not_found");
    await db.insert(watches).values({ userId: person.id, target, targetId }).onConflictDoNothing();
  } else {
    await db
      .delete(watches)
      .where(
        and(
          eq(watches.userId, person.id),
          eq(watches.target, target),
          eq(watches.targetId, targetId),
        ),
      );
  }
}

const targetTables = { standard: standards, module: modules, clause: clauses, thread: threads };

/** A watch names something real: no rows, and no notifications, for ids nothing has. */
async function watchTargetExists(db: Database, target: WatchTarget, id: string) {
  const table = targetTables[target];
  const [row] = await db.select({ id: table.id }).from(table).where(eq(table.id, id));
  return Boolean(row);
}

/** A thread as its notifications name it, placed by its caller: where it lives, how to link it. */
export type NotifiedThread = {
  id: string;
  title: string;
  standardId: string;
  moduleId: string | null;
  clauseId: string | null;
  /** "SW-4", or "Call 3" for a call's own thread. */
  label: string;
  /** The page that shows the thread, with its anchor. */
  path: string;
};

/**
 * Tells everyone watching the thread, its clause, module or standard that something happened,
 * in the caller's transaction, and makes the actor watch the thread from now on.
 */
export async function notifyThreadActivity(
  tx: Transaction,
  event: {
    thread: NotifiedThread;
    actorId: string;
    kind: "thread_opened" | "reply";
    /** The comment it is about: its words are shown from it, through moderation, not copied. */
    commentId: string;
    at: Date;
    /** People named with @ in the message: they hear of it and follow the thread. */
    mentionedIds?: string[];
  },
): Promise<void> {
  const { thread } = event;
  const mentioned = (event.mentionedIds ?? []).filter((id) => id !== event.actorId);
  await tx
    .insert(watches)
    .values(
      [event.actorId, ...mentioned].map((userId) => ({
        userId,
        target: "thread" as const,
        targetId: thread.id,
      })),
    )
    .onConflictDoNothing();
  const recipients = await watchersOf(tx, {
    thread: thread.id,
    clause: thread.clauseId,
    module: thread.moduleId,
    standard: thread.standardId,
  });
  recipients.delete(event.actorId);
  await insertNotifications(
    tx,
    [...recipients.values()].map((watch) => ({
      userId: watch.userId,
      watchId: watch.id,
      kind: mentioned.includes(watch.userId) ? "mention" : event.kind,
    })),
    {
      threadId: thread.id,
      actorId: event.actorId,
      subject: `${thread.label} · ${thread.title}`,
      path: thread.path,
      commentId: event.commentId,
      excerpt: "",
      at: event.at,
    },
  );
}

type WatchRow = typeof watches.$inferSelect;

/** Each person watching any of the targets, with their most specific watch. */
export async function watchersOf(
  tx: Executor,
  targets: Partial<Record<WatchTarget, string | null>>,
): Promise<Map<string, WatchRow>> {
  const wanted = specificity.filter((target) => targets[target]);
  if (wanted.length === 0) return new Map();
  const matches = await tx
    .select()
    .from(watches)
    .where(
      or(
        ...wanted.map((target) =>
          and(eq(watches.target, target), eq(watches.targetId, targets[target] ?? "")),
        ),
      ),
    );
  const byUser = new Map<string, WatchRow>();
  for (const watch of matches.sort(
    (a, b) => specificity.indexOf(a.target) - specificity.indexOf(b.target),
  )) {
    if (!byUser.has(watch.userId)) byUser.set(watch.userId, watch);
  }
  return byUser;
}

/** One inbox line per recipient about one thing; the delivery scheduler emails them. */
export async function insertNotifications(
  tx: Executor,
  recipients: { userId: string; watchId: string | null; kind: NotificationKind }[],
  about: {
    threadId?: string;
    callId?: string;
    commentId?: string;
    actorId: string | null;
    /** Left out when `message` words it. */
    subject?: string;
    path: string;
    excerpt?: string;
    message?: NotificationMessage;
    at: Date;
  },
): Promise<void> {
  if (recipients.length === 0) return;
  await tx.insert(notifications).values(
    recipients.map((recipient) => ({
      userId: recipient.userId,
      watchId: recipient.watchId,
      threadId: about.threadId ?? null,
      callId: about.callId ?? null,
      commentId: about.commentId ?? null,
      kind: recipient.kind,
      actorId: about.actorId,
      subject: about.subject ?? "",
      path: about.path,
      excerpt: (about.excerpt ?? "").slice(0, 280),
      message: about.message ?? null,
      createdAt: about.at,
    })),
  );
}

export async function setEmailMode(
  db: Database,
  person: Participant,
  emailMode: "immediate" | "digest" | "off",
): Promise<void> {
  await db
    .insert(notificationSettings)
    .values({ userId: person.id, emailMode })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { emailMode } });
}

export async function markAllRead(
  db: Database,
  person: Participant,
  now = new Date(),
): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, person.id), isNull(notifications.readAt)));
}

/** Ends the one watch an unsubscribe token names; nothing else. */
export async function unsubscribe(db: Database, watchId: string, userId: string): Promise<boolean> {
  const removed = await db
    .delete(watches)
    .where(and(eq(watches.id, watchId), eq(watches.userId, userId)))
    .returning({ id: watches.id });
  return removed.length > 0;
}

/**
 * Claims today's digest for the people who chose one and have something waiting, atomically: of
 * two servers running this at once, one gets each person. Someone with nothing waiting is left
 * unclaimed, so a notification arriving later today still goes out today.
 */
export async function claimDigests(db: Database, today: string): Promise<string[]> {
  const claimed = await db
    .update(notificationSettings)
    .set({ digestSentOn: today })
    .where(
      and(
        eq(notificationSettings.emailMode, "digest"),
        or(isNull(notificationSettings.digestSentOn), lt(notificationSettings.digestSentOn, today)),
        sql`exists (select 1 from ${notifications} where ${notifications.userId} = ${notificationSettings.userId} and ${notifications.emailedAt} is null)`,
      ),
    )
    .returning({ userId: notificationSettings.userId });
  return claimed.map((row) => row.userId);
}

export async function markEmailed(db: Executor, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.update(notifications).set({ emailedAt: now }).where(inArray(notifications.id, ids));
}

/** The people a message names with @: "@AnnLee" or "@ann.lee" match the display name "Ann Lee". */
export async function mentionedPeople(tx: Executor, body: string): Promise<string[]> {
  const handles = [...body.matchAll(/(?:^|[^\w@])@([\p{L}][\p{L}\p{N}._-]{1,39})/gu)].map((match) =>
    (match[1] ?? "").toLowerCase().replace(/[._-]/g, ""),
  );
  if (handles.length === 0) return [];
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(inArray(sql`lower(regexp_replace(${users.name}, '[[:space:]._-]+', '', 'g'))`, handles));
  return rows.map((row) => row.id);
}
