import { getDb } from "@/lib/db/client";
import { getEmailSender } from "@/lib/email";
import { getEnv, publicUrl } from "@/lib/env";
import {
  type DeliveryContext,
  deliverImmediate,
  sendDailyDigests,
} from "@/lib/notifications/delivery";

/** The delivery settings of this process, from its environment. */
export function deliveryContext(now = new Date()): DeliveryContext {
  const env = getEnv();
  return {
    db: getDb(),
    sender: getEmailSender(),
    secret: env.AUTH_SECRET ?? "",
    publicUrl: publicUrl(),
    now,
  };
}

/** Sends what is due: immediate emails always, digests once a day after the digest hour. */
export async function deliverDue(now = new Date()): Promise<void> {
  const context = deliveryContext(now);
  await deliverImmediate(context);
  if (now.getUTCHours() >= getEnv().DIGEST_HOUR_UTC) await sendDailyDigests(context);
}
