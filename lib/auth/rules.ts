import { z } from "zod";

/** How long a magic link works, and how many may be asked for. */
export const MAGIC_LINK_MAX_AGE_SECONDS = 10 * 60;
export const LINKS_PER_ADDRESS_PER_HOUR = 5;
export const LINKS_PER_IP_PER_HOUR = 20;
export const RATE_WINDOW_MS = 60 * 60 * 1000;

/**
 * One plain address, nothing else: no lists (`a@x, b@y`), no display names (`Ann <a@x>`),
 * no markup. The zod email check alone would accept a few of those shapes' parts.
 */
export const signInEmailSchema = z
  .string({ error: "required" })
  .trim()
  .min(1, { error: "required" })
  .max(254, { error: "too_long" })
  .refine((value) => !/[\s,;<>"'()[\]\\]/.test(value), { error: "single_address" })
  .pipe(z.email({ error: "invalid_email" }))
  .transform((value) => value.toLowerCase());

export type SignInEmail = z.output<typeof signInEmailSchema>;

export type LimitVerdict = "ok" | "rate_limited_email" | "rate_limited_ip";

/** Given how many links were asked for in the past hour, may one more be sent? */
export function judgeSignInLimits(counts: { forAddress: number; forIp: number }): LimitVerdict {
  if (counts.forAddress >= LINKS_PER_ADDRESS_PER_HOUR) return "rate_limited_email";
  if (counts.forIp >= LINKS_PER_IP_PER_HOUR) return "rate_limited_ip";
  return "ok";
}

/**
 * The client address as the server saw it. Next.js sets x-forwarded-for from the socket when
 * no proxy did; behind a proxy the first entry is the client.
 */
export function clientIpFrom(forwardedFor: string | null, realIp: string | null): string {
  const first = forwardedFor?.split(",")[0]?.trim();
  return first || realIp?.trim() || "unknown";
}
