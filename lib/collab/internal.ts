import { createHmac, timingSafeEqual } from "node:crypto";
import type { ClauseFields } from "@/lib/collab/document";

/**
 * Server-to-server calls from the web app to the collab server, which alone holds the live
 * documents. Requests are signed with the shared secret; nothing else can reach this path.
 */
export const replaceTextPath = (clauseId: string) => `/internal/clauses/${clauseId}/text`;
export const SIGNATURE_HEADER = "x-hum-signature";

export type ReplaceTextRequest = { userId: string; fields: ClauseFields };

export function signBody(body: string, secret: string): string {
  return createHmac("sha256", `hum-internal:${secret}`).update(body).digest("base64url");
}

export function hasValidSignature(body: string, signature: string | undefined, secret: string) {
  if (!signature) return false;
  const expected = Buffer.from(signBody(body, secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Asks the collab server to replace a clause's working text, live for everyone editing it. */
export async function replaceClauseText(
  collabUrl: string,
  secret: string,
  clauseId: string,
  request: ReplaceTextRequest,
): Promise<void> {
  const body = JSON.stringify(request);
  const response = await fetch(`${collabUrl}${replaceTextPath(clauseId)}`, {
    method: "POST",
    headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signBody(body, secret) },
    body,
  });
  if (!response.ok) {
    throw new Error(
      `collab server refused the text (${response.status}: ${await response.text()})`,
    );
  }
}
