/**
 * The address the browser used, rebuilt from the Host header (and a proxy's X-Forwarded-*
 * headers). Next.js rewrites loopback hosts in a route handler's URL to "localhost", while
 * Auth.js builds its links from the Host header; both must agree with what the browser sees. Hum trusts the host, as Auth.js's
 * `trustHost` already does, so the deployment must put a proxy in front that sets it.
 */
export function publicUrlOf(requestUrl: string, headers: Headers, configured?: string): string {
  const url = new URL(requestUrl);
  // AUTH_URL, when an operator sets it, is the public address whatever the headers say.
  if (configured)
    return new URL(`${url.pathname}${url.search}`, new URL(configured).origin).toString();
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const origin = `${proto === "http" || proto === "https" ? proto : url.protocol.slice(0, -1)}://${
    host && /^[a-z0-9.:[\]-]+$/i.test(host) ? host : url.host
  }`;
  return new URL(`${url.pathname}${url.search}`, origin).toString();
}
