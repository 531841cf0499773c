/**
 * Inbound email: people answer a discussion by replying to its notification. Resend receives
 * the mail, signs an `email.received` webhook with Svix, and we map the reply back to a thread
 * through a signed Reply-To address. Everything here is pure so the route stays thin.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { bareAddress, bareAddresses, htmlToText } from "@/lib/email/reply-text";

type Failure = { ok: false; reason: string };
const fail = (reason: string): Failure => ({ ok: false, reason });

// ─── Webhook signature (Svix, as used by Resend) ────────────────────────────────────────────

const DEFAULT_TOLERANCE_SECONDS = 5 * 60;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function svixHeader(headers: Headers, name: "id" | "timestamp" | "signature"): string | null {
  // Svix can white-label its headers as webhook-*; accepting both survives a plan change.
  const value = (headers.get(`svix-${name}`) ?? headers.get(`webhook-${name}`))?.trim();
  return value ? value : null;
}

type SignedHeaders = { key: Buffer; id: string; timestamp: string; candidates: Buffer[] };

/**
 * Everything about a Svix signature that the headers alone decide: the secret's form, the
 * three headers, the timestamp window and a well-formed v1 entry. Checked before the body is
 * read, so an unsigned request costs nothing however large its body.
 */
function checkSignedHeaders(input: {
  headers: Headers;
  secret: string;
  now?: Date;
  toleranceSeconds?: number;
}): ({ ok: true } & SignedHeaders) | Failure {
  const secret = input.secret.trim();
  const encodedKey = secret.startsWith("whsec_") ? secret.slice("whsec_".length) : "";
  if (!encodedKey || !BASE64.test(encodedKey)) {
    return fail("malformed webhook secret (expected whsec_<base64>)");
  }
  const id = svixHeader(input.headers, "id");
  const timestamp = svixHeader(input.headers, "timestamp");
  const signature = svixHeader(input.headers, "signature");
  if (!id) return fail("missing svix-id header");
  if (!timestamp) return fail("missing svix-timestamp header");
  if (!signature) return fail("missing svix-signature header");
  if (!/^\d{1,12}$/.test(timestamp)) return fail("malformed svix-timestamp header");

  // A captured request stays validly signed forever; the timestamp window bounds replays.
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const age = Math.floor((input.now ?? new Date()).getTime() / 1000) - Number(timestamp);
  if (age > tolerance) return fail("timestamp too old (possible replay)");
  if (age < -tolerance) return fail("timestamp too far in the future");

  // Other versions (v1a is asymmetric) are skipped, not failed: Svix may send several kinds.
  const candidates = signature.split(/\s+/).flatMap((entry) => {
    const value = /^v1,(.+)$/.exec(entry)?.[1];
    return value && BASE64.test(value) ? [Buffer.from(value, "base64")] : [];
  });
  if (candidates.length === 0) return fail("no v1 signature in svix-signature header");
  return { ok: true, key: Buffer.from(encodedKey, "base64"), id, timestamp, candidates };
}

function signatureMatches(signed: SignedHeaders, body: string): boolean {
  const expected = createHmac("sha256", signed.key)
    .update(`${signed.id}.${signed.timestamp}.${body}`)
    .digest();
  // map, not some: every entry is compared, so timing says nothing about which one matched.
  const matches = signed.candidates.map(
    (c) => c.length === expected.length && timingSafeEqual(c, expected),
  );
  return matches.includes(true);
}

/**
 * Checks a Svix signature: HMAC-SHA256 over `${id}.${timestamp}.${body}` keyed with the
 * base64 part of `whsec_…`, against any `v1,<base64>` entry of the signature header (there are
 * several while a secret is being rotated). `body` must be the raw request text, unparsed.
 */
export function verifyWebhook(input: {
  body: string;
  headers: Headers;
  secret: string;
  now?: Date;
  toleranceSeconds?: number;
}): { ok: true } | Failure {
  const signed = checkSignedHeaders(input);
  if (!signed.ok) return signed;
  return signatureMatches(signed, input.body) ? { ok: true } : fail("signature mismatch");
}

/** Resend's webhook events are metadata, a few kilobytes; anything far larger is not one. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

export type WebhookRead =
  | { ok: true; body: string }
  | { ok: false; status: 401 | 413; reason: string };

/**
 * Reads a signed webhook request in the order that costs least to refuse: the signature
 * headers, then the declared length, then the body up to `maxBytes` (read no further), and
 * only then the signature over it.
 */
