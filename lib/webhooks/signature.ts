import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the secret is "whsec_" and a
 * base64 key; a message is signed as HMAC-SHA256 over `${id}.${timestamp}.${body}` with the
 * key's bytes, sent as `v1,<base64>` in `webhook-signature`. Receivers verify with any library
 * that follows the specification.
 */

const PREFIX = "whsec_";
/** How far a receiver tolerates a timestamp from its own clock, against replays. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

/** A new endpoint's secret: 24 random bytes, as the specification's libraries expect. */
export function generateSecret(): string {
  return `${PREFIX}${randomBytes(24).toString("base64")}`;
}

/** A message id, the same on every retry so a receiver can drop a message it already has. */
export function newMessageId(): string {
  return `msg_${randomUUID().replaceAll("-", "")}`;
}

function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
}

/** The `webhook-signature` header's value for one message. */
export function signPayload(secret: string, id: string, timestamp: number, body: string): string {
  const digest = createHmac("sha256", keyOf(secret))
    .update(`${id}.${timestamp}.${body}`)
    .digest("base64");
  return `v1,${digest}`;
}

/** The three headers of a signed message; `timestamp` in unix seconds. */
export function signedHeaders(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
): Record<string, string> {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signPayload(secret, id, timestamp, body),
  };
}

/**
 * What a receiver does: true when one of the header's space-separated `v1,` signatures matches
 * and the timestamp is within the tolerance of `now`.
 */
export function verifySignature(
  secret: string,
  headers: { id: string; timestamp: string; signature: string },
  body: string,
  now = new Date(),
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signPayload(secret, headers.id, timestamp, body).slice(3));
  return headers.signature.split(" ").some((candidate) => {
    const [version, value] = candidate.split(",", 2);
    if (version !== "v1" || !value) return false;
    const given = Buffer.from(value);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
