import { type NextRequest, NextResponse } from "next/server";
import { publicOriginOf } from "@/lib/auth/public-url";
import { getEnv, githubCredentials, isDevelopmentBuild } from "@/lib/env";
import { securityHeaders } from "@/lib/http/content-security";
import { hasControlCharacter } from "@/lib/http/params";

/**
 * Sets each page's security headers, with a fresh script nonce per request (Next.js reads it
 * from the request's Content-Security-Policy and puts it on its scripts), and tells the
 * not-found page which address was asked for, so a missing release or clause can suggest the
 * nearest one that exists. Nothing here authorizes anything: that lives in lib/.
 */
export function proxy(request: NextRequest) {
  const env = getEnv();
  const headers = securityHeaders({
    nonce: Buffer.from(crypto.randomUUID()).toString("base64"),
    origin: publicOriginOf(request.headers, {
      configured: env.AUTH_URL,
      port: env.PORT,
      production: env.NODE_ENV === "production",
    }),
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
  forwarded.set("content-security-policy", headers["Content-Security-Policy"] ?? "");
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but the build's own files, which carry no page.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
