"use server";

import { cookies, headers } from "next/headers";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { sendMagicLink, startGitHubSignIn } from "@/lib/auth";
import { openDemoSession, SESSION_COOKIE } from "@/lib/auth/demo";
import { reserveMagicLink } from "@/lib/auth/mutations";
import { clientIpFrom, signInEmailSchema } from "@/lib/auth/rules";
import { getDb } from "@/lib/db/client";
import { getEnv, githubCredentials, isDevelopmentBuild } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { checkEmailPath, profilePath } from "@/lib/paths";
import { plainLine } from "@/lib/validation";

// Signing in is for people without a session: these actions are public.
export const requestMagicLink = defineAction({
  name: "requestMagicLink",
  schema: z.object({ email: signInEmailSchema }),
  public: true,
  run: async ({ email }) => {
    const requestHeaders = await headers();
    const ip = clientIpFrom(requestHeaders.get("x-forwarded-for"), getEnv().TRUSTED_PROXIES);
    await reserveMagicLink(getDb(), { email, ip });
    await sendMagicLink(email, profilePath());
  },
  done: { key: "notices.linkSent" },
  redirectTo: () => checkEmailPath(),
});

export const signInWithGitHub = defineAction({
  name: "signInWithGitHub",
  schema: z.object({}),
  public: true,
  run: async () => {
    if (!githubCredentials()) throw new DomainError("not_found");
    await startGitHubSignIn(profilePath());
  },
  // Never shown: GitHub's page comes next, and signing in ends on the return from it.
  done: { key: "notices.signedIn" },
});

/** Development only: a production build refuses it whatever the form sent. */
export const signInAsDemo = defineAction({
  name: "signInAsDemo",
  schema: z.object({ userId: plainLine(100) }),
  public: true,
  run: async ({ userId }) => {
    if (!isDevelopmentBuild) throw new DomainError("not_found");
    const { token, expires } = await openDemoSession(getDb(), userId);
    (await cookies()).set(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      expires,
    });
  },
  done: { key: "notices.signedIn" },
  redirectTo: () => profilePath(),
});
