import "server-only";
import { desc } from "drizzle-orm";
import { Resend } from "resend";
import type { Database } from "@/lib/db/client";
import { outbox } from "@/lib/email/schema";

export type EmailMessage = {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
};

/** The one way Hum sends email. Which implementation is used is decided once, in `lib/email`. */
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}

export function createOutboxSender(db: Database, from: string): EmailSender {
  return {
    async send(message) {
      await db.insert(outbox).values({
        to: message.to,
        from,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers ?? {},
      });
    },
  };
}

export function createResendSender(options: {
  apiKey: string;
  from: string;
  baseUrl?: string;
}): EmailSender {
  const client = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : {});
  return {
    async send(message) {
      const { error } = await client.emails.send({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
      });
      if (error) throw new Error(`Resend refused the message: ${error.name}: ${error.message}`);
    },
  };
}

export async function listOutbox(db: Database, limit = 100) {
  return db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(limit);
}
