import type http from "node:http";
import {
  callsTag,
  callTag,
  clauseTag,
  draftTag,
  groupsTag,
  homeTag,
  logTag,
  sectionTag,
  standardTag,
  translationsTag,
} from "@/lib/http/front-tags";
import { RETURN_PARAM } from "@/lib/paths";

/*
 * The live public pages the front keeps for anonymous readers: each has the query parameters
 * that change what it shows (every other parameter is dropped from the address it is kept and
 * rendered under) and the tags of what it shows, so a change to any of them makes it stale.
 */

export type LiveKey = { key: string; tags: string[]; cacheControl: string };

/** Pages are revalidated with their ETag on every visit: they change while the reader reads. */
export const LIVE_CACHE = "no-cache";

const sessionCookie = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token=/;
/**
 * An action's notice waiting for the next page (lib/actions/notice-cookie.ts): that page says
 * what was done ("You are signed out."), so it is drawn for this reader, once.
 */
const noticeCookie = /(?:^|;\s*)hum-notice=/;

type Parameter = { name: string; valid: RegExp };
type LivePage = {
  path: RegExp;
  parameters: Parameter[];
  tags: (match: RegExpMatchArray) => string[];
};

const level: Parameter = { name: "level", valid: /^[\p{L}\p{N} _-]{1,40}$/u };
const module: Parameter = { name: "module", valid: /^[A-Za-z0-9_-]{1,20}$/ };
const view: Parameter = { name: "view", valid: /^(?:auto|side|inline)$/ };
const word = (name: string): Parameter => ({ name, valid: /^[a-z_]{1,30}$/ });
const revision = (name: string): Parameter => ({ name, valid: /^[1-9]\d{0,8}$/ });

const slug = "([a-z0-9](?:[a-z0-9-]{0,62}))";
const ref = "([A-Z][A-Z0-9]{0,19}-[1-9]\\d{0,5})";
const page = (pattern: string) => new RegExp(`^${pattern}$`);
const standard = (m: RegExpMatchArray) => standardTag(m[1] ?? "");

const livePages: LivePage[] = [
  { path: page("/"), parameters: [], tags: () => [homeTag] },
  // Its form works without scripts. With a page to return to, it is drawn each time (below).
  { path: page("/sign-in"), parameters: [{ name: RETURN_PARAM, valid: /(?!)/ }], tags: () => [] },
  { path: page("/groups(?:/[a-z0-9-]{1,40})?"), parameters: [], tags: () => [groupsTag] },
  // The API's reference changes only with the code; kept for the live pages' short while.
  { path: page("/api"), parameters: [], tags: () => [] },
  {
    path: page("/transparency"),
    parameters: [
      { name: "action", valid: /^[a-z_]+\.(?:[a-z_]+)?$/ },
      { name: "subjectType", valid: /^[a-z_]{1,40}$/ },
      { name: "before", valid: /^[1-9]\d{0,14}$/ },
    ],
    tags: () => [logTag],
  },
  // The latest release; its framework filters are many and rendered each time (see below).
  { path: page(`/standards/(?!import$)${slug}`), parameters: [level], tags: (m) => [standard(m)] },
  { path: page(`/standards/${slug}/releases`), parameters: [], tags: (m) => [standard(m)] },
  {
    path: page(`/standards/${slug}/(?:draft|frameworks)`),
    parameters: [level, module],
    tags: (m) => [standard(m), draftTag(m[1] ?? "")],
  },
  {
    path: page(`/standards/${slug}/draft/${ref}`),
    parameters: [],
    tags: (m) => [standard(m), clauseTag(m[1] ?? "", m[2] ?? "")],
  },
  {
    path: page(`/standards/${slug}/draft/${ref}/history`),
    parameters: [revision("from"), revision("to"), view],
    tags: (m) => [standard(m), clauseTag(m[1] ?? "", m[2] ?? "")],
  },
  {
    path: page(`/standards/${slug}/draft/sections/([a-z0-9-]{1,80})(?:/history)?`),
    parameters: [],
    tags: (m) => [standard(m), sectionTag(m[1] ?? "", m[2] ?? "")],
  },
  // A release's translation and its clauses, as translated so far or as published.
  {
    path: page(
      `/standards/${slug}/v/\\d{1,4}\\.\\d{1,4}\\.\\d{1,4}/translations/[a-z]{2}(?:/${ref})?`,
    ),
    parameters: [],
    tags: (m) => [standard(m), translationsTag],
  },
  {
    path: page(`/standards/${slug}/calls`),
    parameters: [],
    tags: (m) => [standard(m), callsTag(m[1] ?? "")],
  },
  {
    path: page(`/standards/${slug}/calls/([1-9]\\d{0,8})`),
    parameters: [view, module, word("kind"), word("objected")],
    tags: (m) => [standard(m), callTag(m[1] ?? "", m[2] ?? "")],
  },
  // A standard's reviews and where each stands: reviews and their calls touch the standard. A
  // review's own page shows survey states and the whole record's figures, and is drawn each time.
  { path: page(`/standards/${slug}/reviews`), parameters: [], tags: (m) => [standard(m)] },
  {
    path: page(`/standards/${slug}/objections`),
    parameters: [word("state"), module],
    tags: (m) => [standard(m), callsTag(m[1] ?? ""), draftTag(m[1] ?? "")],
  },
];

