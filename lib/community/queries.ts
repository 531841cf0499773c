import "server-only";
import { asc, desc, eq, inArray } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import {
  activeRoles,
  displayName,
  type Group,
  type RoleBadge,
  roleBadges,
  type TermStatus,
  termStatus,
} from "@/lib/community/rules";
import { memberships } from "@/lib/community/schema";
import type { Executor } from "@/lib/db/client";

type Membership = typeof memberships.$inferSelect;

/**
 * The role badges of several people at `now`, for showing beside their names: one query
 * whatever their number. Someone without a role maps to an empty list.
 */
export async function badgesOf(
  db: Executor,
  userIds: string[],
  now = new Date(),
): Promise<Map<string, RoleBadge[]>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return new Map();
  // One query: each person once per term they hold (or once, with none).
  const rows = await db
    .select({ id: users.id, isSecretariat: users.isSecretariat, term: memberships })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .where(inArray(users.id, ids));
  const people = new Map<string, { isSecretariat: boolean; terms: Membership[] }>();
  for (const { id, isSecretariat, term } of rows) {
    const person = people.get(id) ?? { isSecretariat, terms: [] };
    if (term) person.terms.push(term);
    people.set(id, person);
  }
  return new Map(
    [...people].map(([id, person]) => [
      id,
      roleBadges(person.isSecretariat, activeRoles(person.terms, now)),
    ]),
  );
}

export async function getProfile(db: Executor, userId: string) {
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      affiliation: users.affiliation,
      conflictOfInterest: users.conflictOfInterest,
    })
    .from(users)
    .where(eq(users.id, userId));
  return user ?? null;
}

export type MemberRow = {
  membershipId: string;
  userId: string;
  name: string;
  affiliation: string;
  conflictOfInterest: string;
  group: Group;
  role: "member" | "chair";
  startsAt: Date;
  endsAt: Date | null;
  status: TermStatus;
};

/** Every term in a group (or all groups), chairs first, then by start of term. */
export async function listMemberships(
  db: Executor,
  options: { group?: Group; userId?: string } = {},
  now = new Date(),
): Promise<MemberRow[]> {
  const query = db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      userName: users.name,
      affiliation: users.affiliation,
      conflictOfInterest: users.conflictOfInterest,
      group: memberships.group,
      role: memberships.role,
      startsAt: memberships.startsAt,
      endsAt: memberships.endsAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .orderBy(asc(memberships.group), desc(memberships.role), asc(memberships.startsAt));
  const rows = await (options.group
    ? query.where(eq(memberships.group, options.group))
    : options.userId
      ? query.where(eq(memberships.userId, options.userId))
      : query);
  return rows.map(({ userName, ...row }) => ({
    ...row,
    name: displayName({ id: row.userId, name: userName }),
    status: termStatus(row, now),
  }));
}

export async function listSecretariat(db: Executor) {
  const rows = await db
    .select({ id: users.id, name: users.name, affiliation: users.affiliation })
    .from(users)
    .where(eq(users.isSecretariat, true))
    .orderBy(asc(users.name));
  return rows.map((row) => ({ ...row, name: displayName(row) }));
}
