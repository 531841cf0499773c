import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import { conflictDeclarations } from "@/lib/community/schema";
import type { Executor } from "@/lib/db/client";

export type DeclarationVersion = {
  id: string;
  userId: string;
  text: string;
  affiliation: string;
  declaredAt: Date;
};

const columns = {
  id: conflictDeclarations.id,
  userId: conflictDeclarations.userId,
  text: conflictDeclarations.text,
  affiliation: conflictDeclarations.affiliation,
  declaredAt: conflictDeclarations.declaredAt,
};

async function latestVersion(tx: Executor, userId: string): Promise<DeclarationVersion | null> {
  const [row] = await tx
    .select(columns)
    .from(conflictDeclarations)
    .where(eq(conflictDeclarations.userId, userId))
    .orderBy(desc(conflictDeclarations.declaredAt), desc(conflictDeclarations.id))
    .limit(1);
  return row ?? null;
}

/**
 * The version of a person's declaration in force now, as the `user` row says it reads. If that
 * wording has no version yet (someone who has never declared anything has none, and gets null;
 * a row written before versions were kept gets one now), it is recorded first, so whatever a vote
 * points at is what the conflict check read.
 */
export async function declarationInForce(
  tx: Executor,
  userId: string,
  now: Date,
): Promise<DeclarationVersion | null> {
  const [user] = await tx
    .select({ text: users.conflictOfInterest, affiliation: users.affiliation })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const latest = await latestVersion(tx, userId);
  if (latest && latest.text === user.text && latest.affiliation === user.affiliation) return latest;
  if (!latest && user.text === "" && user.affiliation === "") return null;
  return recordDeclaration(tx, userId, user, now);
}

/** Appends a version; versions are never changed (a trigger refuses UPDATE and DELETE). */
export async function recordDeclaration(
  tx: Executor,
  userId: string,
  declaration: { text: string; affiliation: string },
  now: Date,
): Promise<DeclarationVersion> {
  const [row] = await tx
    .insert(conflictDeclarations)
    .values({
      userId,
      text: declaration.text,
      affiliation: declaration.affiliation,
      declaredAt: now,
    })
    .returning(columns);
  if (!row) throw new Error("declaration insert returned nothing");
  return row;
}

/** Every version of these people's declarations, oldest first, for the public history. */
export async function listDeclarationHistory(
  db: Executor,
  userIds: string[],
): Promise<Map<string, DeclarationVersion[]>> {
  const byUser = new Map<string, DeclarationVersion[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select(columns)
    .from(conflictDeclarations)
    .where(inArray(conflictDeclarations.userId, [...new Set(userIds)]))
    .orderBy(asc(conflictDeclarations.declaredAt), asc(conflictDeclarations.id));
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
  return byUser;
}

/** Versions by id, for showing what a vote was cast under. */
export async function declarationsById(
  db: Executor,
  ids: string[],
): Promise<Map<string, DeclarationVersion>> {
  const wanted = ids.filter(Boolean);
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select(columns)
    .from(conflictDeclarations)
    .where(and(inArray(conflictDeclarations.id, [...new Set(wanted)])));
  return new Map(rows.map((row) => [row.id, row]));
}
