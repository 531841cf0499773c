import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction, type Socket } from "node:net";
import { outboundAllowsLoopback, publicUrl } from "@/lib/env";
import { isReachable } from "@/lib/http/addresses";

/**
 * The one way Hum requests anything from another server (evidence checks, domain verification,
 * webhooks). A URL comes from whoever typed it, so the address is checked after resolution, by
 * the lookup the connection itself uses: a name cannot resolve to a public address when checked
 * and a private one when connected (DNS rebinding). Redirects, size and time are bounded.
 */

export type OutboundProblem =
  | "refused_address"
  | "timeout"
  | "too_large"
  | "too_many_redirects"
  | "bad_url"
  | "network";

export type OutboundResult =
  | {
      ok: true;
      status: number;
      finalUrl: string;
      redirected: boolean;
      body: Buffer;
      contentType: string | null;
    }
  | {
      ok: false;
      problem: OutboundProblem;
      finalUrl?: string;
      /** The answer's status, when the problem came after it (a body too large). */
      status?: number;
    };

export type ResolvedAddress = { address: string; family: 4 | 6 };
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export type OutboundOptions = {
  /** How host names become addresses; tests make a name resolve where they need it to. */
  resolve?: Resolver;
  timeoutMs?: number;
  maxBytes?: number;
  /** GET unless told; anything else is sent once, to the address given, and never redirected. */
  method?: "GET" | "POST" | "PUT";
  /** Sent with the request, after the fetcher's own (user-agent and accept may be replaced). */
  headers?: Record<string, string>;
  body?: string | Buffer;
};

export const MAX_REDIRECTS = 3;
export const OUTBOUND_TIMEOUT_MS = 10_000;
export const OUTBOUND_MAX_BYTES = 1024 * 1024;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const systemResolver: Resolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((entry) => ({
    address: entry.address,
    family: entry.family === 6 ? 6 : 4,
  }));

/** Says honestly who is asking, and where to read about it. */
export function outboundUserAgent(): string {
  return `Hum registry checker (+${publicUrl()})`;
}

class Refused extends Error {}
class TooLarge extends Error {
  constructor(readonly status: number) {
    super("too large");
  }
}

type Hop =
  | { kind: "answer"; status: number; body: Buffer; contentType: string | null }
  | { kind: "redirect"; location: string | null };

/** A lookup for node:http that answers only with addresses the policy lets it reach. */
function guardedLookup(resolve: Resolver, allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname)
      .then((found) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : null;
        const usable = wanted ? found.filter((entry) => entry.family === wanted) : found;
        // One refused address refuses the name: it could answer with that one next time.
        if (
          usable.length === 0 ||
          usable.some((entry) => !isReachable(entry.address, { allowLoopback }))
        ) {
          throw usable.length === 0
            ? Object.assign(new Error("no address"), { code: "ENOTFOUND" })
            : new Refused();
        }
        if (options.all) callback(null, usable);
        else callback(null, usable[0]?.address ?? "", usable[0]?.family ?? 4);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, "", 4));
  };
}

type Sending = { method: "GET" | "POST" | "PUT"; headers: Record<string, string>; body?: Buffer };

function requestOnce(
  url: URL,
  lookup: LookupFunction,
  allowLoopback: boolean,
  maxBytes: number,
  signal: AbortSignal,
  sending: Sending,
): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(url, {
      method: sending.method,
      agent: false,
      lookup,
      signal,
      headers: {
        "user-agent": outboundUserAgent(),
        accept: "*/*",
        ...sending.headers,
        "accept-encoding": "identity",
        ...(sending.body ? { "content-length": String(sending.body.length) } : {}),
      },
    });
    // The address actually connected to, checked again: literal IPs skip the lookup.
    request.on("socket", (socket: Socket) => {
      socket.once("connect", () => {
        const remote = socket.remoteAddress ?? "";
        if (!isReachable(remote, { allowLoopback })) request.destroy(new Refused());
      });
    });
    request.on("error", reject);
    request.on("response", (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      // Only a GET follows a redirect: a body sent elsewhere is not what its sender signed for.
      if (REDIRECTS.has(status) && sending.method === "GET") {
        response.resume();
        resolve({ kind: "redirect", location: response.headers.location ?? null });
        request.destroy();
        return;
      }
      const contentType = response.headers["content-type"] ?? null;
      const declared = Number(response.headers["content-length"]);
      if (Number.isFinite(declared) && declared > maxBytes) {
        request.destroy();
        reject(new TooLarge(status));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          // Stop reading at once; the rest is never downloaded.
          request.destroy();
          reject(new TooLarge(status));
          return;
        }
        chunks.push(chunk);
      });
      response.on("end", () =>
        resolve({ kind: "answer", status, body: Buffer.concat(chunks), contentType }),
      );
      response.on("error", reject);
    });
    request.end(sending.body);
  });
}