export async function readSignedWebhook(
  request: Request,
  secret: string,
  options: { maxBytes?: number; now?: Date } = {},
): Promise<WebhookRead> {
  const maxBytes = options.maxBytes ?? MAX_WEBHOOK_BYTES;
  const signed = checkSignedHeaders({ headers: request.headers, secret, now: options.now });
  if (!signed.ok) return { ok: false, status: 401, reason: signed.reason };
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) return { ok: false, status: 413, reason: "body too large" };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { ok: false, status: 413, reason: "body too large" };
    }
    chunks.push(value);
  }
  const body = Buffer.concat(chunks).toString("utf8");
  if (!signatureMatches(signed, body))
    return { ok: false, status: 401, reason: "signature mismatch" };
  return { ok: true, body };
}

// ─── email.received event ────────────────────────────────────────────────────────────────────

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

// ─── Reply-To tokens ─────────────────────────────────────────────────────────────────────────

// Base32 (RFC 4648, lower case, unpadded): mail systems may change the case of a local part,
// which base64 would not survive. "v1" marks the format so it can change later.
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const TOKEN_VERSION = "v1";
const MAC_BYTES = 10; // 80 bits: far beyond online guessing, and keeps the address shorter.
export type ReplyIds = { threadId: string; userId: string };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function base32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer | null {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) return null;
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  // Leftover bits must be zero padding, so each byte string has exactly one spelling.
  if (bits >= 5 || (buffer & ((1 << bits) - 1)) !== 0) return null;
  return Buffer.from(bytes);
}

// Each id is length-prefixed; length 0 marks a canonical UUID packed into 16 bytes, which is
// what our ids are and roughly halves the address.
function packId(id: string): Buffer {
  if (UUID.test(id)) return Buffer.concat([Buffer.of(0), Buffer.from(id.replace(/-/g, ""), "hex")]);
  const bytes = Buffer.from(id, "utf8");
  if (bytes.length === 0 || bytes.length > 255) {
    throw new Error("reply token ids must be 1-255 bytes");
  }
  return Buffer.concat([Buffer.of(bytes.length), bytes]);
}

function unpackId(payload: Buffer, offset: number): { id: string; next: number } | null {
  const length = payload[offset];
  if (length === undefined) return null;
  if (length === 0) {
    const hex = payload.subarray(offset + 1, offset + 17).toString("hex");
    const id = hex.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5");
    return id.length === 36 ? { id, next: offset + 17 } : null;
  }
  const bytes = payload.subarray(offset + 1, offset + 1 + length);
  if (bytes.length !== length) return null;
  try {
    const id = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { id, next: offset + 1 + length };
  } catch {
    return null;
  }
}

function mac(payload: Buffer, secret: string): Buffer {
  if (!secret) throw new Error("reply token secret is empty");
  // Domain-separated so a MAC made with this secret for anything else can never pass here.
  return createHmac("sha256", secret)
    .update(`hum reply-to ${TOKEN_VERSION}\n`)
    .update(payload)
    .digest()
    .subarray(0, MAC_BYTES);
}

/** A signed, case-insensitive token naming a thread and the user the notification went to. */
export function mintReplyToken(ids: ReplyIds, secret: string): string {
  const payload = Buffer.concat([packId(ids.threadId), packId(ids.userId)]);
  return `${TOKEN_VERSION}${base32(Buffer.concat([payload, mac(payload, secret)]))}`;
}

function openReplyToken(token: string, secret: string): ReplyIds | null {
  // Callers pass the local part through bareAddress, which has already lower-cased it.
  if (!token.startsWith(TOKEN_VERSION)) return null;
  const bytes = fromBase32(token.slice(TOKEN_VERSION.length));
  if (!bytes || bytes.length <= MAC_BYTES + 2) return null;
  const payload = bytes.subarray(0, bytes.length - MAC_BYTES);
  if (!timingSafeEqual(bytes.subarray(bytes.length - MAC_BYTES), mac(payload, secret))) return null;
  const thread = unpackId(payload, 0);
  const user = thread && unpackId(payload, thread.next);
  if (!thread || !user || user.next !== payload.length) return null;
  return { threadId: thread.id, userId: user.id };
}

export function replyAddressFor(token: string, domain: string): string {
  // Both end up in a header; refuse anything that could smuggle more than an address.
  if (!/^[a-z0-9]+$/i.test(token)) throw new Error("malformed reply token");
  if (!/^[a-z0-9.-]+$/i.test(domain)) throw new Error("malformed reply domain");
  return `reply+${token}@${domain}`;
}

/**
 * Finds the first `reply+<token>@…` among the given recipients (one address, a comma list, or
 * an array; display names allowed) whose token verifies. Null for forged or malformed tokens.
 * The domain is not checked: routing already decided the mail is ours.
 */
export function readReplyAddress(
  address: string | readonly string[],
  secret: string,
): ReplyIds | null {
  for (const bare of bareAddresses(address)) {
    const local = bare.slice(0, bare.lastIndexOf("@"));
    const token = /^reply\+([a-z0-9]+)$/.exec(local)?.[1];
    const ids = token ? openReplyToken(token, secret) : null;
    if (ids) return ids;
  }
  return null;
}
