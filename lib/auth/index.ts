import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import NextAuth, { type NextAuthConfig } from "next-auth";
import { answerAuthRequest, authActionAt } from "@/lib/auth/auth-action";
import { createAuthConfig } from "@/lib/auth/config";
import { onOrigin } from "@/lib/auth/public-url";
import { getDb } from "@/lib/db/client";
import { getEmailSender } from "@/lib/email";
import { getEnv, githubCredentials, publicUrl } from "@/lib/env";
import type { Locale } from "@/lib/locale";

function appAuthConfig(): NextAuthConfig {
  return createAuthConfig({
    db: getDb(),
    email: getEmailSender(),
    secret: getEnv().AUTH_SECRET,
    github: githubCredentials(),
  });
}

// The app's Auth.js instance, assembled once from the real database and email sender. Only its
// session reader is used: it makes no links.
export const { auth } = NextAuth(appAuthConfig);

/**
 * Serves /api/auth/* on the public origin (lib/env.ts), so that redirects after a callback never
 * follow a forged Host (Next.js also rewrites a route handler's URL to "localhost").
 */
export async function handleAuthRequest(request: Request): Promise<Response> {
  const body = request.method === "POST" ? await request.arrayBuffer() : undefined;
  const onPublicOrigin = new Request(onOrigin(request.url, publicUrl()), {
    method: request.method,
    headers: request.headers,
    body,
  });
  return answerAuthRequest(onPublicOrigin, appAuthConfig());
}

/** Runs an Auth.js action from a server action, keeping the cookies it sets; returns its redirect. */
async function runAction(
  action: string,
  body: Record<string, string>,
  locale?: Locale,
): Promise<string> {
  const origin = publicUrl();
  const response = await authActionAt(
    appAuthConfig(),
    origin,
    action,
    body,
    (await headers()).get("cookie") ?? "",
    locale,
  );
  const jar = await cookies();
  for (const cookie of response.cookies ?? []) jar.set(cookie.name, cookie.value, cookie.options);
  return response.redirect ?? origin;
}

/**
 * Sends a magic link, worded in `locale` (the language of the browser that asked) unless the
 * address is a member's who chose a language; the caller has validated the address and applied
 * the limits.
 */
export async function sendMagicLink(
  email: string,
  redirectTo: string,
  locale: Locale,
): Promise<void> {
  await runAction("signin/resend", { email, callbackUrl: redirectTo }, locale);
}

/** Starts GitHub sign-in (its return address is on the public origin) and redirects there. */
export async function startGitHubSignIn(redirectTo: string): Promise<never> {
  redirect(await runAction("signin/github", { callbackUrl: redirectTo }));
}

/** Ends the session (its cookie and its row); the caller says where to go next. */
export async function signOut(): Promise<void> {
  await runAction("signout", { callbackUrl: "/" });
}
