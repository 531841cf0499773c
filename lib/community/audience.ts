import { createHmac, timingSafeEqual } from "node:crypto";
import { type GroupRole, groups, roles } from "@/lib/community/rules";
import type { Viewer } from "@/lib/community/viewer";
import { isLocale, isTimeZone, type Locale } from "@/lib/locale";

/*
 * A member's page is the same for everyone who holds the same roles and reads in the same
 * language and time zone: only a few parts are theirs alone (their name, position, vote, own
 * comments, what they watch). The front keeps one copy of such a page per audience, drawn by
 * Next.js for a stand-in of that audience, and the reader's own parts travel with it as data
 * (lib/decisions/member-pages.ts). The audience reaches Next.js sealed with the site's secret:
 * nobody outside can ask for a moderator's page by naming the audience.
 */

export type Audience = {
  roles: GroupRole[];
  isSecretariat: boolean;
  language: Locale | null;
  timeZone: string | null;
};

/** A stand-in's id: not a user id, so no row is ever theirs. */
export const STAND_IN_ID = "audience";

const roleOrder = (role: GroupRole) =>
  groups.indexOf(role.group) * roles.length + roles.indexOf(role.role);

export function audienceOf(viewer: Viewer): Audience {
  return {
    roles: [...viewer.roles].sort((a, b) => roleOrder(a) - roleOrder(b)),
    isSecretariat: viewer.isSecretariat,
    language: viewer.language,
    timeZone: viewer.timeZone,
  };
}

/** One string per audience, the same for every member of it. */
export function audienceKey(audience: Audience): string {
  return JSON.stringify([
    audience.roles.map((role) => `${role.group}:${role.role}`),
    audience.isSecretariat,
    audience.language,
    audience.timeZone,
  ]);
}

const signature = (payload: string, secret: string) =>
  createHmac("sha256", `hum-audience:${secret}`).update(payload).digest("base64url");

export function sealAudience(audience: Audience, secret: string): string {
  const payload = Buffer.from(audienceKey(audience)).toString("base64url");
  return `${payload}.${signature(payload, secret)}`;
}

/** The audience a sealed value names, or null when it was not sealed with `secret`. */
export function openAudience(sealed: string | null | undefined, secret: string): Audience | null {
  const [payload, given, ...rest] = (sealed ?? "").split(".");
  if (!payload || !given || rest.length > 0) return null;
  const expected = Buffer.from(signature(payload, secret));
  const received = Buffer.from(given);
  if (expected.length !== received.length || !timingSafeEqual(expected, received)) return null;
  try {
    const [roleNames, isSecretariat, language, timeZone] = JSON.parse(
      Buffer.from(payload, "base64url").toString("utf8"),
    ) as [string[], boolean, unknown, unknown];
    return {
      roles: roleNames.map((name) => {
        const [group, role] = name.split(":");
        return { group, role } as GroupRole;
      }),
      isSecretariat: isSecretariat === true,
      language: isLocale(language) ? language : null,
      timeZone: isTimeZone(timeZone) ? timeZone : null,
    };
  } catch {
    return null;
  }
}

/** Who a member's page is drawn for: the audience's roles, and nobody's name or rows. */
export function standInViewer(audience: Audience): Viewer {
  return {
    id: STAND_IN_ID,
    name: "",
    hasName: true,
    isSecretariat: audience.isSecretariat,
    roles: audience.roles,
    language: audience.language,
    timeZone: audience.timeZone,
    standIn: true,
  };
}
