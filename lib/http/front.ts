import { createHash } from "node:crypto";
import http from "node:http";
import { gzipSync } from "node:zlib";
import { type AnswerWriter, anonymousAnswers, takeAnswers } from "@/lib/http/front-answers";
import {
  apiClient,
  apiCorsHeaders,
  apiKey,
  apiTag,
  createTokenReaders,
  isApiRequest,
  TOKEN_EXPIRES_HEADER,
} from "@/lib/http/front-api";
import { documentOnly, matches, securityHeaders } from "@/lib/http/front-document";
import { createLiveStore } from "@/lib/http/front-live";
import {
  type MemberEntry,
  type MemberReading,
  memberEntry,
  personalized,
} from "@/lib/http/front-members";
import {
  anonymousRead,
  documentEachTime,
  type LiveKey,
  livePageKey,
  memberPageKey,
} from "@/lib/http/front-pages";
import { registryKey } from "@/lib/http/front-registry";
import { everything, tokensTag } from "@/lib/http/front-tags";
import { AUDIENCE_HEADER } from "@/lib/http/member-markers";
import { createReadLimiter, rateLimitHeaders } from "@/lib/http/read-limit";
import { chooseLocale, cookieValue, LOCALE_COOKIE, type Locale } from "@/lib/locale";

export { documentOnly, securityHeaders };

/**
 * The public face of `npm start`: it passes every request through to Next.js, except anonymous
 * reads of public pages. Those it renders once through Next.js, keeps in memory with their
 * gzipped form and a strong ETag, and serves itself.
 *
 * Published releases never change: their exports (.md, .json) are cached for a year; release
 * pages carry "superseded" and "withdrawn" banners, so browsers keep them a minute and then
 * revalidate with the ETag. Live pages (the home page, the working draft, calls, groups, the
 * log, the registry…) are kept under the tags of what they show (front-pages.ts) and forgotten
 * when a committed change touches one of those tags (`touch`, from the launcher's change feed).
 *
 * A kept release page is a document: nothing on it needs JavaScript (its links are plain links,
 * it has no forms), so the kept copy leaves out the scripts that would hydrate it. Readers get
 * a third of the bytes and no JavaScript at all; signed-in readers still get the full page.
 *
 * Every page is kept once per interface language: a reader's is the switcher's cookie, else
 * their browser's languages (lib/locale.ts), and the page is drawn with that cookie alone.
 *
 * Members' call and clause pages are kept too, once per audience (everyone with the same roles,
 * language and time zone): each reader gets that page with their own parts added as data
 * (front-members.ts), read for them on every request (`FrontOptions.members`).
 */

/** Versioned release addresses: a release, one of its clauses, its exports, a comparison. */
const immutablePath =
  /^\/standards\/[a-z0-9-]+\/(?:v\/\d+\.\d+\.\d+(?:\.md|\.json|\/[A-Z0-9]+-\d+)?|compare\/\d+\.\d+\.\d+\.\.\.\d+\.\d+\.\d+)$/;
const releasePagePath = /^\/standards\/[a-z0-9-]+\/v\/\d+\.\d+\.\d+$/;
const comparePath = /^\/standards\/[a-z0-9-]+\/compare\//;
const exportPath = /\.(?:md|json)$/;
/** What a level's name may look like; anything else shows every level, as Next.js does. */
const levelName = /^[\p{L}\p{N} _-]{1,40}$/u;

export type Upstream = { host: string; port: number };
export type FrontOptions = {
  /** The configured public origin is https: tell browsers to keep to it. */
  hsts?: boolean;
  /** The site's configured public origin, for the API's problem types. */
  origin?: string;
  /** API requests allowed per client address per minute; a token gets twice as many. */
  apiReadsPerMinute?: number;
  /** How many proxies in front of Hum append to X-Forwarded-For. */
  trustedProxies?: number;
  /** Writes anonymous survey answers (front-answers.ts); without it, Next.js takes them. */
  answers?: AnswerWriter;
  /** Reads members' sessions and own parts; without it, Next.js draws every member's page. */
  members?: MemberReading;
};
type Entry = {
  path: string;
  /** The interface language it was drawn in. */
  locale: Locale;
  body: Buffer;
  gzipped: Buffer;
  type: string;
  etag: string;
  /** Set on live entries, which browsers keep less long. */
  cacheControl?: string;
  /** An API answer: the same in every language, and readable from any site. */
  api?: boolean;
};
/** What Next.js answered when it was not a release to keep (a 404, say): passed on as it is. */
type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

