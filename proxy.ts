import { type NextRequest, NextResponse } from "next/server";

/**
 * Tells the not-found page which address was asked for, so a missing release or clause can
 * suggest the nearest one that exists. Nothing here authorizes anything: that lives in lib/.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-hum-path", request.nextUrl.pathname);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/standards/:slug/v/:path*", "/standards/:slug/comparison/:path*"],
};