/**
 * The address a live page is kept under with its tags, or null when it is not one to keep: a
 * write, a signed-in reader (the page names them), a client navigation's payload, another
 * address, or a parameter the page knows given twice or with a value it would not accept (that
 * answer is Next.js's own, each time). Parameters the page does not know are left out, so
 * `?cb=1`, `?cb=2`… are one page, rendered once.
 */
export function livePageKey(
  method: string | undefined,
  url: string,
  cookie: string,
  headers: http.IncomingHttpHeaders = {},
): LiveKey | null {
  if (!anonymousRead(method, url, cookie, headers)) return null;
  return livePageOf(url)?.key ?? null;
}

/** The live page at `url`, kept under its key and tags, and how its path matched. */
function livePageOf(url: string): { key: LiveKey; match: RegExpMatchArray } | null {
  const mark = url.indexOf("?");
  const path = mark === -1 ? url : url.slice(0, mark);
  const query = new URLSearchParams(mark === -1 ? "" : url.slice(mark + 1));
  for (const live of livePages) {
    const match = path.match(live.path);
    if (!match) continue;
    const kept = new URLSearchParams();
    for (const { name, valid } of live.parameters) {
      const values = query.getAll(name);
      if (values.length === 0 || values[0] === "") continue;
      if (values.length > 1 || !valid.test(values[0] ?? "")) return null;
      kept.set(name, values[0] ?? "");
    }
    const key = kept.size ? `${path}?${kept}` : path;
    return { key: { key, tags: live.tags(match), cacheControl: LIVE_CACHE }, match };
  }
  return null;
}

/** The pages kept for audiences of members, as their addresses name them. */
export type MemberPage =
  | { kind: "call"; slug: string; number: number }
  | { kind: "clause"; slug: string; ref: string };

/** Asks for a member's page drawn for them alone, by Next.js: a reader without scripts. */
export const PERSONAL_PARAM = "personal";
/** A discussion form a page draws open, for a reader without scripts. */
const FORM_PARAM = "form";

const callPage = page(`/standards/${slug}/calls/([1-9]\\d{0,8})`);
const clausePage = page(`/standards/${slug}/draft/${ref}`);

/**
 * The pages the front keeps for each audience of members (lib/community/audience.ts): a call
 * page and a draft clause page, which members read most and which cost the most to draw. A read
 * with a session (and no notice, nor a client navigation's payload) is one; its key is the live
 * page's, and `page` says whose parts the reader's own are.
 */
export function memberPageKey(
  method: string | undefined,
  url: string,
  cookie: string,
  headers: http.IncomingHttpHeaders = {},
): (LiveKey & { page: MemberPage; token: string }) | null {
  if (method !== "GET" && method !== "HEAD") return null;
  const token = sessionToken(cookie);
  if (!token || noticeCookie.test(cookie)) return null;
  if (headers.rsc !== undefined || /[?&]_rsc=/.test(url)) return null;
  const mark = url.indexOf("?");
  const query = new URLSearchParams(mark === -1 ? "" : url.slice(mark + 1));
  // Asked for by a browser without scripts: the page drawn for the reader, with the form open.
  if (query.has(PERSONAL_PARAM) || query.has(FORM_PARAM)) return null;
  const found = livePageOf(url);
  if (!found) return null;
  const path = found.match[0];
  const call = path.match(callPage);
  if (call) {
    return {
      ...found.key,
      token,
      page: { kind: "call", slug: call[1] ?? "", number: Number(call[2]) },
    };
  }
  const clause = path.match(clausePage);
  if (clause) {
    return {
      ...found.key,
      token,
      page: { kind: "clause", slug: clause[1] ?? "", ref: clause[2] ?? "" },
    };
  }
  return null;
}

/** The session cookie's value; null without one, or when it is split in chunks (not a database session's). */
function sessionToken(cookie: string): string | null {
  // On https Auth.js reads the __Secure- cookie only; a plain one beside it is not the session.
  const secure = cookie.match(/(?:^|;\s*)__Secure-authjs\.session-token=([^;]*)/);
  const found = secure ?? cookie.match(/(?:^|;\s*)authjs\.session-token=([^;]*)/);
  const value = found?.[1]?.trim();
  if (!value) return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** A GET or HEAD without a session or a notice, and not a client navigation's React payload. */
export function anonymousRead(
  method: string | undefined,
  url: string,
  cookie: string,
  headers: http.IncomingHttpHeaders,
): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  if (sessionCookie.test(cookie) || noticeCookie.test(cookie)) return false;
  // A client-side navigation asks Next.js for the page's React payload (`RSC: 1`, `?_rsc=…`):
  // not the document kept here, and Next.js redirects such a request that lost its `_rsc`.
  return headers.rsc === undefined && !/[?&]_rsc=/.test(url);
}

const releasePagePath = /^\/standards\/[a-z0-9-]+\/v\/\d+\.\d+\.\d+$/;

/**
 * Documents drawn for each anonymous reader, since their parameters are too many to keep, yet
 * served without scripts like the pages they vary:
 * - a release narrowed to the clauses mapping to a framework (a kept copy filed under the bare
 *   page would show every clause; its filter is a GET form);
 * - the sign-in page with a page to return to (any path on the site).
 */
export function documentEachTime(url: string): boolean {
  const mark = url.indexOf("?");
  if (mark === -1) return false;
  const path = url.slice(0, mark);
  const query = new URLSearchParams(url.slice(mark + 1));
  if (releasePagePath.test(path)) return query.has("framework") || query.has("provision");
  return path === "/sign-in" && query.has(RETURN_PARAM);
}
