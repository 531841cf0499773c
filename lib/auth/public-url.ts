/**
 * Requests reach Auth.js rebuilt on the site's one public origin (`publicUrl()` in lib/env.ts),
 * so that the links and redirects it makes never follow a forged Host or X-Forwarded-Host.
 */

/** The same path and query on the public origin. */
export function onOrigin(requestUrl: string, origin: string): string {
  const url = new URL(requestUrl);
  return new URL(`${url.pathname}${url.search}`, origin).toString();
}

/**
 * The request header in which proxy.ts hands the root layout that address (development only):
 * a redirect answered by the proxy itself would be rewritten by Next.js into a path on the
 * host the request came by, and lead nowhere.
 */
export const ON_ORIGIN_HEADER = "x-hum-on-origin";

const loopbackHost = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?$/i;

/**
 * In development the server answers every loopback name of the machine; a page opened on another
 * one than the public origin's (127.0.0.1 for localhost) is sent to the same address on the
 * origin, so that the browser, its session cookie and every link Hum makes, emails included,
 * share one origin. Returns that address, or undefined when the request is on the origin or
 * comes by another name, which is left alone.
 */
export function addressOnOrigin(
  requestUrl: string,
  host: string | null,
  origin: string,
): string | undefined {
  const name = host?.trim().toLowerCase() ?? "";
  if (!loopbackHost.test(name) || name === new URL(origin).host) return undefined;
  return onOrigin(requestUrl, origin);
}
