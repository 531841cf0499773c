/**
 * The signature on inbound email webhooks. Resend receives a reply, and signs the
 * `email.received` webhook it sends us with Svix; a request is read only as far as it must be
 * to refuse it.
 */
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

type Failure = { ok: false; reason: string };
const fail = (reason: string): Failure => ({ ok: false, reason });

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
