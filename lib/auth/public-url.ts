/**
 * The origin of every absolute link Hum makes (magic links, redirects after sign-in). It is the
 * configured AUTH_URL, never the request's Host or X-Forwarded-Host: whoever sends a request
 * chooses its headers, and a magic link built from them would carry the victim's token to the
 * sender's host. `npm start` refuses to run without AUTH_URL.
 *
 * In development, without AUTH_URL, a loopback Host is followed (a browser on 127.0.0.1 must
 * get its session cookie on 127.0.0.1, not on localhost); any other host gets localhost.
 */
export type OriginSettings = { configured?: string; port: number; production: boolean };

const loopbackHost = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?$/i;

export function publicOriginOf(headers: Headers, settings: OriginSettings): string {
  if (settings.configured) return new URL(settings.configured).origin;
  const host = headers.get("host")?.trim() ?? "";
  if (!settings.production && loopbackHost.test(host)) return `http://${host.toLowerCase()}`;
  return `http://localhost:${settings.port}`;
}

/** The same path and query on the public origin. */
export function onOrigin(requestUrl: string, origin: string): string {
  const url = new URL(requestUrl);
  return new URL(`${url.pathname}${url.search}`, origin).toString();
}
