import "server-only";
import { getDb } from "@/lib/db/client";
import { getEmailSender } from "@/lib/email";
import { mintReplyToken, replyAddressFor } from "@/lib/email/reply-address";
import { authSecret, getEnv, publicUrl } from "@/lib/env";
import {
  type DeliveryContext,
  deliverImmediate,
  sendDailyDigests,
} from "@/lib/notifications/delivery";

/** The delivery settings of this process, from its environment. */
export function deliveryContext(now = new Date()): DeliveryContext {
  const secret = authSecret();
  const domain = getEnv().INBOUND_EMAIL_DOMAIN;
  return {
    db: getDb(),
    sender: getEmailSender(),
    secret,
    publicUrl: publicUrl(),
    // Replies by email come back through the inbound webhook when a domain is set up for them.
    replyTo: domain
      ? (threadId, userId) => replyAddressFor(mintReplyToken({ threadId, userId }, secret), domain)
      : undefined,
    now,
  };
}

/** Sends what is due: immediate emails always, digests once a day after the digest hour. */
export async function deliverDue(now = new Date()): Promise<void> {
  const context = deliveryContext(now);
  await deliverImmediate(context);
  if (now.getUTCHours() >= getEnv().DIGEST_HOUR_UTC) await sendDailyDigests(context);
}
