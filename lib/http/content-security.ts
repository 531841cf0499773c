/**
 * The security headers of every page Next.js renders. Scripts run only with the request's nonce
 * (Next.js puts it on its own scripts when it finds it in the request's policy), and
 * 'strict-dynamic' lets those scripts load the chunks they import. Styles may be inline: the
 * editor and Next.js set style attributes. Nothing may frame a page (the vote and retire forms
 * could otherwise be clicked through a transparent frame).
 */
export type PolicySettings = {
  nonce: string;
  /** The origin pages are served on (AUTH_URL, or the development host). */
  origin: string;
  /** What the editor connects to (COLLAB_PUBLIC_URL), or undefined for ws(s)://host:collabPort. */
  collabPublicUrl?: string;
  collabPort: number;
  development: boolean;
  /** GitHub sign-in posts a form that is redirected to github.com. */
  github: boolean;
};

function collabSource({ collabPublicUrl, collabPort, origin }: PolicySettings): string {
  if (collabPublicUrl) {
    const url = new URL(collabPublicUrl);
    return `${url.protocol}//${url.host}`;
  }
  const page = new URL(origin);
  return `${page.protocol === "https:" ? "wss" : "ws"}://${page.hostname}:${collabPort}`;
}

export function contentSecurityPolicy(settings: PolicySettings): string {
  const https = new URL(settings.origin).protocol === "https:";
  const directives = [
    "default-src 'self'",
    // React rebuilds server errors' stacks with eval in development only.
    `script-src 'self' 'nonce-${settings.nonce}' 'strict-dynamic'${settings.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    // In development the page may be opened by any name the machine has; the editor then
    // connects to that name, which the origin does not know.
    `connect-src 'self' ${collabSource(settings)}${settings.development ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${settings.github ? " https://github.com" : ""}`,
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export function securityHeaders(settings: PolicySettings): Record<string, string> {
  const https = new URL(settings.origin).protocol === "https:";
  return {
    "Content-Security-Policy": contentSecurityPolicy(settings),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // Only a production site on https promises browsers to come back on https.
    ...(https && !settings.development ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}
