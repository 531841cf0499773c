import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { GroupMember } from "@/lib/community/authz";
import type { Database } from "@/lib/db/client";
import { calls, positionReasons } from "@/lib/decisions/schema";
import { standards } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import { callSubjectId } from "@/lib/paths";

/**
 * Advisory-group members hide a position's reason for abuse, as they hide a comment: with a
 * public reason, on the record. The words stay for their author and the advisory group.
 */
export async function hidePositionReason(
  db: Database,
  moderator: GroupMember<"advisory_group">,
  reasonId: string,
  reason: string,
  now = new Date(),
): Promise<void> {
  if (!reason.trim()) throw new DomainError("invalid_input", { reason: "required" });
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ hiddenAt: positionReasons.hiddenAt, slug: standards.slug, number: calls.number })
      .from(positionReasons)
      .innerJoin(calls, eq(calls.id, positionReasons.callId))
      .innerJoin(standards, eq(standards.id, calls.standardId))
      .where(eq(positionReasons.id, reasonId))
      .for("update", { of: positionReasons });
    if (!row) throw new DomainError("not_found");
    if (row.hiddenAt) throw new DomainError("conflict");
    await tx
      .update(positionReasons)
      .set({ hiddenAt: now, hiddenBy: moderator.id, hiddenReason: reason })
      .where(eq(positionReasons.id, reasonId));
    await recordAudit(tx, {
      at: now,
      actorId: moderator.id,
      action: "decisions.position_reason_hidden",
      subjectType: "position_reason",
      subjectId: reasonId,
      details: { call: callSubjectId(row.slug, row.number), reason },
    });
  });
}
