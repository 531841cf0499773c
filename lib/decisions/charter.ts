import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Secretariat } from "@/lib/community/authz";
import type { Database, Transaction } from "@/lib/db/client";
import { type Charter, defaultCharter } from "@/lib/decisions/rules";
import { charters } from "@/lib/decisions/schema";
import { standards } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";

/** The numbers a standard's calls run on, as its secretariat last set them. */
export async function charterOf(tx: Transaction | Database, standardId: string): Promise<Charter> {
  const [row] = await tx.select().from(charters).where(eq(charters.standardId, standardId));
  return row
    ? {
        commentPeriodDays: row.commentPeriodDays,
        quorum: row.quorum,
        agDeadlineDays: row.agDeadlineDays,
        appealWindowDays: row.appealWindowDays,
      }
    : defaultCharter;
}

/** The secretariat sets a standard's numbers; calls already open keep the ones they began with. */
export async function setCharter(
  db: Database,
  actor: Secretariat,
  standardId: string,
  charter: Charter,
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const [standard] = await tx.select().from(standards).where(eq(standards.id, standardId));
    if (!standard) throw new DomainError("not_found");
    await tx
      .insert(charters)
      .values({ standardId, ...charter, updatedBy: actor.id, updatedAt: now })
      .onConflictDoUpdate({
        target: charters.standardId,
        set: { ...charter, updatedBy: actor.id, updatedAt: now },
      });
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      action: "decisions.charter_changed",
      subjectType: "charter",
      subjectId: standard.slug,
      details: { ...charter },
    });
  });
}
