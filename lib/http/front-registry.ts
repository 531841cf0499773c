import type http from "node:http";

/*
 * The registry's public addresses the front keeps as live entries: unlike a release, they change
 * whenever a declaration is published, reaffirmed, withdrawn, lapsed or its evidence checked, or
 * a challenge moves, so the launcher tells the front to forget them then (and each is kept a
 * short while at most).
 */

const declarationPagePath = /^\/registry\/[1-9]\d{0,8}$/;
const challengePagePath = /^\/registry\/challenges\/[1-9]\d{0,8}$/;
const declarationJsonPath = /^\/registry\/[1-9]\d{0,8}\.json$/;
const badgeSvgPath = /^\/registry\/[1-9]\d{0,8}\/badge\.svg$/;
const sessionCookie = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token=/;

/** Each list's parameters, in a fixed order: nothing else changes what it shows. */
const lists: Record<string, string[]> = {
  "/registry": ["q", "standard", "release", "level", "module", "country", "state", "page"],
  "/registry/challenges": ["state", "standard", "organisation", "page"],
};

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
  if (declarationJsonPath.test(path) || challengePagePath.test(path)) {
    return { key: path, cacheControl: LIVE_CACHE };
  }
  if (declarationPagePath.test(path)) {
    const versions = query.getAll("version");
    const version = versions.length === 1 && /^[1-9]\d{0,8}$/.test(versions[0] ?? "");
    return {
      key: version ? `${path}?version=${versions[0]}` : path,
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
    return { key: kept.size ? `${path}?${kept}` : path, cacheControl: LIVE_CACHE };
  }
  return null;
}

/** Registry lists are as many as filter combinations: keep the most recently filled. */
const MAX_LIVE_ENTRIES = 1000;
/**
 * A live entry is redrawn at least this often even if no change was signalled, so a stalled
 * watch cannot leave a badge telling an old state for long.
 */
const LIVE_TTL_MS = 30_000;

/**
 * The front's live entries: each filled once however many readers ask at the same time, and
 * forgotten on `flush`. A render that began before a flush may show the registry as it was, so
 * it answers the readers who waited for it but is not kept.
 */
export function createLiveStore<Entry extends object, Other>(
  isEntry: (x: Entry | Other) => x is Entry,
) {
  let kept = new Map<string, { entry: Entry; keptAt: number }>();
  let filling = new Map<string, Promise<Entry | Other>>();
  let epoch = 0;
  return {
    fresh(key: string): Entry | undefined {
      const found = kept.get(key);
      return found && Date.now() - found.keptAt < LIVE_TTL_MS ? found.entry : undefined;
    },
    fill(key: string, render: () => Promise<Entry | Other>): Promise<Entry | Other> {
      const pending = filling.get(key);
      if (pending) return pending;
      const started = epoch;
      const map = filling;
      const promise = render().then((filled) => {
        if (isEntry(filled) && started === epoch) {
          kept.delete(key);
          if (kept.size >= MAX_LIVE_ENTRIES) kept.delete(kept.keys().next().value ?? "");
          kept.set(key, { entry: filled, keptAt: Date.now() });
        }
        return filled;
      });
      promise.finally(() => map.get(key) === promise && map.delete(key)).catch(() => {});
      map.set(key, promise);
      return promise;
    },
    flush(): void {
      epoch += 1;
      kept = new Map();
      filling = new Map();
    },
  };
}
