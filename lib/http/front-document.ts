import type http from "node:http";

/*
 * What the front puts on and takes out of what it serves itself: security headers, validators,
 * and the scripts a kept document does without.
 */

/**
 * Headers on everything the front answers itself. Kept pages have no scripts, so their policy
 * allows none; nothing Hum serves may be framed (the vote and retire forms are one click away).
 */
export function securityHeaders(type: string, hsts: boolean): http.OutgoingHttpHeaders {
  const policy = type.startsWith("text/html")
    ? "default-src 'self'; script-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    : "default-src 'none'; frame-ancestors 'none'";
  return {
    "Content-Security-Policy": policy,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    ...(hsts ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}

/** If-None-Match may list several tags, or weak ones; a kept entry matches any of them. */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === etag || tag === "*");
}

/** The page without its scripts: what a reader of a published release needs, and no more. */
export function documentOnly(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "")
    .replace(/<link\b(?=[^>]*\bas="script")[^>]*>/g, "");
}