export type Front = {
  server: http.Server;
  /** Forgets the live pages showing any of `tags`; `everything` forgets releases too. */
  touch: (tags: readonly string[]) => void;
};

const MAX_ENTRIES = 2000;

/** Real standards have a handful of levels; more filters on one page are somebody guessing. */
const MAX_LEVELS_PER_PAGE = 8;
const HTML_CACHE = "public, max-age=60, must-revalidate";
const EXPORT_CACHE = "public, max-age=31536000, immutable";

/**
 * The address a kept release is filed under: its path, plus `level` on a release page and `view`
 * on a comparison (the parameters that change what they show). Other parameters change nothing,
 * so a cache-busting `?cb=N` is the same page, rendered once.
 */
export function cacheKey(url: string): { path: string; key: string; level: string | null } {
  const mark = url.indexOf("?");
  const path = mark === -1 ? url : url.slice(0, mark);
  if (mark !== -1 && comparePath.test(path)) {
    const views = new URLSearchParams(url.slice(mark + 1)).getAll("view");
    const view = views.length === 1 ? views[0] : undefined;
    const key = view === "side" || view === "inline" ? `${path}?view=${view}` : path;
    return { path, key, level: null };
  }
  if (mark === -1 || !releasePagePath.test(path)) return { path, key: path, level: null };
  const levels = new URLSearchParams(url.slice(mark + 1)).getAll("level");
  const level = levels.length === 1 && levelName.test(levels[0] ?? "") ? (levels[0] ?? null) : null;
  const key = level === null ? path : `${path}?level=${encodeURIComponent(level)}`;
  return { path, key, level };
}

export function cacheableRelease(
  method: string | undefined,
  url: string,
  cookie: string,
  headers: http.IncomingHttpHeaders = {},
) {
  if (!anonymousRead(method, url, cookie, headers)) return false; // signed-in pages name the reader
  if (documentEachTime(url)) return false;
  return immutablePath.test(url.split("?")[0] ?? "");
}

/** A Vary header that also names what chooses the interface language. */
function withLanguage(vary: string | undefined): string {
  const names = (vary ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of ["Accept-Language", "Cookie"]) {
    if (!names.some((known) => known.toLowerCase() === name.toLowerCase())) names.push(name);
  }
  return names.join(", ");
}

