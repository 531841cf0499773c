import type http from "node:http";

/*
 * The registry's public addresses the front keeps as live entries: unlike a release, they change
 * whenever a declaration is published, reaffirmed, withdrawn, lapsed or its evidence checked, so
 * the launcher tells the front to forget them then (and each is kept a short while at most).
 */

const listPath = /^\/registry$/;
const declarationPagePath = /^\/registry\/[1-9]\d{0,8}$/;
const declarationJsonPath = /^\/registry\/[1-9]\d{0,8}\.json$/;
const badgeSvgPath = /^\/registry\/[1-9]\d{0,8}\/badge\.svg$/;
const sessionCookie = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token=/;

/** The list's parameters, in a fixed order: nothing else changes what it shows. */
const listParameters = ["q", "standard", "release", "level", "module", "country", "state", "page"];

/** A badge may be kept by browsers a minute; pages and JSON are revalidated every time. */
export const BADGE_CACHE = "public, max-age=60";
export const LIVE_CACHE = "no-cache";

export type LiveKey = { key: string; cacheControl: string };

/**
 * The address a registry read is kept under, or null when it is not one to keep: a write, a
 * signed-in reader (the page names them), a client navigation's payload, or another address.
 * Each list parameter counts once (a repeated one is ignored by the page, so by the key too).
 */
export function registryKey(
  method: string | undefined,
  url: string,
  cookie: string,
  headers: http.IncomingHttpHeaders = {},
): LiveKey | null {
  if (method !== "GET" && method !== "HEAD") return null;
  if (sessionCookie.test(cookie)) return null;
  if (headers.rsc !== undefined || /[?&]_rsc=/.test(url)) return null;
  const mark = url.indexOf("?");
  const path = mark === -1 ? url : url.slice(0, mark);
  const query = new URLSearchParams(mark === -1 ? "" : url.slice(mark + 1));
  if (badgeSvgPath.test(path)) return { key: path, cacheControl: BADGE_CACHE };
  if (declarationJsonPath.test(path)) return { key: path, cacheControl: LIVE_CACHE };
  if (declarationPagePath.test(path)) {
    const versions = query.getAll("version");
    const version = versions.length === 1 && /^[1-9]\d{0,8}$/.test(versions[0] ?? "");
    return {
      key: version ? `${path}?version=${versions[0]}` : path,
      cacheControl: LIVE_CACHE,
    };
  }
  if (listPath.test(path)) {
    const kept = new URLSearchParams();
    for (const name of listParameters) {
      const values = query.getAll(name);
      const value = values.length === 1 ? (values[0] ?? "") : "";
      // A long search is cut by the page; rendered each time rather than kept under another key.
      if (value.length > 100) return null;
      if (value !== "") kept.set(name, value);
    }
    return { key: kept.size ? `${path}?${kept}` : path, cacheControl: LIVE_CACHE };
  }
  return null;
}
