import type http from "node:http";
import { anonymousRead, LIVE_CACHE, type LiveKey } from "@/lib/http/front-pages";
import { registryTag } from "@/lib/http/front-tags";
import { defaultLocale, isLocale } from "@/lib/locale";

/*
 * The registry's public addresses the front keeps as live entries: unlike a release, they change
 * whenever a declaration is published, reaffirmed, withdrawn, lapsed or its evidence checked, or
 * a challenge moves: every registry change touches the registry's tag.
 */

const declarationPagePath = /^\/registry\/[1-9]\d{0,8}$/;
const challengePagePath = /^\/registry\/challenges\/[1-9]\d{0,8}$/;
const declarationJsonPath = /^\/registry\/[1-9]\d{0,8}\.json$/;
const badgeSvgPath = /^\/registry\/[1-9]\d{0,8}\/badge\.svg$/;

/** Each list's parameters, in a fixed order: nothing else changes what it shows. */
const lists: Record<string, string[]> = {
  "/registry": ["q", "standard", "release", "level", "module", "country", "state", "page"],
  "/registry/challenges": ["state", "standard", "organisation", "page"],
};

const tags = [registryTag];

/** A badge may be kept by browsers a minute; pages and JSON are revalidated every time. */
export const BADGE_CACHE = "public, max-age=60";

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
  if (!anonymousRead(method, url, cookie, headers)) return null;
  const mark = url.indexOf("?");
  const path = mark === -1 ? url : url.slice(0, mark);
  const query = new URLSearchParams(mark === -1 ? "" : url.slice(mark + 1));
  if (badgeSvgPath.test(path)) {
    // Its language is the embedding page's choice (lib/registry/badge.ts); nothing else counts.
    const lang = query.getAll("lang");
    const chosen = lang.length === 1 && isLocale(lang[0]) && lang[0] !== defaultLocale;
    return { key: chosen ? `${path}?lang=${lang[0]}` : path, tags, cacheControl: BADGE_CACHE };
  }
  if (declarationJsonPath.test(path) || challengePagePath.test(path)) {
    return { key: path, tags, cacheControl: LIVE_CACHE };
  }
  if (declarationPagePath.test(path)) {
    const versions = query.getAll("version");
    const version = versions.length === 1 && /^[1-9]\d{0,8}$/.test(versions[0] ?? "");
    return {
      key: version ? `${path}?version=${versions[0]}` : path,
      tags,
      cacheControl: LIVE_CACHE,
    };
  }
  const listParameters = Object.hasOwn(lists, path) ? lists[path] : undefined;
  if (listParameters) {
    const kept = new URLSearchParams();
    for (const name of listParameters) {
      const values = query.getAll(name);
      const value = values.length === 1 ? (values[0] ?? "") : "";
      // A long search is cut by the page; rendered each time rather than kept under another key.
      if (value.length > 100) return null;
      if (value !== "") kept.set(name, value);
    }
    return { key: kept.size ? `${path}?${kept}` : path, tags, cacheControl: LIVE_CACHE };
  }
  return null;
}
