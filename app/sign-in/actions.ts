"use server";

import { cookies, headers } from "next/headers";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { sendMagicLink, startGitHubSignIn } from "@/lib/auth";
import { openDemoSession, SESSION_COOKIE } from "@/lib/auth/demo";
import { reserveMagicLink } from "@/lib/auth/mutations";
import {
  clientIpFrom,
  MAGIC_LINK_MAX_AGE_SECONDS,
  SENT_TO_COOKIE,
  signInEmailSchema,
} from "@/lib/auth/rules";
import { getDb } from "@/lib/db/client";
import { getEnv, githubCredentials, isDevelopmentBuild, publicUrl } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { chooseLocale, LOCALE_COOKIE } from "@/lib/locale";
import { checkEmailPath, welcomePath } from "@/lib/paths";
import { plainLine, returnPathField } from "@/lib/validation";

// Signing in is for people without a session: these actions are public. Each lands on the
// welcome page, carrying the page the person came from (`next`, dropped unless it is a safe path).
export const requestMagicLink = defineAction({
  name: "requestMagicLink",
  schema: z.object({ email: signInEmailSchema, next: returnPathField }),
  public: true,
  run: async ({ email, next }) => {
    const requestHeaders = await headers();
    const ip = clientIpFrom(requestHeaders.get("x-forwarded-for"), getEnv().TRUSTED_PROXIES);
    await reserveMagicLink(getDb(), { email, ip });
    const jar = await cookies();
    // The email is in the language this browser reads Hum in.
    const locale = chooseLocale({
      cookie: jar.get(LOCALE_COOKIE)?.value,
      acceptLanguage: requestHeaders.get("accept-language"),
    });
    await sendMagicLink(email, welcomePath(next), locale);
    jar.set(SENT_TO_COOKIE, email, {
      httpOnly: true,
      secure: publicUrl().startsWith("https:"),
      sameSite: "lax",
      path: checkEmailPath(),
      maxAge: MAGIC_LINK_MAX_AGE_SECONDS,
    });
  },
  done: { key: "notices.linkSent" },
  redirectTo: (_, { next }) => checkEmailPath(next),
});

export const signInWithGitHub = defineAction({
  name: "signInWithGitHub",
  schema: z.object({ next: returnPathField }),
  public: true,
  run: async ({ next }) => {
    if (!githubCredentials()) throw new DomainError("not_found");
    await startGitHubSignIn(welcomePath(next));
  },
  // Never shown: GitHub's page comes next, and signing in ends on the return from it.
  done: { key: "notices.signedIn" },
});

/** Development only: a production build refuses it whatever the form sent. */
export const signInAsDemo = defineAction({
  name: "signInAsDemo",
  schema: z.object({ userId: plainLine(100), next: returnPathField }),
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
  redirectTo: (_, { next }) => welcomePath(next),
});
