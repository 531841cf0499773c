import "server-only";
import { Resend } from "resend";
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

/**
 * Resend's inbound webhook carries only the envelope; the text of a received email is fetched
 * from its Receiving API. Null when Resend is not configured or refuses.
 */
export async function fetchReceivedEmail(emailId: string): Promise<unknown | null> {
  const env = getEnv();
  if (!env.RESEND_API_KEY) return null;
  const client = new Resend(
    env.RESEND_API_KEY,
    env.RESEND_BASE_URL ? { baseUrl: env.RESEND_BASE_URL } : {},
  );
  const { data, error } = await client.emails.receiving.get(emailId);
  if (error) console.error(`inbound email: could not fetch ${emailId}: ${error.message}`);
  return data ?? null;
}
