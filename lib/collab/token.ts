import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

/** How long a collab token works: long enough to connect, short enough not to matter if leaked. */
export const COLLAB_TOKEN_SECONDS = 5 * 60;

const sign = (payload: string, secret: string) =>
  createHmac("sha256", `hum-collab:${secret}`).update(payload).digest("base64url");

/** A token that says "this user, until then", signed with the app's secret. */
export function mintCollabToken(userId: string, secret: string, now = Date.now()): string {
  const payload = Buffer.from(
    JSON.stringify({ sub: userId, exp: Math.floor(now / 1000) + COLLAB_TOKEN_SECONDS }),
  ).toString("base64url");
  return `${payload}.${sign(payload, secret)}`;
}

/** The user id in a valid, unexpired token; null for anything else. */
export function verifyCollabToken(token: string, secret: string, now = Date.now()): string | null {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (typeof claims.sub !== "string" || typeof claims.exp !== "number") return null;
    return claims.exp * 1000 > now ? claims.sub : null;
  } catch {
    return null;
  }
}
