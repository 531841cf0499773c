import "server-only";
import { and, eq, gt, ne, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import { users } from "@/lib/auth/schema";
import { requireGroupMember } from "@/lib/community/authz";
import type { Viewer } from "@/lib/community/viewer";
import type { Database, Executor } from "@/lib/db/client";
import { hasConflict } from "@/lib/decisions/organisations";
import { DomainError, isFieldErrorCode } from "@/lib/errors";
import { declarationSubjectId } from "@/lib/paths";
import { isRepresentative } from "@/lib/registry/authz";
import { declarations, organisations } from "@/lib/registry/schema";
import { plainText } from "@/lib/validation";

/*
 * The relisting ban: a product struck off after a challenge stays off the registry for the
 * charter's number of days, so an organisation cannot answer a finding by listing the same
 * product again under a fresh number. The advisory group may give leave earlier (a product
 * rebuilt after the finding, say); the ban itself is set by the challenge process.
 */

/** The field the declaration forms show a product's name in, where the refusal is shown. */
export const productNameField = "product.name";

/** "Hum  Plug" and "humplug" are the same product: case and spaces are not a new name. */
const squeezed = (name: string) => name.toLowerCase().replace(/\s+/g, "");

/**
 * Refuses a product name that another declaration of the organisation, struck off, is still
 * barred from using. `except` is the declaration being started or published itself.
 */
export async function refuseBarredProduct(
  tx: Executor,
  input: { organisationId: string; productName: string; except?: string },
  now: Date,
): Promise<void> {
  const [barred] = await tx
    .select({ number: declarations.number })
    .from(declarations)
    .where(
      and(
        eq(declarations.organisationId, input.organisationId),
        eq(declarations.state, "struck_off"),
        gt(declarations.relistingBarredUntil, now),
        sql`lower(regexp_replace(${declarations.productName}, '\\s+', '', 'g')) = ${squeezed(input.productName)}`,
        input.except ? ne(declarations.id, input.except) : undefined,
      ),
    )
    .limit(1);
  if (barred) throw new DomainError("invalid_input", { [productNameField]: "relisting_barred" });
}

const leaveReason = plainText(2000, { required: true });

/**
 * The advisory group's leave to list a struck-off product again before its ban ends: the ban
 * ends now, and the reason is on the public record beside the decision that imposed it.
 */
export async function grantRelistingLeave(
  db: Database,
  viewer: Viewer | null,
  declarationNumber: number,
  reason: string,
  now = new Date(),
): Promise<void> {
  const member = await requireGroupMember(
    db,
    viewer,
    "advisory_group",
    "registry.grant_relisting_leave",
  );
  const parsed = leaveReason.safeParse(reason);
  if (!parsed.success) {
    const code = parsed.error.issues[0]?.message ?? "invalid";
    throw new DomainError("invalid_input", { reason: isFieldErrorCode(code) ? code : "invalid" });
  }
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: declarations.id,
        state: declarations.state,
        barredUntil: declarations.relistingBarredUntil,
        organisationId: declarations.organisationId,
        organisation: organisations.name,
      })
      .from(declarations)
      .innerJoin(organisations, eq(organisations.id, declarations.organisationId))
      .where(eq(declarations.number, declarationNumber))
      .for("update");
    if (!row) throw new DomainError("not_found");
    if (row.state !== "struck_off" || !row.barredUntil || row.barredUntil <= now) {
      throw new DomainError("conflict");
    }
    // The organisation's own people, and members whose declarations name it, take no part.
    const [person] = await tx.select().from(users).where(eq(users.id, member.id));
    if (
      (await isRepresentative(tx, row.organisationId, member.id, now)) ||
      (person && hasConflict(person, [row.organisation]))
    ) {
      throw new DomainError("must_recuse");
    }
    await tx
      .update(declarations)
      .set({ relistingBarredUntil: now, updatedAt: now })
      .where(eq(declarations.id, row.id));
    await recordAudit(tx, {
      at: now,
      actorId: member.id,
      action: "registry.relisting_leave_granted",
      subjectType: "declaration",
      subjectId: declarationSubjectId(declarationNumber),
      details: { reason: parsed.data },
    });
  });
}

/** Until when the declaration's product is barred from the registry, if it still is. */
export async function relistingBarOf(
  db: Executor,
  declarationNumber: number,
  now: Date,
): Promise<Date | null> {
  const [row] = await db
    .select({ state: declarations.state, until: declarations.relistingBarredUntil })
    .from(declarations)
    .where(eq(declarations.number, declarationNumber));
  if (row?.state !== "struck_off" || !row.until || row.until <= now) return null;
  return row.until;
}
