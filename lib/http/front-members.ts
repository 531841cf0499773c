import { randomUUID } from "node:crypto";
import type http from "node:http";
import { type MemberPage, PERSONAL_PARAM } from "@/lib/http/front-pages";
import { PERSONAL_ELEMENT_ID } from "@/lib/http/member-markers";
import type { Locale } from "@/lib/locale";

/*
 * A member's page as the front keeps it for an audience, and as it serves it to one reader: the
 * page Next.js drew for a stand-in of the audience, with a fresh script nonce, the reader's own
 * parts as data at the top of the body (components/personal.tsx reads them), and, for a browser
 * without scripts, a move to the page drawn for the reader alone.
 */

/** What the front needs to keep members' pages per audience and serve each reader theirs. */
export type MemberReading = {
  /** The member a session cookie names, while the session lasts. */
  reader: (token: string) => Promise<MemberReader | null>;
};
export type MemberReader = {
  /** Their audience: the same string for everyone who reads the same page. */
  audience: string;
  /** The audience, sealed for Next.js (`AUDIENCE_HEADER`). */
  sealed: string;
  /** The language they chose, which outranks the switcher's cookie and the browser's. */
  language: Locale | null;
  /**
   * Their own parts of a page, as data for it; null when the page shows nothing, or shows them
   * something of theirs nobody else of the audience sees (then Next.js draws it for them).
   */
  own: (page: MemberPage) => Promise<object | null>;
};

export type MemberEntry = {
  html: string;
  /** The nonce Next.js drew the page with, replaced by a fresh one for every reader. */
  nonce: string | null;
  /** Next.js's headers that say what the page is and how it may be used. */
  headers: http.OutgoingHttpHeaders;
};

/** What a member's page is served with: theirs alone, so kept by no cache. */
export const MEMBER_CACHE = "private, no-cache, no-store, max-age=0, must-revalidate";

const keptHeaders = [
  "content-type",
  "content-language",
  "content-security-policy",
  "x-frame-options",
  "x-content-type-options",
  "referrer-policy",
  "strict-transport-security",
];

/** A member's page as Next.js drew it for their audience, ready to keep. */
export function memberEntry(html: string, answered: http.IncomingHttpHeaders): MemberEntry {
  const policy = String(answered["content-security-policy"] ?? "");
  const headers: http.OutgoingHttpHeaders = {};
  for (const name of keptHeaders) {
    const value = answered[name];
    if (value !== undefined) headers[name] = value;
  }
  return { html, nonce: policy.match(/'nonce-([^']+)'/)?.[1] ?? null, headers };
}

/** JSON that cannot end the element it is written in. */
const inScript = (value: unknown) =>
  JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e");

const inAttribute = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/**
 * The kept page for one reader, with `own`, their parts of it: `key` is the page's kept address
 * (its path and the parameters it reads).
 */
export function personalized(
  entry: MemberEntry,
  key: string,
  own: object,
): { html: string; headers: http.OutgoingHttpHeaders } {
  const nonce = Buffer.from(randomUUID()).toString("base64");
  const fresh = (text: string) => (entry.nonce ? text.replaceAll(entry.nonce, nonce) : text);
  const drawnForThem = `${key}${key.includes("?") ? "&" : "?"}${PERSONAL_PARAM}=1`;
  const html = fresh(entry.html)
    .replace(
      "</head>",
      () =>
        `<noscript><meta http-equiv="refresh" content="0; url=${inAttribute(drawnForThem)}"></noscript></head>`,
    )
    .replace(
      /<body[^>]*>/,
      (body) =>
        `${body}<script type="application/json" id="${PERSONAL_ELEMENT_ID}">${inScript(own)}</script>`,
    );
  const policy = entry.headers["content-security-policy"];
  return {
    html,
    headers: {
      ...entry.headers,
      ...(typeof policy === "string" ? { "content-security-policy": fresh(policy) } : {}),
      "cache-control": MEMBER_CACHE,
      vary: "Accept-Encoding, Cookie",
    },
  };
}
