import { handleAuthRequest } from "@/lib/auth";

export const GET = handleAuthRequest;

/**
 * Sign-in starts only from Hum's own server actions, which validate the address and apply the
 * rate limits before Auth.js sends anything. A direct POST to /api/auth/signin/* would skip
 * both, so it is refused here; sign-out and callbacks pass through.
 */
export function POST(request: Request) {
  if (new URL(request.url).pathname.startsWith("/api/auth/signin")) {
    return new Response("Sign in from /sign-in.", { status: 405 });
  }
  return handleAuthRequest(request);
}
