/**
 * Inbound email: people answer a discussion by replying to its notification. Resend receives
 * the mail and tells us in a signed `email.received` webhook (webhook.ts); this reads the event,
 * and the reply finds its thread through a signed Reply-To address (reply-address.ts).
 * Everything here is pure so the route stays thin.
 */
import { z } from "zod";
import { bareAddress, bareAddresses, htmlToText } from "@/lib/email/reply-text";

type Failure = { ok: false; reason: string };
const fail = (reason: string): Failure => ({ ok: false, reason });

const addressList = z.union([z.string(), z.array(z.string())]);
// The Receiving API documents headers as a name → value record; tolerate repeated headers.
const headerList = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
// Unknown keys (attachments, bcc, created_at, raw, …) are ignored rather than rejected.
const emailFields = z.object({
  email_id: z.string().optional(),
  id: z.string().optional(),
  from: z.string(),
  to: addressList,
  cc: addressList.nullish(),
  subject: z.string().nullish(),
  text: z.string().nullish(),
  html: z.string().nullish(),
  message_id: z.string().nullish(),
  in_reply_to: z.string().nullish(),
  headers: headerList.nullish(),
});
const envelope = z.object({ type: z.string(), data: z.unknown() });

export type InboundEmail = {
  /** Bare, lower-cased sender address. */
  from: string;
  /** Bare, lower-cased recipients; unparsable entries (groups) are skipped. */
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  /** As sent, angle brackets included, e.g. "<abc@mail.example>". */
  messageId?: string;
  inReplyTo?: string;
  /** Resend's id, to fetch the body or attachments from the Receiving API. */
  emailId?: string;
};

function zodReason(error: z.ZodError, prefix: string): string {
  const issue = error.issues[0];
  const path = [prefix, ...(issue?.path ?? []).map(String)].filter(Boolean).join(".");
  return `${path || "event"}: ${issue?.message ?? "invalid"}`;
}

function headerValue(headers: z.infer<typeof headerList> | null | undefined, name: string) {
  const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(found) ? found[0] : found;
}

/** In-Reply-To may carry comments or several ids; the first <id> is the parent. */
function firstMessageId(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  return /<[^<>\s]+>/.exec(trimmed)?.[0] ?? trimmed;
}

/**
 * Reads Resend's `email.received` webhook ({ type, created_at, data: { email_id, from, to, cc,
 * bcc, message_id, subject, attachments } }) or a Receiving API email ({ object: "email", id,
 * from, to, subject, text, html, headers, message_id, … }). The webhook carries no body, so a
 * bare event fails with `emailId` set: fetch the email by that id and parse the response (or
 * merge text/html/headers into `data`). Without a text part the text is derived from the HTML.
 */
export function parseInboundEvent(
  json: unknown,
): { ok: true; email: InboundEmail } | { ok: false; reason: string; emailId?: string } {
  let fields: unknown = json;
  let prefix = "";
  const isApiEmail =
    typeof json === "object" && json !== null && "object" in json && json.object === "email";
  if (!isApiEmail) {
    const outer = envelope.safeParse(json);
    if (!outer.success) return fail(zodReason(outer.error, ""));
    if (outer.data.type !== "email.received") {
      return fail(`unexpected event type ${outer.data.type}`);
    }
    fields = outer.data.data;
    prefix = "data";
  }
  const parsed = emailFields.safeParse(fields);
  if (!parsed.success) return fail(zodReason(parsed.error, prefix));
  const data = parsed.data;
  const emailId = data.email_id ?? data.id;

  const from = bareAddress(data.from);
  if (!from) return fail("from is not an email address");
  const to = bareAddresses(data.to);
  if (to.length === 0) return fail("to has no email address");

  // Some clients send an empty text part next to the real HTML one.
  const text = data.text?.trim() ? data.text : data.html ? htmlToText(data.html) : "";
  if (!text.trim()) {
    const reason = "no text or html body (the webhook carries none: fetch the email by its id)";
    return emailId ? { ok: false, reason, emailId } : fail(reason);
  }
  const email: InboundEmail = {
    from,
    to,
    cc: bareAddresses(data.cc),
    subject: data.subject ?? "",
    text,
  };
  const messageId = firstMessageId(data.message_id);
  const inReplyTo = firstMessageId(data.in_reply_to ?? headerValue(data.headers, "in-reply-to"));
  // Set only when present, so callers and equality checks never see `key: undefined`.
  if (messageId) email.messageId = messageId;
  if (inReplyTo) email.inReplyTo = inReplyTo;
  if (emailId) email.emailId = emailId;
  return { ok: true, email };
}
