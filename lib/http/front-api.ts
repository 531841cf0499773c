import type http from "node:http";
import { clientIpFrom } from "@/lib/http/client-address";
import type { LiveKey } from "@/lib/http/front-pages";
import { standardTag } from "@/lib/http/front-tags";

/*
 * The API as the front sees it (the API itself is lib/api). Anonymous reads are kept like live
 * pages are: a published release and a comparison never change, so they are kept under their
 * standard (forgotten only when a release is published or withdrawn); every other answer is
 * kept under `apiTag`, which every committed change touches. Every request, kept or not, counts
 * against the client's read limit first.
 */

export const API_PATH = "/api/v1";
/** What every API answer can show: lists and records of everything. */
export const apiTag = "api";

/** Any script on any site may read the API; nothing it answers depends on cookies. */
export const apiCorsHeaders = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, If-None-Match",
  "Access-Control-Expose-Headers":
    "ETag, Link, RateLimit, RateLimit-Policy, Retry-After, Hum-Token-Expires",
  "Access-Control-Max-Age": "86400",
} as const;

const immutableAnswer =
  /^\/api\/v1\/standards\/([a-z0-9][a-z0-9-]{0,62})\/(?:releases\/\d{1,4}\.\d{1,4}\.\d{1,4}|compare\/\d{1,4}\.\d{1,4}\.\d{1,4}\/\d{1,4}\.\d{1,4}\.\d{1,4})$/;
const IMMUTABLE = "public, max-age=31536000, immutable";

export function isApiRequest(url: string): boolean {
  return url === API_PATH || url.startsWith(`${API_PATH}/`) || url.startsWith(`${API_PATH}?`);
}

/**
 * The address an API read is kept under, or null for a write or for a read with a token Next.js
 * has not vouched for lately. What the API reads out is public and the same for every reader, so
 * a vouched token's read is served from what is kept, like an anonymous one. The query is kept as
 * given: a parameter the API does not know is refused by it with a 400, which is never kept.
 */
export function apiKey(
  method: string | undefined,
  url: string,
  headers: http.IncomingHttpHeaders,
  tokenVouchedFor = false,
): LiveKey | null {
  if (method !== "GET" && method !== "HEAD") return null;
  if (headers.authorization && !tokenVouchedFor) return null;
  const path = url.split("?")[0] ?? url;
  const release = immutableAnswer.exec(path);
  if (release && path === url) {
    return { key: url, tags: [standardTag(release[1] ?? "")], cacheControl: IMMUTABLE };
  }
  return { key: url, tags: [apiTag], cacheControl: "no-cache" };
}

/** Whom a request counts against: its token (unchecked here; Next.js checks it), or its address. */
export function apiClient(
  request: http.IncomingMessage,
  trustedProxies: number,
): { limiter: "token" | "ip"; key: string } {
  const authorization = request.headers.authorization;
  if (authorization) return { limiter: "token", key: authorization.slice(0, 120) };
  const prior = request.headers["x-forwarded-for"];
  const remote = request.socket.remoteAddress ?? "";
  const chain = prior ? `${prior}, ${remote}` : remote;
  return { limiter: "ip", key: clientIpFrom(chain, trustedProxies) };
}

/** Says, on an answer to a request with a token, when the token expires. */
export const TOKEN_EXPIRES_HEADER = "Hum-Token-Expires";

/** How long a token Next.js accepted for a read is trusted by the front without asking again. */
export const TOKEN_TRUST_MS = 60_000;
const MAX_TRUSTED_TOKENS = 10_000;

/**
 * The tokens Next.js lately accepted for reading. The front does not check a token itself (it
 * reads no tokens from the database), so it passes a token's first read to Next.js, which checks it (and notes
 * its use), and believes the answer for a minute: a revoked token may go on reading public
 * answers for that minute, never writing. A token Next.js refused is asked about every time.
 */
export function createTokenReaders(now: () => number = Date.now) {
  const trusted = new Map<string, number>();
  return {
    vouched(authorization: string | undefined): boolean {
      if (!authorization) return false;
      const until = trusted.get(authorization);
      if (until === undefined) return false;
      if (until > now()) return true;
      trusted.delete(authorization);
      return false;
    },
    /** A token was revoked somewhere (or a change may have gone unheard): ask again. */
    forgetAll(): void {
      trusted.clear();
    },
    heard(authorization: string | undefined, status: number, expires?: string): void {
      if (!authorization) return;
      if (status === 401 || status === 403 || status >= 500) {
        trusted.delete(authorization);
        return;
      }
      if (status >= 200 && status < 300) {
        if (trusted.size >= MAX_TRUSTED_TOKENS) trusted.delete(trusted.keys().next().value ?? "");
        const expiry = expires ? Date.parse(expires) : Number.NaN;
        const until = now() + TOKEN_TRUST_MS;
        trusted.set(authorization, Number.isNaN(expiry) ? until : Math.min(until, expiry));
      }
    },
  };
}
