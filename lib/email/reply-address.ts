/**
 * Reply-To addresses: each notification goes out with `reply+<token>@…`, a signed token naming
 * the thread and the person it was sent to, so a reply by email finds both again.
 */
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { bareAddresses } from "@/lib/email/reply-text";

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
