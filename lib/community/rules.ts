import { z } from "zod";
import { type FieldErrorCode, fieldError } from "@/lib/errors";
import { isTimeZone, locales } from "@/lib/locale";
import { plainText } from "@/lib/validation";

export const groups = ["advisory_group", "steering_committee"] as const;
export const roles = ["member", "chair"] as const;
export type Group = (typeof groups)[number];
export type Role = (typeof roles)[number];
export type GroupRole = { group: Group; role: Role };

/** URL segment of each group's public page. */
export const groupSlugs: Record<Group, string> = {
  advisory_group: "advisory-group",
  steering_committee: "steering-committee",
};

export function groupFromSlug(slug: string): Group | undefined {
  return groups.find((group) => groupSlugs[group] === slug);
}

export type Term = { startsAt: Date; endsAt: Date | null };

/** A term is [startsAt, endsAt): it grants its role from the first instant until the end. */
export function isActive(term: Term, now: Date): boolean {
  return term.startsAt <= now && (term.endsAt === null || now < term.endsAt);
}

export type TermStatus = "upcoming" | "current" | "past";

export function termStatus(term: Term, now: Date): TermStatus {
  if (now < term.startsAt) return "upcoming";
  return isActive(term, now) ? "current" : "past";
}

/** The roles a person holds right now; a chair is also a member of their group. */
export function activeRoles(memberships: (Term & GroupRole)[], now: Date): GroupRole[] {
  return memberships
    .filter((membership) => isActive(membership, now))
    .map(({ group, role }) => ({ group, role }));
}

export function holdsRole(held: GroupRole[], group: Group, role: Role = "member"): boolean {
  return held.some((entry) => entry.group === group && (role === "member" || entry.role === role));
}

/** Shown wherever a person appears publicly; the email address never is. */
export function displayName(person: { id: string; name: string | null }): string {
  return person.name?.trim() || `Participant ${person.id.slice(0, 6)}`;
}

/** Bidirectional overrides, embeddings and isolates: they make a name read as another. */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** Characters that show nothing: format characters, combining marks alone, blank symbols. */
const INVISIBLE = /[\p{Cf}\p{Z}\p{M}\s\u115f\u1160\u3164\uffa0\u2800]/gu;
/** Words that claim a role; roles are shown from the memberships in force, never typed. */
const ROLE_WORDS = /\b(?:secretariat|advisory[\s-]*group|steering[\s-]*committee|moderator)\b/u;
/** Format characters other than the joiners some scripts and emoji need. */
const HIDDEN_FORMAT = /[^\P{Cf}\u200c\u200d]/u;

/**
 * The form in which two names count as the same: NFKC (so full-width or ligature letters match
 * their plain forms), lower case, no invisible characters, single spaces.
 */
export function nameKey(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFKC")
    .replace(/[\p{Cf}]/gu, "")
    .replace(/\s+/gu, " ")
    .trim();
}

/** Why a name or affiliation cannot be used, or null when it can. */
export function nameProblem(value: string, kind: "name" | "affiliation"): FieldErrorCode | null {
  if (/[<>]/.test(value) || /[\p{Cc}\p{Cs}]/u.test(value)) return "plain_text_only";
  if (BIDI_CONTROL.test(value) || HIDDEN_FORMAT.test(value)) return "plain_text_only";
  if (value !== "" && value.replace(INVISIBLE, "") === "") return "name_not_visible";
  const key = nameKey(value);
  if (ROLE_WORDS.test(key) || (kind === "affiliation" && /^(?:the\s)?hum\b/u.test(key))) {
    return "name_claims_role";
  }
  return null;
}

const personText = (max: number, kind: "name" | "affiliation") =>
  z
    .string(fieldError("required"))
    .transform((value) => value.normalize("NFKC").replace(/\s+/gu, " ").trim())
    .pipe(z.string().max(max, fieldError("too_long")))
    .superRefine((value, context) => {
      const problem = nameProblem(value, kind);
      if (problem) context.addIssue({ code: "custom", message: problem });
    });

export const profileSchema = z.object({
  name: personText(80, "name").pipe(z.string().min(1, fieldError("required"))),
  affiliation: personText(120, "affiliation"),
  conflictOfInterest: plainText(2000),
  // Asked on the profile page, not on the welcome page: left out, they stay as they are.
  language: z.enum(locales, fieldError("invalid")).optional(),
  timeZone: z
    .string(fieldError("invalid"))
    .refine((value) => isTimeZone(value), fieldError("invalid"))
    .optional(),
});
export type ProfileInput = z.output<typeof profileSchema>;

const isoDay = z.iso.date(fieldError("invalid_date"));

/** Dates are whole days in UTC: a term ending on a day includes that day. */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}
export function endOfDay(day: string): Date {
  return new Date(startOfDay(day).getTime() + 24 * 60 * 60 * 1000);
}

/** Terms fall within these days and last at most this long; anything else is a typing slip. */
const EARLIEST_TERM_DAY = "2000-01-01";
const LATEST_TERM_DAY = "2199-12-31";
const LONGEST_TERM_YEARS = 20;

/** What is wrong with a term's dates (ISO days), if anything: the field and the message key. */
export function termDatesProblem(
  startsOn: string,
  endsOn: string | null,
): { field: "startsOn" | "endsOn"; code: FieldErrorCode } | null {
  const inRange = (day: string) => day >= EARLIEST_TERM_DAY && day <= LATEST_TERM_DAY;
  if (!inRange(startsOn)) return { field: "startsOn", code: "date_out_of_range" };
  if (endsOn === null) return null;
  if (!inRange(endsOn)) return { field: "endsOn", code: "date_out_of_range" };
  if (endsOn < startsOn) return { field: "endsOn", code: "ends_before_start" };
  const longest = `${Number(startsOn.slice(0, 4)) + LONGEST_TERM_YEARS}${startsOn.slice(4)}`;
  if (endsOn > longest) return { field: "endsOn", code: "term_too_long" };
  return null;
}

export const appointmentSchema = z
  .object({
    email: z.email(fieldError("invalid_email")).transform((value) => value.toLowerCase()),
    group: z.enum(groups, fieldError("required")),
    role: z.enum(roles, fieldError("required")),
    startsOn: isoDay,
    endsOn: z.union([z.literal(""), isoDay]).transform((value) => value || null),
  })
  .superRefine((value, context) => {
    const problem = termDatesProblem(value.startsOn, value.endsOn);
    if (problem) context.addIssue({ code: "custom", path: [problem.field], message: problem.code });
  });
export type AppointmentInput = z.output<typeof appointmentSchema>;

/** A role shown beside a name, always computed from the records, never from what people type. */
export type RoleBadge = "secretariat" | "ag_chair" | "ag_member" | "sc_chair" | "sc_member";

/** The badges for someone's secretariat flag and the roles they hold now, most senior first. */
export function roleBadges(isSecretariat: boolean, held: GroupRole[]): RoleBadge[] {
  const badges: RoleBadge[] = isSecretariat ? ["secretariat"] : [];
  for (const [group, prefix] of [
    ["advisory_group", "ag"],
    ["steering_committee", "sc"],
  ] as const) {
    if (holdsRole(held, group, "chair")) badges.push(`${prefix}_chair`);
    else if (holdsRole(held, group)) badges.push(`${prefix}_member`);
  }
  return badges;
}
