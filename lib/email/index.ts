import { getDb } from "@/lib/db/client";
import { createOutboxSender, createResendSender, type EmailSender } from "@/lib/email/sender";
import { getEnv } from "@/lib/env";

export type { EmailMessage, EmailSender } from "@/lib/email/sender";

let sender: EmailSender | undefined;

/** Resend when RESEND_API_KEY is set, the local outbox otherwise. Chosen once per process. */
export function getEmailSender(): EmailSender {
  if (!sender) {
    const env = getEnv();
    sender = env.RESEND_API_KEY
      ? createResendSender({
          apiKey: env.RESEND_API_KEY,
          from: env.EMAIL_FROM,
          baseUrl: env.RESEND_BASE_URL,
        })
      : createOutboxSender(getDb(), env.EMAIL_FROM);
  }
  return sender;
}
