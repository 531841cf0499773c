import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { ClauseFields } from "@/lib/drafting/rich-text";

/**
 * Server-to-server calls from the web app to the collab server, which alone holds the live
 * documents. The collab port is reachable by browsers, so every call is signed with the shared
 * secret: the signature covers the method, path, time and the body's digest, and travels in
 * headers, so the server refuses a stranger before reading a byte of the body.
 */
export const replaceTextPath = (clauseId: string) => `/internal/clauses/${clauseId}/text`;
export const closePath = (clauseId: string) => `/internal/clauses/${clauseId}/close`;

export const SIGNATURE_HEADER = "x-hum-signature";
export const TIMESTAMP_HEADER = "x-hum-timestamp";
export const DIGEST_HEADER = "x-hum-body-sha256";

/** How far a signed request's time may be from the server's clock. */
export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000;

export type ReplaceTextRequest = { userId: string; fields: ClauseFields };

export const bodyDigest = (body: string | Uint8Array) =>
  createHash("sha256").update(body).digest("base64url");

const signatureOf = (secret: string, method: string, path: string, at: string, digest: string) =>
  createHmac("sha256", `hum-internal:${secret}`)
    .update(`${method}\n${path}\n${at}\n${digest}`)
    .digest("base64url");

/** The headers that let the collab server trust one request. */
export function signedHeaders(
  secret: string,
  method: string,
  path: string,
  body: string,
  now = Date.now(),
): Record<string, string> {
  const at = String(now);
  const digest = bodyDigest(body);
  return {
    [TIMESTAMP_HEADER]: at,
    [DIGEST_HEADER]: digest,
    [SIGNATURE_HEADER]: signatureOf(secret, method, path, at, digest),
  };
}

type Headers = Record<string, string | string[] | undefined>;

/** Whether the headers were signed with the secret for this request, recently; body unread. */
export function hasValidSignature(
  secret: string,
  method: string,
  path: string,
  headers: Headers,
  now = Date.now(),
): boolean {
  const [at, digest, signature] = [TIMESTAMP_HEADER, DIGEST_HEADER, SIGNATURE_HEADER].map(
    (name) => headers[name],
  );
  if (typeof at !== "string" || typeof digest !== "string" || typeof signature !== "string") {
    return false;
  }
  if (!/^\d{1,16}$/.test(at) || Math.abs(now - Number(at)) > SIGNATURE_WINDOW_MS) return false;
  const expected = Buffer.from(signatureOf(secret, method, path, at, digest));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

async function post(collabUrl: string, secret: string, path: string, body: string) {
  const response = await fetch(`${collabUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...signedHeaders(secret, "POST", path, body) },
    body,
  });
  if (!response.ok) {
    throw new Error(`collab server refused ${path} (${response.status}: ${await response.text()})`);
  }
}

/** Asks the collab server to replace a clause's working text, live for everyone editing it. */
export async function replaceClauseText(
  collabUrl: string,
  secret: string,
  clauseId: string,
  request: ReplaceTextRequest,
): Promise<void> {
  await post(collabUrl, secret, replaceTextPath(clauseId), JSON.stringify(request));
}

/**
 * Tells the collab server a clause may have become read-only (retired): it checks the database
 * and closes the connections still editing it, so nothing typed afterwards is kept.
 */
export async function closeClauseConnections(
  collabUrl: string,
  secret: string,
  clauseId: string,
): Promise<void> {
  await post(collabUrl, secret, closePath(clauseId), "{}");
}

/** The same for a prose section that was retired. */
export async function closeSectionConnections(
  collabUrl: string,
  secret: string,
  sectionId: string,
): Promise<void> {
  await post(collabUrl, secret, `/internal/sections/${sectionId}/close`, "{}");
}
