import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

const sign = (payload: string, secret: string) =>
  createHmac("sha256", `hum-unsubscribe:${secret}`).update(payload).digest("base64url");

/**
 * The token in an email's unsubscribe link: it names one watch of one person and can do
 * nothing but end that watch, without signing in.
 */
export function mintUnsubscribeToken(watchId: string, userId: string, secret: string): string {
  const payload = `${watchId}.${userId}`;
  return `${payload}.${sign(payload, secret)}`;
}

export function readUnsubscribeToken(
  token: string,
  secret: string,
): { watchId: string; userId: string } | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [watchId = "", userId = "", signature = ""] = parts;
  const expected = Buffer.from(sign(`${watchId}.${userId}`, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return /^[0-9a-f-]{36}$/.test(watchId) ? { watchId, userId } : null;
}
