import "server-only";
import { and, eq, gt } from "drizzle-orm";
import { sessions, users } from "@/lib/auth/schema";
import { activeRoles, displayName, type GroupRole } from "@/lib/community/rules";
import { memberships } from "@/lib/community/schema";
import type { Executor } from "@/lib/db/client";
import { isLocale, isTimeZone, type Locale } from "@/lib/locale";

/**
 * Who is asking: the signed-in person with the roles they hold at this moment. A viewer proves
 * nothing by itself; mutations take one of the proofs in `authz.ts`, minted from it.
 */
export type Viewer = {
  id: string;
  name: string;
  hasName: boolean;
  isSecretariat: boolean;
  /** The roles whose terms are in force at the moment the viewer was loaded. */
  roles: GroupRole[];
  /** The interface language they chose on their profile, or null (the browser's then counts). */
  language: Locale | null;
  /** The IANA time zone they chose for dates, or null (UTC). */
  timeZone: string | null;
  /**
   * Set when the page is drawn for everyone of an audience (lib/community/audience.ts): the
   * reader's own parts are then filled in by their browser, from data the front sends along.
   */
  standIn?: boolean;
};

export async function loadViewer(
  db: Executor,
  userId: string,
  now = new Date(),
): Promise<Viewer | null> {
  // One query on every signed-in page: the person, once per term they hold (or once, with none).
  const rows = await db
    .select({ user: users, term: memberships })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(users.id, userId));
  return viewerOf(rows, now);
}

/**
 * The person a session token names while the session lasts, in one query: what the front asks
 * for every member's page it serves (lib/decisions/member-pages.ts).
 */
export async function loadSessionViewer(
  db: Executor,
  token: string,
  now = new Date(),
): Promise<Viewer | null> {
  const rows = await db
    .select({ user: users, term: memberships })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(sessions.sessionToken, token), gt(sessions.expires, now)));
  return viewerOf(rows, now);
}

function viewerOf(
  rows: { user: typeof users.$inferSelect; term: typeof memberships.$inferSelect | null }[],
  now: Date,
): Viewer | null {
  const user = rows[0]?.user;
  if (!user) return null;
  const terms = rows.flatMap(({ term }) => (term ? [term] : []));
  return {
    id: user.id,
    name: displayName(user),
    hasName: Boolean(user.name?.trim()),
    isSecretariat: user.isSecretariat,
    roles: activeRoles(terms, now),
    // A value no longer known (a language or zone withdrawn since) counts as no choice.
    language: isLocale(user.language) ? user.language : null,
    timeZone: isTimeZone(user.timeZone) ? user.timeZone : null,
  };
}
