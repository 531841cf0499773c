import "server-only";
import { randomUUID } from "node:crypto";
import { cookies, headers } from "next/headers";
import { type MessageKey, messages } from "@/lib/i18n";
import { NOTICE_COOKIE, NOTICE_HEADER, NOTICE_REDIRECT_SECONDS } from "./notice-cookie";

/**
 * What an action tells the person once it is done: a sentence of the catalogue, and optionally
 * the page to look at next (a path on this site).
 */
export type ActionNotice = {
  key: MessageKey;
  params?: { [name: string]: string | number };
  href?: string;
};

/** A notice on its way to the page that shows it; the id tells one notice from the next. */
export type PendingNotice = ActionNotice & { id: string };

/** A notice in the reader's words, as the form that called the action shows it. */
export type WordedNotice = { id: string; text: string; href?: string };

export function encodeNotice(notice: PendingNotice): string {
  return Buffer.from(JSON.stringify(notice)).toString("base64url");
}

/**
 * A key that names a sentence, not a namespace. The build may hand over the catalogue with each
 * sentence that has placeholders already parsed (an array), the others as strings.
 */
export function isCatalogueSentence(key: string, catalogue: object = messages): key is MessageKey {
  let node: unknown = catalogue;
  for (const part of key.split(".")) {
    if (!node || typeof node !== "object" || Array.isArray(node) || !Object.hasOwn(node, part)) {
      return false;
    }
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string" || Array.isArray(node);
}

/** A path on this site: "/calls/3", never "//elsewhere" nor "https://…". */
export function isSitePath(href: string): boolean {
  return /^\/(?![/\\])[^\s\\]*$/.test(href) && href.length <= 500;
}

/**
 * The cookie read back. Whoever holds the browser may write any cookie, so only a sentence the
 * catalogue has, plain parameters and a path on this site are believed; anything else is no
 * notice at all.
 */
export function decodeNotice(value: string | undefined): PendingNotice | null {
  if (!value || value.length > 2000) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== "object") return null;
  const { id, key, params, href } = parsed as Record<string, unknown>;
  if (typeof id !== "string" || id.length > 64 || typeof key !== "string") return null;
  if (!isCatalogueSentence(key)) return null;
  if (href !== undefined && (typeof href !== "string" || !isSitePath(href))) return null;
  const plain: { [name: string]: string | number } = {};
  if (params !== undefined) {
    if (!params || typeof params !== "object" || Array.isArray(params)) return null;
    for (const [name, param] of Object.entries(params)) {
      if (typeof param !== "string" && typeof param !== "number") return null;
      plain[name] = typeof param === "string" ? param.slice(0, 200) : param;
    }
  }
  return { id, key, params: plain, ...(href === undefined ? {} : { href }) };
}

/**
 * Hands the notice to whatever shows the page after the action, and returns it for the form.
 *
 * With JavaScript, the form that called the action shows it (components/use-action-form.ts):
 * Next.js renders again only the parts of the page below the root layout, where the status
 * region lives. Without JavaScript (or before the page's scripts have run), the form posts and
 * the response is the whole page, rendered in the same request, which Next.js lets see the
 * cookies the action set: such a notice lives for zero seconds, so the browser keeps nothing.
 * Only before a redirect does it wait, briefly, for the next request, which shows it once
 * (proxy.ts drops it from that response).
 */
export async function recordNotice(
  notice: ActionNotice,
  { redirecting }: { redirecting: boolean },
): Promise<PendingNotice> {
  const pending = { ...notice, id: randomUUID() };
  (await cookies()).set(NOTICE_COOKIE, encodeNotice(pending), {
    path: "/",
    sameSite: "lax",
    maxAge: redirecting ? NOTICE_REDIRECT_SECONDS : 0,
  });
  return pending;
}

/**
 * The notice for the page being rendered, if any and if believable: the one the action of this
 * same request set, or the one a redirect left, which proxy.ts hands over in a header.
 */
export async function readNotice(): Promise<PendingNotice | null> {
  const [jar, requestHeaders] = await Promise.all([cookies(), headers()]);
  return decodeNotice(
    jar.get(NOTICE_COOKIE)?.value || requestHeaders.get(NOTICE_HEADER) || undefined,
  );
}
