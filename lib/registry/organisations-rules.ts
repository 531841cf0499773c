import { z } from "zod";
import { signInEmailSchema } from "@/lib/auth/rules";
import { type FieldErrors, fieldError, isFieldErrorCode } from "@/lib/errors";
import { isCountryCode } from "@/lib/registry/countries";
import { isWebUrl } from "@/lib/registry/rules";
import { plainLine, SLUG } from "@/lib/validation";

/*
 * The pure rules of organisations: what a registration must say, how its permanent address is
 * derived from its name, and what a change of website does to a proven domain.
 */

export const MAX_ORGANISATION_NAME = 120;
/** Room left under the 60 characters of a slug for a "-NNN" that tells namesakes apart. */
const MAX_SLUG_BASE = 50;
/** Addresses a slug may not take: they are pages of their own under /registry/organisations. */
const RESERVED_SLUGS: ReadonlySet<string> = new Set(["new"]);

/** How long an invitation to represent an organisation can be accepted. */
export const INVITATION_DAYS = 14;

/** An email address, for the organisation's public contact or an invitation. */
export const emailAddress = signInEmailSchema;

const webUrl = z
  .string(fieldError("required"))
  .trim()
  .min(1, fieldError("required"))
  .refine(isWebUrl, fieldError("invalid_url"));

/**
 * A public contact: an email address, or a web page (a contact form). Anything with an "@" and
 * no scheme is read as an address, so the person is told what is wrong with the address.
 */
const contact = z
  .string(fieldError("required"))
  .trim()
  .min(1, fieldError("required"))
  .max(2000, fieldError("too_long"))
  .transform((value, context) => {
    if (/^https?:\/\//i.test(value)) {
      if (isWebUrl(value)) return value;
      context.addIssue({ code: "custom", message: "invalid_url" });
      return z.NEVER;
    }
    if (value.includes("@")) {
      const address = emailAddress.safeParse(value);
      if (address.success) return address.data;
      context.addIssue({ code: "custom", message: address.error.issues[0]?.message ?? "" });
      return z.NEVER;
    }
    context.addIssue({ code: "custom", message: "invalid_url" });
    return z.NEVER;
  });

const country = z
  .string(fieldError("required"))
  .trim()
  .min(1, fieldError("required"))
  .transform((value) => value.toUpperCase())
  .refine(isCountryCode, fieldError("invalid_country"));

/** What a registration, or a change of an organisation's details, says. */
export const organisationSchema = z.object({
  name: plainLine(MAX_ORGANISATION_NAME),
  country,
  website: webUrl,
  contact,
});

export type OrganisationInput = z.input<typeof organisationSchema>;
export type OrganisationDetails = z.output<typeof organisationSchema>;

/** A schema's problems by field; an issue zod raised itself (not one of ours) is "invalid". */
export function fieldProblems(error: z.ZodError): FieldErrors {
  const problems: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    problems[field] ??= isFieldErrorCode(issue.message) ? issue.message : "invalid";
  }
  return problems;
}

/** Latin letters that do not decompose into a base letter and a mark. */
const LETTERS: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  ø: "o",
  œ: "oe",
  ł: "l",
  đ: "d",
  þ: "th",
  ð: "d",
};

/**
 * The slug a name suggests: lower-case ASCII letters and digits joined by single hyphens, accents
 * dropped ("Čudna Žarulja GmbH" → "cudna-zarulja-gmbh"); "organisation" when nothing is left.
 */
export function slugBase(name: string): string {
  const ascii = name
    .toLowerCase()
    .replace(/[ßæøœłđþð]/g, (letter) => LETTERS[letter] ?? "")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const cut = ascii.slice(0, MAX_SLUG_BASE).replace(/-+$/, "");
  return cut === "" ? "organisation" : cut;
}

/**
 * The first free slug for `base` given the slugs already taken: the base itself, then base-2,
 * base-3 and so on. Reserved words count as taken.
 */
export function firstFreeSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const free = (slug: string) => !used.has(slug) && !RESERVED_SLUGS.has(slug);
  if (free(base)) return base;
  for (let suffix = 2; ; suffix += 1) {
    const slug = `${base}-${suffix}`;
    if (free(slug)) return slug;
  }
}

/** Whether `slug` is a well-formed organisation address. */
export function isOrganisationSlug(slug: string): boolean {
  return SLUG.test(slug) && !RESERVED_SLUGS.has(slug);
}

/** The host of a website, lower case, without a trailing dot; null for what is not a URL. */
export function websiteHost(website: string): string | null {
  try {
    return new URL(website).hostname.toLowerCase().replace(/\.$/, "") || null;
  } catch {
    return null;
  }
}

/** Whether a contact is an email address (shown as a mailto: link) rather than a web page. */
export function isEmailContact(contact: string): boolean {
  return !/^https?:\/\//i.test(contact) && contact.includes("@");
}
