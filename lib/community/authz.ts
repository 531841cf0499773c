import "server-only";
import { recordAudit } from "@/lib/audit/mutations";
import { logAnonymousRefusal } from "@/lib/community/refusal-log";
import { type Group, holdsRole, type Role } from "@/lib/community/rules";
import type { Viewer } from "@/lib/community/viewer";
import type { Executor } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

/*
 * Proofs of authorization. Each is a viewer with a brand that only one `require…` function below
 * can attach, after checking the terms in force. A mutation takes the proof it needs, so one that
 * forgot to check does not compile. The brands exist only for the compiler.
 */
declare const signedIn: unique symbol;
declare const memberOf: unique symbol;
declare const secretariat: unique symbol;

/** Someone signed in: anyone who shows up may take part. */
export type Participant = Viewer & { readonly [signedIn]: true };
/** A member of `G` (or its chair, when the check asked for one) whose term is in force. */
export type GroupMember<G extends Group> = Participant & { readonly [memberOf]: G };
/** A member of the secretariat, which manages memberships, settings and releases. */
export type Secretariat = Participant & { readonly [secretariat]: true };

/**
 * The only way to a `Participant`. Refusing an anonymous person writes nothing to the public
 * record (see `recordRefusal`).
 */
export function requireParticipant(viewer: Viewer | null, attempted?: string): Participant {
  // A page's stand-in for an audience (audience.ts) is nobody: it may read, never act.
  if (!viewer || viewer.standIn) {
    if (attempted) logAnonymousRefusal(attempted, "not_signed_in");
    throw new DomainError("unauthenticated");
  }
  return viewer as Participant;
}

/**
 * The secretariat manages memberships and settings. A refusal is recorded (who tried what), then
 * thrown, so every caller refuses the same way whatever the page showed.
 */
export async function requireSecretariat(
  db: Executor,
  viewer: Viewer | null,
  attempted: string,
): Promise<Secretariat> {
  const participant = requireParticipant(viewer, attempted);
  if (!participant.isSecretariat) {
    await recordRefusal(db, participant.id, attempted, "not_secretariat");
    throw new DomainError("forbidden");
  }
  return participant as Secretariat;
}

/** A member (or, with `role: "chair"`, the chair) of `group` whose term is in force now. */
export async function requireGroupMember<G extends Group>(
  db: Executor,
  viewer: Viewer | null,
  group: G,
  attempted: string,
  role: Role = "member",
): Promise<GroupMember<G>> {
  const participant = requireParticipant(viewer, attempted);
  if (!holdsRole(participant.roles, group, role)) {
    const reason = role === "member" ? `not_${group}` : `not_${group}_${role}`;
    await recordRefusal(db, participant.id, attempted, reason);
    throw new DomainError("forbidden");
  }
  return participant as GroupMember<G>;
}

/**
 * A signed-in person's refusal goes in the public log. An anonymous one only goes to the server
 * log: the permanent record must not grow with every anonymous page view.
 */
export async function recordRefusal(
  db: Executor,
  actorId: string | null,
  attempted: string,
  reason: string,
): Promise<void> {
  if (!actorId) {
    logAnonymousRefusal(attempted, reason);
    return;
  }
  await recordAudit(db, {
    actorId,
    action: "access.refused",
    subjectType: "action",
    subjectId: attempted,
    details: { reason },
  });
}