export function createFront(upstream: Upstream, options: FrontOptions = {}): Front {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const kept = new Map<string, Entry>();
  const filling = new Map<string, Promise<Entry | Answer>>();
  /** Level filters kept so far, per release page. */
  const levelsKept = new Map<string, Set<string>>();
  const hsts = options.hsts ?? false;
  const live = createLiveStore<Entry, Answer>((filled): filled is Entry => !("status" in filled));
  const members = createLiveStore<MemberEntry, Answer>(
    (filled): filled is MemberEntry => !("status" in filled),
  );

  const forwardedHeaders = (request: http.IncomingMessage) => {
    const remote = request.socket.remoteAddress ?? "unknown";
    const prior = request.headers["x-forwarded-for"];
    const { [AUDIENCE_HEADER]: _named, ...sent } = request.headers;
    return {
      ...sent,
      "x-forwarded-for": prior ? `${prior}, ${remote}` : remote,
      "x-forwarded-proto": request.headers["x-forwarded-proto"] ?? "http",
    };
  };

  /**
   * Asks Next.js for an address, for nobody in particular whatever else the first reader sent:
   * in their language, and with nothing else of theirs (or for an audience of members, sealed).
   */
  const render = (
    request: http.IncomingMessage,
    url: string,
    locale: Locale,
    audience?: string,
  ): Promise<Answer> =>
    new Promise<Answer>((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = forwardedHeaders(request);
      delete headers["accept-encoding"];
      delete headers["if-none-match"];
      delete headers.authorization;
      delete headers["accept-language"];
      headers.cookie = `${LOCALE_COOKIE}=${locale}`;
      if (audience) headers[AUDIENCE_HEADER] = audience;
      const inner = http.request(
        { ...upstream, agent, method: "GET", path: url, headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 502,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
          response.on("error", reject);
        },
      );
      inner.on("error", reject);
      inner.end();
    });

  /** Renders an address once through Next.js, in `locale`; only a 200 is kept. */
  const fill = (request: http.IncomingMessage, url: string, locale: Locale) =>
    render(request, url, locale).then((answered): Entry | Answer => {
      if (answered.status !== 200) return answered;
      const type = String(answered.headers["content-type"] ?? "text/html; charset=utf-8");
      const body = type.startsWith("text/html")
        ? Buffer.from(documentOnly(answered.body.toString("utf8")))
        : answered.body;
      return {
        path: url.split("?")[0] ?? url,
        locale,
        body,
        gzipped: gzipSync(body),
        type,
        etag: `"${createHash("sha256").update(body).digest("base64url")}"`,
        api: isApiRequest(url),
      };
    });

  const serveKept = (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    entry: Entry,
    extra: http.OutgoingHttpHeaders = {},
  ) => {
    const gzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    const headers: http.OutgoingHttpHeaders = {
      "Content-Type": entry.type,
      "Cache-Control":
        entry.cacheControl ?? (exportPath.test(entry.path) ? EXPORT_CACHE : HTML_CACHE),
      ETag: entry.etag,
      ...(entry.api
        ? { Vary: "Accept-Encoding", ...apiCorsHeaders }
        : { "Content-Language": entry.locale, Vary: "Accept-Encoding, Accept-Language, Cookie" }),
      ...securityHeaders(entry.type, hsts),
      ...extra,
    };
    if (matches(request.headers["if-none-match"], entry.etag)) {
      response.writeHead(304, headers).end();
      return;
    }
    const body = gzip ? entry.gzipped : entry.body;
    response.writeHead(200, {
      ...headers,
      "Content-Length": body.length,
      ...(gzip ? { "Content-Encoding": "gzip" } : {}),
    });
    response.end(request.method === "HEAD" ? undefined : body);
  };

  /** A page rendered for this request: served as kept ones are, or Next.js's answer as it was. */
  const answer = (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    filled: Entry | Answer,
    extra: http.OutgoingHttpHeaders = {},
  ) => {
    if ("status" in filled) {
      response.writeHead(filled.status, { ...filled.headers, ...extra }).end(filled.body);
    } else serveKept(request, response, filled, extra);
  };

  const pass = (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    extraHeaders: http.OutgoingHttpHeaders = {},
    /** Told what Next.js answered with. */
    heard?: (status: number, headers: http.IncomingHttpHeaders) => void,
    retried = false,
  ) => {
    const bodiless = request.method === "GET" || request.method === "HEAD";
    const inner = http.request(
      {
        ...upstream,
        agent,
        method: request.method,
        path: request.url,
        headers: forwardedHeaders(request),
      },
      (answer) => {
        const headers = { ...answer.headers, ...extraHeaders };
        // A page's words follow the reader's language (Next.js sets its own Vary on pages).
        if (String(headers["content-type"] ?? "").startsWith("text/html")) {
          headers.vary = withLanguage(headers.vary);
        }
        response.writeHead(answer.statusCode ?? 502, headers);
        heard?.(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    inner.on("error", (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the upstream closed just as it was reused: a request without a body
      // is safely sent again once, on a fresh socket, rather than failing the reader.
      if (bodiless && !retried && inner.reusedSocket && error.code === "ECONNRESET") {
        pass(request, response, extraHeaders, heard, true);
        return;
      }
      if (!response.headersSent) {
        response.writeHead(502, {
          "Content-Type": "text/plain; charset=utf-8",
          ...securityHeaders("text/plain", hsts),
        });
      }
      response.end("Hum is starting or restarting; try again in a moment.\n");
    });
    if (bodiless) inner.end();
    else request.pipe(inner);
  };

  /** A live read: kept until what it shows changes (or a short while), filled once. */
  const serveLive = (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    { key: url, tags, cacheControl }: LiveKey,
    locale: Locale,
    extra: http.OutgoingHttpHeaders = {},
  ) => {
    const key = `${locale} ${url}`;
    const entry = live.fresh(key);
    if (entry) return serveKept(request, response, entry, extra);
    live
      .fill(key, tags, () =>
        fill(request, url, locale).then((filled) =>
          "status" in filled ? filled : { ...filled, cacheControl },
        ),
      )
      .then(
        (filled) => answer(request, response, filled, extra),
        () => pass(request, response, extra),
      );
  };

  /**
   * A member's call or clause page: kept once per audience and language, served to each reader
   * with their own parts (front-members.ts). Whatever goes wrong, Next.js draws it for them.
   */
  const serveMember = (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    member: NonNullable<ReturnType<typeof memberPageKey>>,
    reading: MemberReading,
    cookie: string,
  ) => {
    const served = async () => {
      const reader = await reading.reader(member.token);
      if (!reader) return false; // an ended session: Next.js says what a stranger sees
      const locale = chooseLocale({
        profile: reader.language,
        cookie: cookieValue(cookie, LOCALE_COOKIE),
        acceptLanguage: request.headers["accept-language"],
      });
      const key = `${locale} ${reader.audience} ${member.key}`;
      const [filled, personal] = await Promise.all([
        members.fresh(key) ??
          members.fill(key, member.tags, () =>
            render(request, member.key, locale, reader.sealed).then((answered) =>
              answered.status === 200
                ? memberEntry(answered.body.toString("utf8"), answered.headers)
                : answered,
            ),
          ),
        reader.own(member.page),
      ]);
      if ("status" in filled || !personal) return false;
      const { html, headers } = personalized(filled, member.key, personal);
      const plain = Buffer.from(html);
      const gzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
      const body = gzip ? gzipSync(plain, { level: 1 }) : plain;
      response.writeHead(200, {
        ...headers,
        "Content-Length": body.length,
        ...(gzip ? { "Content-Encoding": "gzip" } : {}),
      });
      response.end(request.method === "HEAD" ? undefined : body);
      return true;
    };
    served().then(
      (done) => done || pass(request, response),
      (error: unknown) => {
        console.error(
          `hum: front: a member's page was drawn by Next.js instead (${String(error)})`,
        );
        if (!response.headersSent) pass(request, response);
      },
    );
  };

  const tokenReaders = createTokenReaders();
  const apiWindowSeconds = 60;
  const apiReads = options.apiReadsPerMinute ?? 600;
  const apiLimiters = {
    ip: createReadLimiter({ points: apiReads, windowSeconds: apiWindowSeconds, policy: "ip" }),
    token: createReadLimiter({
      points: apiReads * 2,
      windowSeconds: apiWindowSeconds,
      policy: "token",
    }),
  };

  /**
   * An API request: counted against its client's limit, then kept like a live page when it is
   * an anonymous read, or passed to Next.js. Every answer says where the client stands.
   */
  const serveApi = (request: http.IncomingMessage, response: http.ServerResponse, url: string) => {
    const client = apiClient(request, options.trustedProxies ?? 0);
    const verdict = apiLimiters[client.limiter].take(client.key);
    const limits = rateLimitHeaders(verdict, apiWindowSeconds);
    if (!verdict.ok) {
      const body = JSON.stringify({
        type: `${options.origin ?? ""}/api#problem-rate-limited`,
        title: "Too many requests",
        status: 429,
        detail: `Try again in ${verdict.resetSeconds} seconds.`,
      });
      response
        .writeHead(429, {
          "Content-Type": "application/problem+json",
          "Cache-Control": "no-store",
          ...apiCorsHeaders,
          ...securityHeaders("application/problem+json", hsts),
          ...limits,
        })
        .end(body);
      return;
    }
    const authorization = request.headers.authorization;
    const kept = apiKey(request.method, url, request.headers, tokenReaders.vouched(authorization));
    if (kept) serveLive(request, response, kept, "en", limits);
    else {
      pass(request, response, limits, (status, answered) =>
        tokenReaders.heard(
          authorization,
          status,
          String(answered[TOKEN_EXPIRES_HEADER.toLowerCase()] ?? ""),
        ),
      );
    }
  };

  const server = http.createServer((request, response) => {
    const url = request.url ?? "/";
    if (isApiRequest(url)) return serveApi(request, response, url);
    const cookie = String(request.headers.cookie ?? "");
    const survey = options.answers ? anonymousAnswers(request.method, url, cookie) : null;
    if (survey !== null && options.answers) {
      takeAnswers(request, response, survey, options.answers, { ...options, hsts }).catch(
        (error: unknown) => {
          // Nothing a request sends may stop the front: one line, and the request ends.
          console.error(`hum: front: a survey answer failed (${String(error)})`);
          if (!response.headersSent) response.writeHead(500);
          response.end();
        },
      );
      return;
    }
    const locale = chooseLocale({
      cookie: cookieValue(cookie, LOCALE_COOKIE),
      acceptLanguage: request.headers["accept-language"],
    });
    const member = options.members
      ? memberPageKey(request.method, url, cookie, request.headers)
      : null;
    if (member && options.members) {
      return serveMember(request, response, member, options.members, cookie);
    }
    const liveKey =
      registryKey(request.method, url, cookie, request.headers) ??
      livePageKey(request.method, url, cookie, request.headers);
    if (liveKey) return serveLive(request, response, liveKey, locale);
    if (anonymousRead(request.method, url, cookie, request.headers) && documentEachTime(url)) {
      fill(request, url, locale).then(
        (filled) => answer(request, response, filled),
        () => pass(request, response),
      );
      return;
    }
    if (!cacheableRelease(request.method, url, cookie, request.headers)) {
      pass(request, response);
      return;
    }
    const { path, key: address, level } = cacheKey(url);
    const key = `${locale} ${address}`;
    const entry = kept.get(key);
    if (entry) return serveKept(request, response, entry);
    const levels = levelsKept.get(path) ?? new Set<string>();
    if (level !== null && !levels.has(level) && levels.size >= MAX_LEVELS_PER_PAGE) {
      pass(request, response);
      return;
    }
    let pending = filling.get(key);
    if (!pending) {
      pending = fill(request, address, locale).finally(() => filling.delete(key));
      filling.set(key, pending);
    }
    pending.then(
      (filled) => {
        if ("status" in filled) {
          // A missing release or an error: Next.js's answer, not kept.
          response.writeHead(filled.status, filled.headers).end(filled.body);
          return;
        }
        if (!kept.has(key) && kept.size >= MAX_ENTRIES) {
          kept.delete(kept.keys().next().value ?? "");
        }
        kept.set(key, filled);
        if (level !== null) levelsKept.set(path, levels.add(level));
        serveKept(request, response, filled);
      },
      () => pass(request, response),
    );
  });
  server.keepAliveTimeout = 65_000;
  return {
    server,
    touch: (tags) => {
      // Only a release published or withdrawn changes a kept release (its banners); those
      // changes touch everything, as they change the live pages too.
      if (tags.includes(everything)) {
        kept.clear();
        levelsKept.clear();
      }
      if (tags.includes(everything) || tags.includes(tokensTag)) tokenReaders.forgetAll();
      // Any committed change may show in some API answer: lists, records, the log.
      live.touch(tags.length > 0 ? [...tags, apiTag] : tags);
      members.touch(tags);
    },
  };
}
