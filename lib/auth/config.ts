import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { eq } from "drizzle-orm";
import type { NextAuthConfig } from "next-auth";
import GitHub from "next-auth/providers/github";
import Resend from "next-auth/providers/resend";
import { recordAudit } from "@/lib/audit/mutations";
import { MAGIC_LINK_MAX_AGE_SECONDS, signInEmailSchema } from "@/lib/auth/rules";
import { accounts, sessions, users, verificationTokens } from "@/lib/auth/schema";
import type { Database } from "@/lib/db/client";
import type { EmailSender } from "@/lib/email/sender";
import { magicLinkEmail } from "@/lib/email/templates";
import { translate } from "@/lib/i18n";
import { chooseLocale, cookieValue, LOCALE_COOKIE, type Locale } from "@/lib/locale";
import {
  checkEmailPath,
  RETURN_PARAM,
  signInErrorPath,
  signInPath,
  welcomePath,
} from "@/lib/paths";

const tables = {
  usersTable: users,
  accountsTable: accounts,
  sessionsTable: sessions,
  verificationTokensTable: verificationTokens,
};

export type AuthDeps = {
  db: Database;
  email: EmailSender;
  secret: string | undefined;
  github?: { clientId: string; clientSecret: string };
};

/**
 * Where Auth.js may send someone after signing in or out, as a path on the site: home after
 * signing out, otherwise the welcome page, carrying the page the person came from when it is a
 * safe return path (lib/paths.ts). An address on another origin never leaves the site.
 */
export function pathAfterAuth(url: string, baseUrl: string): string {
  let target: URL;
  try {
    target = new URL(url, baseUrl);
  } catch {
    return welcomePath();
  }
  if (target.origin !== new URL(baseUrl).origin) return welcomePath();
  if (target.pathname === "/") return "/";
  if (target.pathname === welcomePath()) {
    return welcomePath(target.searchParams.get(RETURN_PARAM) ?? undefined);
  }
  return welcomePath(`${target.pathname}${target.search}`);
}

/**
 * The language of a sign-in email: the saved choice of the member the address belongs to, else
 * the language of the browser that asked (its switcher cookie, then its Accept-Language; a
 * server action passes the language it chose as the latter).
 */
async function signInLocale(db: Database, address: string, request: Request): Promise<Locale> {
  const [member] = await db
    .select({ language: users.language })
    .from(users)
    .where(eq(users.email, address));
  return chooseLocale({
    profile: member?.language,
    cookie: cookieValue(request.headers.get("cookie"), LOCALE_COOKIE),
    acceptLanguage: request.headers.get("accept-language"),
  });
}

/**
 * The whole Auth.js configuration, built from its dependencies so that tests run the real thing
 * against their own database and outbox.
 */
export function createAuthConfig({ db, email, secret, github }: AuthDeps): NextAuthConfig {
  const base = DrizzleAdapter(db, tables);
  const adapter: typeof base = {
    ...base,
    // A new account and its line in the public record commit together.
    createUser: (data) =>
      db.transaction(async (tx) => {
        // A provider's profile name is not checked against the name rules and other members'
        // names (lib/community/rules.ts); people choose their display name on their profile.
        const created = await DrizzleAdapter(tx, tables).createUser?.({ ...data, name: null });
        if (!created) throw new Error("adapter could not create the user");
        await recordAudit(tx, {
          actorId: created.id,
          action: "community.joined",
          subjectType: "user",
          subjectId: created.id,
        });
        return created;
      }),
  };

  return {
    adapter,
    secret,
    // Hum hands Auth.js requests already rebuilt on the configured origin (lib/auth/public-url.ts),
    // so the Host header is never what links are made from.
    trustHost: true,
    // One line per problem in the server log; refused links and bad requests are expected noise.
    logger: {
      error: (error) =>
        console.error(
          `auth: ${"type" in error ? error.type : error.name}: ${error.message.split(". Read more")[0]}`,
        ),
      warn: (code) => console.warn(`auth: warning ${code}`),
    },
    basePath: "/api/auth",
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: signInPath(), verifyRequest: checkEmailPath(), error: signInErrorPath() },
    providers: [
      Resend({
        from: "unused: lib/email decides the sender",
        maxAge: MAGIC_LINK_MAX_AGE_SECONDS,
        // Refuses lists, display names and markup even if a request skipped our form.
        normalizeIdentifier: (identifier) => {
          const parsed = signInEmailSchema.safeParse(identifier);
          if (!parsed.success) throw new Error("sign-in refused: not one plain email address");
          return parsed.data;
        },
        async sendVerificationRequest({ identifier, url, request }) {
          const locale = await signInLocale(db, identifier, request);
          const t = translate("email", locale);
          await email.send(
            magicLinkEmail(
              identifier,
              url,
              {
                subject: t("magicLink.subject"),
                intro: t("magicLink.intro"),
                action: t("magicLink.action"),
                expiry: t("magicLink.expiry", { minutes: MAGIC_LINK_MAX_AGE_SECONDS / 60 }),
                ignore: t("magicLink.ignore"),
              },
              locale,
            ),
          );
        },
      }),
      ...(github ? [GitHub(github)] : []),
    ],
    callbacks: {
      redirect: ({ url, baseUrl }) => `${baseUrl}${pathAfterAuth(url, baseUrl)}`,
      // What /api/auth/session hands to JavaScript: who is signed in, no more. The row Auth.js
      // passes in carries the session token, the address and the person's other columns.
      session({ session, user }) {
        return {
          user: { id: user.id, name: user.name ?? null },
          expires: session.expires,
        } as unknown as typeof session;
      },
    },
    events: {
      async signIn({ user, account }) {
        if (!user.id) return;
        await recordAudit(db, {
          actorId: user.id,
          action: "auth.signed_in",
          subjectType: "user",
          subjectId: user.id,
          details: { method: account?.provider ?? "unknown" },
        });
      },
      async signOut(message) {
        const userId = "session" in message ? message.session?.userId : undefined;
        if (!userId) return;
        await recordAudit(db, {
          actorId: userId,
          action: "auth.signed_out",
          subjectType: "user",
          subjectId: userId,
        });
      },
    },
  };
}
