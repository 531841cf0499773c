import { and, eq, gt, isNull, or } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import { users } from "@/lib/auth/schema";
import { requireSecretariat } from "@/lib/community/authz";
import type { Viewer } from "@/lib/community/queries";
import {
  type AppointmentInput,
  endOfDay,
  type ProfileInput,
  startOfDay,
  termDatesProblem,
} from "@/lib/community/rules";
import { memberships } from "@/lib/community/schema";
import type { Database } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new DomainError("unauthenticated");
  return viewer;
}

/** A person edits their own profile; the COI declaration is public and its changes are logged. */
export async function updateProfile(
  db: Database,
  viewer: Viewer | null,
  input: ProfileInput,
): Promise<void> {
  const me = requireViewer(viewer);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, me.id)).for("update");
    if (!before) throw new DomainError("not_found");
    await tx.update(users).set(input).where(eq(users.id, me.id));
    await recordAudit(tx, {
      actorId: me.id,
      action: "community.profile_updated",
      subjectType: "user",
      subjectId: me.id,
      details: {
        name: input.name,
        affiliation: input.affiliation,
        conflictOfInterestChanged: before.conflictOfInterest !== input.conflictOfInterest,
      },
    });
  });
}

export async function appointMember(
  db: Database,
  viewer: Viewer | null,
  input: AppointmentInput,
): Promise<{ membershipId: string }> {
  const secretary = await requireSecretariat(db, viewer, "community.appoint_member");
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
  viewer: Viewer | null,
  membershipId: string,
  now = new Date(),
): Promise<void> {
  const secretary = await requireSecretariat(db, viewer, "community.end_membership");
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
  viewer: Viewer | null,
  input: { email: string; isSecretariat: boolean },
): Promise<void> {
  const secretary = await requireSecretariat(db, viewer, "community.set_secretariat");
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
