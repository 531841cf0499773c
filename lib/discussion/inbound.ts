import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import { requireParticipant } from "@/lib/community/authz";
import { loadViewer } from "@/lib/community/viewer";
import type { Database } from "@/lib/db/client";
import { reply } from "@/lib/discussion/mutations";
import { commentBodySchema } from "@/lib/discussion/rules";
import type { InboundEmail } from "@/lib/email/inbound";
import { readReplyAddress } from "@/lib/email/reply-address";
import { extractReply } from "@/lib/email/reply-text";
import { DomainError } from "@/lib/errors";

export type InboundOutcome = { ok: true; threadId: string } | { ok: false; reason: string };

/**
 * Turns a reply to a notification email into a comment in its thread. The reply address names
 * the thread and the person it was sent to; the sender must be that person. Quoted history and
 * signatures are dropped. Anything else is refused with a reason for the log.
 */
export async function acceptInboundReply(
  db: Database,
  email: InboundEmail,
  secret: string,
): Promise<InboundOutcome> {
  const target = readReplyAddress([...email.to, ...email.cc], secret);
  if (!target) return { ok: false, reason: "no valid reply address among the recipients" };
  const [person] = await db.select().from(users).where(eq(users.id, target.userId));
  if (!person?.email || person.email.toLowerCase() !== email.from) {
    return { ok: false, reason: "the sender is not the person the notification was sent to" };
  }
  const body = commentBodySchema.safeParse(extractReply(email.text));
  if (!body.success)
    return { ok: false, reason: `unusable reply: ${body.error.issues[0]?.message}` };
  try {
    await reply(db, requireParticipant(await loadViewer(db, person.id)), {
      threadId: target.threadId,
      parentId: null,
      body: body.data,
    });
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, reason: `refused: ${error.code}` };
    throw error;
  }
  return { ok: true, threadId: target.threadId };
}
