import { Auth } from "@auth/core";
import NextAuth, { type NextAuthConfig } from "next-auth";
import { createAuthConfig } from "@/lib/auth/config";
import { publicUrlOf } from "@/lib/auth/public-url";
import { getDb } from "@/lib/db/client";
import { getEmailSender } from "@/lib/email";
import { getEnv, githubCredentials } from "@/lib/env";

function appAuthConfig(): NextAuthConfig {
  return createAuthConfig({
    db: getDb(),
    email: getEmailSender(),
    secret: getEnv().AUTH_SECRET,
    github: githubCredentials(),
  });
}

// The app's Auth.js instance, assembled once from the real database and email sender.
export const { auth, signIn, signOut } = NextAuth(appAuthConfig);

/**
 * Serves /api/auth/* from the URL the browser used. Next.js rewrites loopback hosts in a
 * NextRequest's URL to "localhost", so a link opened at 127.0.0.1 would otherwise redirect to
 * another origin, where the new session cookie does not exist.
 */
export async function handleAuthRequest(request: Request): Promise<Response> {
  const body = request.method === "POST" ? await request.arrayBuffer() : undefined;
  const asSent = new Request(publicUrlOf(request.url, request.headers, getEnv().AUTH_URL), {
    method: request.method,
    headers: request.headers,
    body,
  });
  return Auth(asSent, appAuthConfig());
}
