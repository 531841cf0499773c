import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/mutations";
import { users } from "@/lib/auth/schema";
import type { Participant } from "@/lib/community/authz";
import type { Database, Executor } from "@/lib/db/client";
import { getEmailSender } from "@/lib/email";
import type { EmailSender } from "@/lib/email/sender";
import { publicUrl } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { chooseLocale, defaultLocale, type Locale } from "@/lib/locale";
import { representativeInvitationPath } from "@/lib/paths";
import { isRepresentative, type Representative } from "@/lib/registry/authz";
import { invitationEmail } from "@/lib/registry/invitations-email";
import { enforceRegistryLimit } from "@/lib/registry/organisations";
import { emailAddress, fieldProblems, INVITATION_DAYS } from "@/lib/registry/organisations-rules";
import { organisationInvitations, organisations, representatives } from "@/lib/registry/schema";

/*
 * Invitations to represent an organisation. The token travels only in the email; the database
 * keeps its SHA-256, so a copy of the database cannot be used to join an organisation.
 */

const DAY = 24 * 60 * 60 * 1000;

/** Each invitation sends an email to an address a representative typed: bounded per person. */
const INVITATION_LIMIT = { points: 20, windowSeconds: 60 * 60 };

/**
 * How invitations leave: the sender, the public origin their links are built on, and the
 * language of the person inviting, used when the address belongs to nobody who chose one.
 */
export type InvitationMail = { sender: EmailSender; origin: string; locale?: Locale };

/** The app's sender and origin, for an invitation sent from a page read in `locale`. */
export function invitationMail(locale: Locale = defaultLocale): InvitationMail {
  return { sender: getEmailSender(), origin: publicUrl(), locale };
}

/** The language of an invitation: its recipient's saved choice if the address is a member's. */
async function invitationLocale(db: Executor, address: string, fallback: Locale) {
  const [member] = await db
    .select({ language: users.language })
    .from(users)
    .where(eq(users.email, address));
  return chooseLocale({ profile: member?.language, cookie: fallback });
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * Invites `email` to represent the representative's organisation, for 14 days. The audit entry
 * says that someone was invited, never who: the log is public.
 */
export async function inviteRepresentative(
  db: Database,
  representative: Representative,
  email: string,
  now = new Date(),
  mail: InvitationMail = invitationMail(),
): Promise<{ expiresAt: Date }> {
  const parsed = z.object({ email: emailAddress }).safeParse({ email });
  if (!parsed.success) throw new DomainError("invalid_input", fieldProblems(parsed.error));
  const address = parsed.data.email;
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY);
  const organisation = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ slug: organisations.slug, name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, representative.organisationId));
    if (!row) throw new DomainError("not_found");
    await enforceRegistryLimit(tx, "invitation", INVITATION_LIMIT, representative.id, now);
    await tx.insert(organisationInvitations).values({
      organisationId: representative.organisationId,
      email: address,
      tokenHash: hashInvitationToken(token),
      invitedBy: representative.id,
      createdAt: now,
      expiresAt,
    });
    await recordAudit(tx, {
      at: now,
      actorId: representative.id,
      action: "registry.representative_invited",
      subjectType: "organisation",
      subjectId: row.slug,
      details: { name: row.name },
    });
    return row;
  });
  // Sent once the invitation is stored, so the link never names a token that was rolled back.
  const locale = await invitationLocale(db, address, mail.locale ?? defaultLocale);
  await mail.sender.send(
    invitationEmail(address, locale, {
      inviter: representative.name,
      organisation: organisation.name,
      url: `${mail.origin}${representativeInvitationPath(token)}`,
      days: INVITATION_DAYS,
    }),
  );
  return { expiresAt };
}

export type InvitationStatus = "open" | "expired" | "used";

export type InvitationView = {
  status: InvitationStatus;
  expiresAt: Date;
  organisation: { slug: string; name: string };
};

function statusOf(row: { acceptedAt: Date | null; expiresAt: Date }, now: Date): InvitationStatus {
  if (row.acceptedAt) return "used";
  return row.expiresAt.getTime() <= now.getTime() ? "expired" : "open";
}

/** What the link of an invitation leads to: which organisation, and whether it still works. */
export async function getInvitation(
  db: Executor,
  token: string,
  now = new Date(),
): Promise<InvitationView | null> {
  const [row] = await db
    .select({
      acceptedAt: organisationInvitations.acceptedAt,
      expiresAt: organisationInvitations.expiresAt,
      slug: organisations.slug,
      name: organisations.name,
    })
    .from(organisationInvitations)
    .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
    .where(eq(organisationInvitations.tokenHash, hashInvitationToken(token)));
  if (!row) return null;
  return {
    status: statusOf(row, now),
    expiresAt: row.expiresAt,
    organisation: { slug: row.slug, name: row.name },
  };
}

/**
 * Accepts an invitation: whoever follows the link, signed in, becomes a representative (the
 * address it was sent to is only where the link went). It works once, until it expires.
 */
export async function acceptInvitation(
  db: Database,
  participant: Participant,
  token: string,
  now = new Date(),
): Promise<{ slug: string; name: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        invitation: organisationInvitations,
        slug: organisations.slug,
        name: organisations.name,
      })
      .from(organisationInvitations)
      .innerJoin(organisations, eq(organisations.id, organisationInvitations.organisationId))
      .where(eq(organisationInvitations.tokenHash, hashInvitationToken(token)))
      .for("update", { of: organisationInvitations });
    if (!row) throw new DomainError("not_found");
    const { invitation } = row;
    const status = statusOf(invitation, now);
    if (status === "used") throw new DomainError("invalid_input", { token: "invitation_used" });
    if (status === "expired") {
      throw new DomainError("invalid_input", { token: "invitation_expired" });
    }
    if (await isRepresentative(tx, invitation.organisationId, participant.id, now)) {
      throw new DomainError("invalid_input", { token: "already_representative" });
    }
    await tx.insert(representatives).values({
      organisationId: invitation.organisationId,
      userId: participant.id,
      addedBy: invitation.invitedBy,
      startsAt: now,
    });
    await tx
      .update(organisationInvitations)
      .set({ acceptedAt: now, acceptedBy: participant.id })
      .where(eq(organisationInvitations.id, invitation.id));
    await recordAudit(tx, {
      at: now,
      actorId: participant.id,
      action: "registry.representative_added",
      subjectType: "organisation",
      subjectId: row.slug,
      details: { name: row.name },
    });
    return { slug: row.slug, name: row.name };
  });
}