/** A URL the fetcher may try: http(s), a host, no credentials, and not a refused literal. */
function checkUrl(text: string, base?: URL): URL | "bad_url" {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    return "bad_url";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "bad_url";
  if (!url.hostname || url.username || url.password) return "bad_url";
  return url;
}

/** A host written as an address is checked before anything is sent. */
function literalRefused(url: URL, allowLoopback: boolean): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return isIP(host) !== 0 && !isReachable(host, { allowLoopback });
}

/**
 * GETs `target` (or sends it a body), following at most 3 redirects (each checked like the
 * first), reading at most 1 MB and giving up after 10 s in all. Never throws: every failure is
 * a `problem`.
 */
export async function fetchOutbound(
  target: string,
  options: OutboundOptions = {},
): Promise<OutboundResult> {
  const allowLoopback = outboundAllowsLoopback();
  const lookup = guardedLookup(options.resolve ?? systemResolver, allowLoopback);
  const maxBytes = options.maxBytes ?? OUTBOUND_MAX_BYTES;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? OUTBOUND_TIMEOUT_MS);
  const first = checkUrl(target);
  if (first === "bad_url") {
    clearTimeout(timer);
    return { ok: false, problem: "bad_url" };
  }
  const sending: Sending = {
    method: options.method ?? "GET",
    headers: options.headers ?? {},
    body: options.body === undefined ? undefined : Buffer.from(options.body),
  };
  let url = first;
  try {
    for (let redirects = 0; ; redirects += 1) {
      if (literalRefused(url, allowLoopback)) {
        return { ok: false, problem: "refused_address", finalUrl: url.href };
      }
      const hop = await requestOnce(
        url,
        lookup,
        allowLoopback,
        maxBytes,
        controller.signal,
        sending,
      );
      if (hop.kind === "answer") {
        return {
          ok: true,
          status: hop.status,
          finalUrl: url.href,
          redirected: redirects > 0,
          body: hop.body,
          contentType: hop.contentType,
        };
      }
      if (redirects >= MAX_REDIRECTS) {
        return { ok: false, problem: "too_many_redirects", finalUrl: url.href };
      }
      const next = hop.location === null ? "bad_url" : checkUrl(hop.location, url);
      if (next === "bad_url") return { ok: false, problem: "bad_url", finalUrl: url.href };
      url = next;
    }
  } catch (error) {
    return { ok: false, finalUrl: url.href, ...problemOf(error, controller.signal) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether the fetcher could reach `target` today: a well-formed http(s) URL whose host resolves
 * only to addresses it may connect to. For forms that save a URL to call later; the fetcher
 * checks again on every request, since a name may resolve elsewhere by then.
 */
export async function checkOutboundTarget(
  target: string,
  options: Pick<OutboundOptions, "resolve"> = {},
): Promise<"ok" | "bad_url" | "refused_address" | "unresolved"> {
  const url = checkUrl(target);
  if (url === "bad_url") return "bad_url";
  const allowLoopback = outboundAllowsLoopback();
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0) return literalRefused(url, allowLoopback) ? "refused_address" : "ok";
  let found: ResolvedAddress[];
  try {
    found = await (options.resolve ?? systemResolver)(host);
  } catch {
    return "unresolved";
  }
  if (found.length === 0) return "unresolved";
  return found.every((entry) => isReachable(entry.address, { allowLoopback }))
    ? "ok"
    : "refused_address";
}

function problemOf(
  error: unknown,
  signal: AbortSignal,
): { problem: OutboundProblem; status?: number } {
  if (error instanceof Refused) return { problem: "refused_address" };
  if (error instanceof TooLarge) return { problem: "too_large", status: error.status };
  if (signal.aborted) return { problem: "timeout" };
  return { problem: "network" };
}
