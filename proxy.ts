import { type NextRequest, NextResponse } from "next/server";
import { NOTICE_COOKIE, NOTICE_HEADER } from "@/lib/actions/notice-cookie";
import { addressOnOrigin, ON_ORIGIN_HEADER } from "@/lib/auth/public-url";
import { getEnv, githubCredentials, isDevelopmentBuild, publicUrl } from "@/lib/env";
import { securityHeaders } from "@/lib/http/content-security";
import { AUDIENCE_HEADER } from "@/lib/http/member-markers";
import { hasControlCharacter } from "@/lib/http/params";
import { chooseLocale, LOCALE_COOKIE } from "@/lib/locale";

/**
 * Sets each page's security headers, with a fresh script nonce per request (Next.js reads it
 * from the request's Content-Security-Policy and puts it on its scripts), and tells the
 * not-found page which address was asked for, so a missing release or clause can suggest the
 * nearest one that exists. In development, it tells the root layout where a page asked for on
 * another loopback name (127.0.0.1 for localhost) is on the public origin, so that the layout
 * sends the browser there (lib/auth/public-url.ts). It also hands a redirecting action's notice
 * to the one page it is for (lib/actions/notice.ts). It says which language a page is in, for
 * caches: every page varies by the browser's languages and cookies (the switcher's, the session's),
 * and where no one is signed in, the language is known here already (i18n/request.ts chooses the
 * same way; a signed-in person's own choice is read from the database, not here). Nothing here
 * authorizes anything: that lives in lib/.
 */
export function proxy(request: NextRequest) {
  const env = getEnv();
  const origin = publicUrl();
  const headers = securityHeaders({
    nonce: Buffer.from(crypto.randomUUID()).toString("base64"),
    origin,
    collabPublicUrl: env.COLLAB_PUBLIC_URL,
    collabPort: env.COLLAB_PORT,
    development: isDevelopmentBuild,
    github: Boolean(githubCredentials()),
  });
  if (hasControlCharacter(request.nextUrl.pathname)) {
    return new NextResponse("Bad request.\n", {
      status: 400,
      headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const forwarded = new Headers(request.headers);
  forwarded.set("x-hum-path", request.nextUrl.pathname);
  // The front names an audience only to have a page drawn: never for an action or a write.
  const reading = request.method === "GET" || request.method === "HEAD";
  if (!reading || request.headers.has("next-action")) forwarded.delete(AUDIENCE_HEADER);
  forwarded.delete(ON_ORIGIN_HEADER);
  const onOrigin = isDevelopmentBuild
    ? addressOnOrigin(request.url, request.headers.get("host"), origin)
    : undefined;
  if (onOrigin) forwarded.set(ON_ORIGIN_HEADER, onOrigin);
  forwarded.set("content-security-policy", headers["Content-Security-Policy"] ?? "");
  // A redirect's notice is for the page it leads to, once: the browser drops it, and the page
  // reads it from a header (a cookie deleted here is deleted for the page as well). A form post
  // tells its own outcome: a notice left over from before is not this one.
  const notice = request.cookies.get(NOTICE_COOKIE)?.value;
  forwarded.delete(NOTICE_HEADER);
  if (notice && reading) forwarded.set(NOTICE_HEADER, notice);
  if (notice && !reading) forwarded.set("cookie", cookiesWithout(request, NOTICE_COOKIE));
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  if (notice && reading) response.cookies.delete(NOTICE_COOKIE);
  response.headers.append("Vary", "Accept-Language, Cookie");
  if (!hasSessionCookie(request)) {
    const locale = chooseLocale({
      cookie: request.cookies.get(LOCALE_COOKIE)?.value,
      acceptLanguage: request.headers.get("accept-language"),
    });
    response.headers.set("Content-Language", locale);
  }
  return response;
}

/** Auth.js's session cookie, "__Secure-" on https, split in numbered chunks when large. */
const SESSION_COOKIE_NAME = /^(?:__Secure-)?authjs\.session-token(?:\.\d+)?$/;

function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.getAll().some((cookie) => SESSION_COOKIE_NAME.test(cookie.name));
}

/** The request's Cookie header without one cookie, the others byte for byte. */
function cookiesWithout(request: NextRequest, name: string): string {
  return (request.headers.get("cookie") ?? "")
    .split(";")
    .filter((pair) => pair.split("=", 1)[0]?.trim() !== name)
    .join(";")
    .trim();
}

export const config = {
  // Everything but the build's own files, which carry no page.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
