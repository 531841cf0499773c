import { z } from "zod";
import { fieldError } from "@/lib/errors";

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
  .string(fieldError("required"))
  .trim()
  .min(1, fieldError("required"))
  .max(254, fieldError("too_long"))
  .refine((value) => !/[\s,;<>"'()[\]\\]/.test(value), fieldError("single_address"))
  .pipe(z.email(fieldError("invalid_email")))
  .transform((value) => value.toLowerCase());

export type SignInEmail = z.output<typeof signInEmailSchema>;

export type LimitVerdict = "ok" | "rate_limited_email" | "rate_limited_ip";

/** Given how many links were asked for in the past hour, may one more be sent? */
export function judgeSignInLimits(counts: { forAddress: number; forIp: number }): LimitVerdict {
  if (counts.forAddress >= LINKS_PER_ADDRESS_PER_HOUR) return "rate_limited_email";
  if (counts.forIp >= LINKS_PER_IP_PER_HOUR) return "rate_limited_ip";
  return "ok";
}

export { clientIpFrom } from "@/lib/http/client-address";

/**
 * The mailbox an address reaches, for the per-address limit: `victim+1@` and `Victim@` reach
 * the same inbox as `victim@`, so a flood of tagged addresses counts as one.
 */
export function mailboxKey(email: string): string {
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at).split("+")[0] ?? "";
  return `${local}${email.slice(at)}`.toLowerCase();
}

/**
 * The cookie that tells the "check your email" page where the link went. It is read for display
 * only, never trusted for anything else, lives as long as the link works, and is sent to that page
 * alone, so the address stays out of addresses, logs and history.
 */
export const SENT_TO_COOKIE = "hum-sign-in-sent-to";

/** The address to show as the link's destination, or undefined when the cookie holds none. */
export function sentToAddress(value: unknown): string | undefined {
  const parsed = signInEmailSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
