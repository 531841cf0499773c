import NextAuth from "next-auth";
import { createAuthConfig } from "@/lib/auth/config";
import { getDb } from "@/lib/db/client";
import { getEmailSender } from "@/lib/email";
import { getEnv } from "@/lib/env";

// The app's Auth.js instance, assembled once from the real database and email sender.
export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const env = getEnv();
  return createAuthConfig({
    db: getDb(),
    email: getEmailSender(),
    secret: env.AUTH_SECRET,
    github:
      env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET
        ? { clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }
        : undefined,
  });
});
