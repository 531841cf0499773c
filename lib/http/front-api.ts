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
  "Access-Control-Expose-Headers": "ETag, Link, RateLimit, RateLimit-Policy, Retry-After",
  "Access-Control-Max-Age": "86400",
} as const;

const immutableAnswer =
  /^\/api\/v1\/standards\/([a-z0-9][a-z0-9-]{0,62})\/(?:releases\/\d{1,4}\.\d{1,4}\.\d{1,4}|compare\/\d{1,4}\.\d{1,4}\.\d{1,4}\/\d{1,4}\.\d{1,4}\.\d{1,4})$/;
const IMMUTABLE = "public, max-age=31536000, immutable";

export function isApiRequest(url: string): boolean {
  return url === API_PATH || url.startsWith(`${API_PATH}/`) || url.startsWith(`${API_PATH}?`);
}

/**
 * The address an anonymous API read is kept under, or null for a write or a request with a
 * token (whose owner Next.js checks each time). The query is kept as given: a parameter the API
 * does not know is refused by it with a 400, which is never kept.
 */
export function apiKey(
  method: string | undefined,
  url: string,
  headers: http.IncomingHttpHeaders,
): LiveKey | null {
  if ((method !== "GET" && method !== "HEAD") || headers.authorization) return null;
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
