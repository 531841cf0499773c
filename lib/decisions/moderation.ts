import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import { recordRefusal } from "@/lib/community/authz";
import { holdsRole } from "@/lib/community/rules";
import type { Viewer } from "@/lib/community/viewer";
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
  viewer: Viewer | null,
  reasonId: string,
  reason: string,
  now = new Date(),
): Promise<void> {
  if (!viewer) throw new DomainError("unauthenticated");
  if (!holdsRole(viewer.roles, "advisory_group")) {
    await recordRefusal(db, viewer.id, "decisions.hide_position_reason", "not_advisory_group");
    throw new DomainError("forbidden");
  }
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
      .set({ hiddenAt: now, hiddenBy: viewer.id, hiddenReason: reason })
      .where(eq(positionReasons.id, reasonId));
    await recordAudit(tx, {
      at: now,
      actorId: viewer.id,
      action: "decisions.position_reason_hidden",
      subjectType: "position_reason",
      subjectId: reasonId,
      details: { call: callSubjectId(row.slug, row.number), reason },
    });
  });
}
