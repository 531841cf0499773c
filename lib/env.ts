import "server-only";
import { z } from "zod";

/**
 * The one place that reads process.env. Everything else calls `getEnv()` or a helper below.
 * Values are validated once, at first use, so a bad setting fails with one clear line.
 */
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const optionalUrl = optionalText.pipe(z.url().optional());

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().trim().min(1).default("localhost"),
  DATABASE_URL: optionalUrl,
  HUM_DATA_DIR: z.string().trim().min(1).default(".data"),
  AUTH_SECRET: optionalText,
  /** The public origin every absolute link is built on; required by `npm start`. */
  AUTH_URL: optionalUrl.refine(
    (value) => value === undefined || /^https?:\/\/[^/?#]+\/?$/.test(value),
    "must be an origin such as https://hum.example.org, with no path",
  ),
  /** How many proxies in front of Hum append to X-Forwarded-For; their hops are trusted. */
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  /** API requests one client address may make per minute on each server (a token: twice). */
  API_READS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(600),
  AUTH_GITHUB_ID: optionalText,
  AUTH_GITHUB_SECRET: optionalText,
  RESEND_API_KEY: optionalText,
  RESEND_BASE_URL: optionalUrl,
  EMAIL_FROM: z.string().trim().min(3).default("Hum <hum@localhost>"),
  COLLAB_PORT: z.coerce.number().int().min(1).max(65535).default(1234),
  COLLAB_HOST: z.string().trim().min(1).default("127.0.0.1"),
  /** What browsers connect to, when the collab server is behind a proxy; else ws://<page host>:COLLAB_PORT. */
  COLLAB_PUBLIC_URL: optionalUrl,
  /** Where the web app reaches the collab server; else http://127.0.0.1:COLLAB_PORT. */
  COLLAB_INTERNAL_URL: optionalUrl,
  REDIS_URL: optionalUrl,
  /** Hour (UTC) after which the daily digests go out. */
  DIGEST_HOUR_UTC: z.coerce.number().int().min(0).max(23).default(18),
  /** Domain whose reply+…@ addresses reach the inbound webhook; unset: no reply by email. */
  INBOUND_EMAIL_DOMAIN: optionalText,
  /** Signing secret of the inbound email webhook (whsec_…). */
  INBOUND_WEBHOOK_SECRET: optionalText,
  COLLAB_NAME: optionalText,
  /**
   * Lets the outbound fetcher reach this machine (127.0.0.0/8, ::1), so tests can point it at
   * a local server. Never in production: there it would let a typed URL reach Hum's own ports.
   */
  OUTBOUND_ALLOW_LOOPBACK: z
    .string()
    .trim()
    .toLowerCase()
    .default("false")
    .pipe(z.enum(["true", "false", "1", "0", ""], "must be true or false"))
    .transform((value) => value === "true" || value === "1"),
});

const loopbackOrigin = /^https?:\/\/(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?\/?$/i;

const LOOPBACK_REFUSED =
  "must not be true in production: it lets outbound requests reach this machine (it is for tests, whose public origin is a loopback address)";

/**
 * Production refuses OUTBOUND_ALLOW_LOOPBACK, unless its public origin is itself a loopback
 * address: then it serves no one but this machine (the end-to-end tests run the production
 * build that way), and there is nothing private left to protect from its users.
 */
function loopbackRefused(env: { OUTBOUND_ALLOW_LOOPBACK: boolean; AUTH_URL?: string }): boolean {
  return env.OUTBOUND_ALLOW_LOOPBACK && !(env.AUTH_URL && loopbackOrigin.test(env.AUTH_URL));
}

const settings = schema.superRefine((env, context) => {
  if (env.NODE_ENV === "production" && loopbackRefused(env)) {
    context.addIssue({
      code: "custom",
      path: ["OUTBOUND_ALLOW_LOOPBACK"],
      message: LOOPBACK_REFUSED,
    });
  }
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {}

function parseEnv(source: Record<string, string | undefined>): Env {
  const result = settings.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
      .join("; ");
    throw new EnvError(`Invalid environment: ${problems}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Whether the outbound fetcher may reach loopback addresses (tests only; see the schema). */
export function outboundAllowsLoopback(): boolean {
  return getEnv().OUTBOUND_ALLOW_LOOPBACK;
}

/** Used by the launcher, which decides DATABASE_URL and AUTH_SECRET before the app starts. */
export function setEnv(values: Partial<Record<keyof Env, string>>): Env {
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) process.env[key] = value;
  }
  cached = undefined;
  return getEnv();
}

/** Snapshot of the environment for child processes the launcher starts. */
export function childProcessEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}

/** Inlined by Next.js at build time, so development-only code is dropped from production builds. */
export const isDevelopmentBuild = process.env.NODE_ENV === "development";
export const isProductionBuild = process.env.NODE_ENV === "production";

/** GitHub sign-in exists only when both its client id and secret are configured. */
export function githubCredentials(): { clientId: string; clientSecret: string } | undefined {
  const { AUTH_GITHUB_ID, AUTH_GITHUB_SECRET } = getEnv();
  return AUTH_GITHUB_ID && AUTH_GITHUB_SECRET
    ? { clientId: AUTH_GITHUB_ID, clientSecret: AUTH_GITHUB_SECRET }
    : undefined;
}

/**
 * The secret that signs sessions, email links and calls to the collab server. The launcher always
 * sets it; signing with an empty one would let anyone forge what it protects, so its absence is an
 * error, never a default.
 */
export function authSecret(): string {
  const secret = getEnv().AUTH_SECRET;
  if (!secret) {
    throw new EnvError(
      "AUTH_SECRET is not set: start Hum with `npm run dev` or `npm start`, or set it yourself.",
    );
  }
  return secret;
}

export function collabInternalUrl(): string {
  const env = getEnv();
  return env.COLLAB_INTERNAL_URL ?? `http://127.0.0.1:${env.COLLAB_PORT}`;
}

const loopbackName = /^(?:localhost|127(?:\.\d{1,3}){3})$/i;

/**
 * The site's one public origin. Every absolute link (magic links and the redirects after
 * sign-in, notification and unsubscribe links, feeds, metadata) is built on it, by the web
 * server and by the launcher that sends email alike. It is AUTH_URL, never a request's Host:
 * whoever sends a request chooses its headers, and a magic link built from them would carry the
 * victim's token to the sender's host. Without AUTH_URL (development only: `npm start` requires
 * it) it is the address the development server listens on: http://HOSTNAME:PORT when HOSTNAME
 * is a loopback name, else http://localhost:PORT.
 */
export function publicUrl(): string {
  const env = getEnv();
  if (env.AUTH_URL) return new URL(env.AUTH_URL).origin;
  const host = loopbackName.test(env.HOSTNAME) ? env.HOSTNAME.toLowerCase() : "localhost";
  return `http://${host}:${env.PORT}`;
}

/** `npm start` serves the public, so it needs the origin its links are built on. */
export function assertPublicUrlConfigured(): void {
  if (!getEnv().AUTH_URL) {
    throw new EnvError(
      "AUTH_URL must be set for npm start: the public address every link is built on (e.g. https://hum.example.org).",
    );
  }
  // The launcher runs the scheduler's requests whatever NODE_ENV says: `npm start` is production.
  if (loopbackRefused(getEnv())) throw new EnvError(`OUTBOUND_ALLOW_LOOPBACK: ${LOOPBACK_REFUSED}`);
}
