import { Auth, raw, skipCSRFCheck } from "@auth/core";
import type { ResponseInternal } from "@auth/core/types";
import type { NextAuthConfig } from "next-auth";
import type { Locale } from "@/lib/locale";

/**
 * Runs one Auth.js action (sign in, sign out) for a server action, on the given origin. Auth.js
 * builds every link and redirect (the magic link in the email, GitHub's return address) from
 * the URL of the request it is handed, so that URL is made here, never from the request's
 * Host or X-Forwarded-Host headers. `locale`, the language chosen for the person asking, reaches
 * Auth.js as the request's only language, so the email it sends is worded in it.
 */
export function authActionAt(
  config: NextAuthConfig,
  origin: string,
  action: string,
  body: Record<string, string>,
  cookie = "",
  locale?: Locale,
): Promise<ResponseInternal> {
  const basePath = config.basePath ?? "/api/auth";
  const request = new Request(`${origin}${basePath}/${action}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie,
      ...(locale ? { "accept-language": locale } : {}),
    },
    body: new URLSearchParams(body),
  });
  return Auth(request, { ...config, raw, skipCSRFCheck });
}

/** Auth.js's own test: an absolute http(s) URL, or a path on this origin. */
function isHttpUrl(value: string, origin: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

/**
 * Serves one /api/auth/* request. Auth.js answers a callbackUrl that is not an http(s) address
 * (`javascript:x`, a NUL byte) with a 500 "server configuration" error; it is the request that
 * is wrong, so it gets a 400 here before Auth.js sees it.
 */
export function answerAuthRequest(request: Request, config: NextAuthConfig): Promise<Response> {
  const url = new URL(request.url);
  const given = [
    url.searchParams.get("callbackUrl"),
    cookieValue(request.headers.get("cookie"), /(?:__Secure-)?authjs\.callback-url/),
  ];
  if (given.some((value) => value && !isHttpUrl(value, url.origin))) {
    return Promise.resolve(new Response("Bad request: invalid callbackUrl.\n", { status: 400 }));
  }
  return Auth(request, config);
}

function cookieValue(header: string | null, name: RegExp): string | null {
  for (const part of header?.split(";") ?? []) {
    const [key, ...rest] = part.trim().split("=");
    if (key && new RegExp(`^${name.source}$`).test(key)) {
      try {
        return decodeURIComponent(rest.join("="));
      } catch {
        return rest.join("=");
      }
    }
  }
  return null;
}
