import "server-only";
import { and, eq, gt, isNull, ne, or, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import { users } from "@/lib/auth/schema";
import type { Participant, Secretariat } from "@/lib/community/authz";
import { recordDeclaration } from "@/lib/community/declarations";
import {
  type AppointmentInput,
  endOfDay,
  nameKey,
  type ProfileInput,
  startOfDay,
  termDatesProblem,
} from "@/lib/community/rules";
import { memberships } from "@/lib/community/schema";
import type { Database, Transaction } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { isLocale, type Locale } from "@/lib/locale";

/**
 * Refuses a display name another person already uses (as `nameKey` compares them). The lock
 * makes two people choosing the same new name at once queue, so the second gets a field error
 * rather than the unique index's failure.
 */
async function claimNameKey(tx: Transaction, userId: string, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`user-name:${key}`}, 0))`);
  const [holder] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.nameKey, key), ne(users.id, userId)));
  if (holder) throw new DomainError("invalid_input", { name: "name_taken" });
}

/**
 * A person edits their own profile. The COI declaration is public: a changed declaration (or
 * affiliation, which counts towards conflicts too) becomes a new version, and the record names it.
 */
export async function updateProfile(
  db: Database,
  me: Participant,
  input: ProfileInput,
  now = new Date(),
): Promise<void> {
  const key = nameKey(input.name);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, me.id)).for("update");
    if (!before) throw new DomainError("not_found");
    await claimNameKey(tx, me.id, key);
    await tx
      .update(users)
      .set({ ...input, nameKey: key })
      .where(eq(users.id, me.id));
    const declarationChanged =
      before.conflictOfInterest !== input.conflictOfInterest ||
      before.affiliation !== input.affiliation;
    const version = declarationChanged
      ? await recordDeclaration(
          tx,
          me.id,
          { text: input.conflictOfInterest, affiliation: input.affiliation },
          now,
        )
      : null;
    await recordAudit(tx, {
      at: now,
      actorId: me.id,
      action: "community.profile_updated",
      subjectType: "user",
      subjectId: me.id,
      details: {
        name: input.name,
        affiliation: input.affiliation,
        ...(version ? { declaration: version.id } : {}),
      },
    });
  });
}

/**
 * A person's interface and email language, as the language switcher saves it for someone signed
 * in. Private, like the email address: no audit entry records it.
 */
export async function saveLanguage(db: Database, me: Participant, language: Locale): Promise<void> {
  if (!isLocale(language)) throw new DomainError("invalid_input", { language: "invalid" });
  await db.update(users).set({ language }).where(eq(users.id, me.id));
}

export async function appointMember(
  db: Database,
  secretary: Secretariat,
  input: AppointmentInput,
): Promise<{ membershipId: string }> {
  const problem = termDatesProblem(input.startsOn, input.endsOn);
  if (problem) throw new DomainError("invalid_input", { [problem.field]: problem.code });
  const startsAt = startOfDay(input.startsOn);
  const endsAt = input.endsOn ? endOfDay(input.endsOn) : null;
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, input.email));
    if (!person) throw new DomainError("invalid_input", { email: "unknown_user" });
    // One term at a time per group: a new term may start only after the current one ends.
    const [overlapping] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.userId, person.id),
          eq(memberships.group, input.group),
          or(isNull(memberships.endsAt), gt(memberships.endsAt, startsAt)),
        ),
      );
    if (overlapping) throw new DomainError("conflict", { email: "already_member" });
    const [created] = await tx
      .insert(memberships)
      .values({
        userId: person.id,
        group: input.group,
        role: input.role,
        startsAt,
        endsAt,
        appointedBy: secretary.id,
      })
      .returning({ id: memberships.id });
    if (!created) throw new DomainError("internal");
    await recordAudit(tx, {
      actorId: secretary.id,
      action: "community.member_appointed",
      subjectType: "user",
      subjectId: person.id,
      details: {
        membership: created.id,
        group: input.group,
        role: input.role,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
      },
    });
    return { membershipId: created.id };
  });
}

/** Ends a term now. The row stays: past members remain on the public record. */
export async function endMembership(
  db: Database,
  secretary: Secretariat,
  membershipId: string,
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const [membership] = await tx
      .select()
      .from(memberships)
      .where(eq(memberships.id, membershipId))
      .for("update");
    if (!membership) throw new DomainError("not_found");
    if (membership.endsAt !== null && membership.endsAt <= now) {
      throw new DomainError("conflict");
    }
    // A term that has not begun yet ends before it starts: keep endsAt >= startsAt.
    const endsAt = membership.startsAt > now ? membership.startsAt : now;
    await tx
      .update(memberships)
      .set({ endsAt, endedBy: secretary.id })
      .where(eq(memberships.id, membershipId));
    await recordAudit(tx, {
      actorId: secretary.id,
      action: "community.membership_ended",
      subjectType: "user",
      subjectId: membership.userId,
      details: { membership: membership.id, group: membership.group, role: membership.role },
    });
  });
}

export async function setSecretariat(
  db: Database,
  secretary: Secretariat,
  input: { email: string; isSecretariat: boolean },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [person] = await tx
      .select({ id: users.id, isSecretariat: users.isSecretariat })
      .from(users)
      .where(eq(users.email, input.email))
      .for("update");
    if (!person) throw new DomainError("invalid_input", { email: "unknown_user" });
    if (person.id === secretary.id && !input.isSecretariat) {
      // Keeps the last operator from locking everyone out by accident.
      throw new DomainError("invalid_input", { email: "cannot_remove_self" });
    }
    if (person.isSecretariat === input.isSecretariat) return;
    await tx
      .update(users)
      .set({ isSecretariat: input.isSecretariat })
      .where(eq(users.id, person.id));
    await recordAudit(tx, {
      actorId: secretary.id,
      action: input.isSecretariat
        ? "community.secretariat_granted"
        : "community.secretariat_revoked",
      subjectType: "user",
      subjectId: person.id,
    });
  });
}
