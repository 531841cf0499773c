import "server-only";
import { and, asc, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { users } from "@/lib/auth/schema";
import { displayName } from "@/lib/community/rules";
import type { Database, Executor } from "@/lib/db/client";
import type { EmailSender } from "@/lib/email/sender";
import { translate } from "@/lib/i18n";
import { chooseLocale, type Locale } from "@/lib/locale";
import { notificationEmail } from "@/lib/notifications/email";
import { claimDigests, markEmailed, notificationKinds } from "@/lib/notifications/mutations";
import { moderatedExcerpts, worded } from "@/lib/notifications/queries";
import { notificationSettings, notifications } from "@/lib/notifications/schema";
import { mintUnsubscribeToken } from "@/lib/notifications/tokens";
import { emailSettingsPath, oneClickUnsubscribePath, unsubscribePath } from "@/lib/paths";

export type DeliveryContext = {
  db: Database;
  sender: EmailSender;
  secret: string;
  /** The site's public address, for links in emails. */
  publicUrl: string;
  /** Reply-To for a notification about a thread, when replies by email are set up. */
  replyTo?: (threadId: string, userId: string) => string;
  now?: Date;
};

async function pending(db: Executor, where: ReturnType<typeof and>) {
  const recipient = alias(users, "recipient");
  const actor = alias(users, "actor");
  return (
    db
      .select({
        id: notifications.id,
        userId: notifications.userId,
        watchId: notifications.watchId,
        threadId: notifications.threadId,
        kind: notifications.kind,
        excerpt: notifications.excerpt,
        commentId: notifications.commentId,
        createdAt: notifications.createdAt,
        email: recipient.email,
        recipientName: recipient.name,
        recipientLanguage: recipient.language,
        actorId: notifications.actorId,
        actorName: actor.name,
        subject: notifications.subject,
        message: notifications.message,
        path: notifications.path,
      })
      .from(notifications)
      .innerJoin(recipient, eq(recipient.id, notifications.userId))
      .leftJoin(actor, eq(actor.id, notifications.actorId))
      .leftJoin(notificationSettings, eq(notificationSettings.userId, notifications.userId))
      .where(where)
      .orderBy(asc(notifications.createdAt))
      .limit(500)
      // Two servers delivering at once each take different rows.
      .for("update", { of: notifications, skipLocked: true })
  );
}

/**
 * Takes the rows to send and marks them sent, in one transaction, before anything is sent. Their
 * excerpts are read now, through moderation, so a comment hidden after it was posted but before
 * the email went out is not in the email.
 */
async function claim(db: Database, where: ReturnType<typeof and>, now: Date): Promise<Pending[]> {
  const rows = await db.transaction(async (tx) => {
    const claimed = await pending(tx, where);
    await markEmailed(
      tx,
      claimed.map((row) => row.id),
      now,
    );
    return claimed;
  });
  return moderatedExcerpts(db, rows);
}

/** A message that could not be sent goes back in the queue for the next run. */
async function release(db: Database, ids: string[]): Promise<void> {
  if (ids.length > 0)
    await db.update(notifications).set({ emailedAt: null }).where(inArray(notifications.id, ids));
}

type Pending = Awaited<ReturnType<typeof pending>>[number] & { hidden: boolean };

/** The language a person reads their email in: their saved choice, else English. */
const localeOf = (row: Pending): Locale => chooseLocale({ profile: row.recipientLanguage });

function itemOf(pending: Pending, publicUrl: string, locale: Locale) {
  const row = worded(pending, locale);
  return {
    subject: row.subject,
    actor: row.actorId ? displayName({ id: row.actorId, name: row.actorName }) : "Hum",
    kind: notificationKinds.find((kind) => kind === row.kind) ?? "reply",
    excerpt: row.hidden ? translate("notifications", locale)("excerptHidden") : row.excerpt,
    url: `${publicUrl}${row.path}`,
  };
}

/**
 * A notification brought by a watch can end that watch in one click. One that comes with a role
 * (a vote an AG member owes) has no watch to end: its link leads to the email settings instead.
 */
function links(ctx: DeliveryContext, row: Pending) {
  if (!row.watchId) return { unsubscribeUrl: `${ctx.publicUrl}${emailSettingsPath()}` };
  const token = mintUnsubscribeToken(row.watchId, row.userId, ctx.secret);
  return {
    unsubscribeUrl: `${ctx.publicUrl}${unsubscribePath(token)}`,
    oneClickUrl: `${ctx.publicUrl}${oneClickUnsubscribePath(token)}`,
  };
}

/** Sends every waiting notification of the people who want email at once. Safe to repeat. */
export async function deliverImmediate(ctx: DeliveryContext): Promise<number> {
  const now = ctx.now ?? new Date();
  const rows = await claim(
    ctx.db,
    and(
      isNull(notifications.emailedAt),
      sql`coalesce(${notificationSettings.emailMode}, 'immediate') = 'immediate'`,
    ),
    now,
  );
  let sent = 0;
  for (const row of rows) {
    if (!row.email) continue;
    const locale = localeOf(row);
    try {
      await ctx.sender.send(
        notificationEmail(row.email, {
          locale,
          recipient: displayName({ id: row.userId, name: row.recipientName }),
          items: [itemOf(row, ctx.publicUrl, locale)],
          digest: false,
          ...links(ctx, row),
          replyTo: row.threadId ? ctx.replyTo?.(row.threadId, row.userId) : undefined,
        }),
      );
      sent += 1;
    } catch (error) {
      await release(ctx.db, [row.id]);
      throw error;
    }
  }
  return sent;
}

/** Once a day per person: everything since their last digest, in one email. */
export async function sendDailyDigests(ctx: DeliveryContext): Promise<number> {
  const now = ctx.now ?? new Date();
  const today = now.toISOString().slice(0, 10);
  const people = await claimDigests(ctx.db, today);
  if (people.length === 0) return 0;
  const rows = await claim(
    ctx.db,
    and(
      isNull(notifications.emailedAt),
      inArray(notifications.userId, people),
      lt(notifications.createdAt, now),
    ),
    now,
  );
  let sent = 0;
  for (const userId of people) {
    const mine = rows.filter((row) => row.userId === userId);
    const first = mine[0];
    if (!first?.email) continue;
    const ids = mine.map((row) => row.id);
    const locale = localeOf(first);
    try {
      await ctx.sender.send(
        notificationEmail(first.email, {
          locale,
          recipient: displayName({ id: userId, name: first.recipientName }),
          items: mine.map((row) => itemOf(row, ctx.publicUrl, locale)),
          digest: true,
          ...links(ctx, first),
        }),
      );
    } catch (error) {
      await release(ctx.db, ids);
      throw error;
    }
    sent += 1;
  }
  return sent;
}
