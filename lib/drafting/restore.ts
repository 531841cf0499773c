import "server-only";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Participant } from "@/lib/community/authz";
import type { Database } from "@/lib/db/client";
import { takeRevision } from "@/lib/drafting/mutations";
import type { ClauseFields } from "@/lib/drafting/rich-text";
import { formatRef } from "@/lib/drafting/rules";
import { clauseRevisions, clauses, clauseTexts } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";

/** Puts a clause's working text where the live documents are (the collab server). */
export type ReplaceWorkingText = (
  clauseId: string,
  fields: ClauseFields,
  userId: string,
) => Promise<void>;

/**
 * Brings back the text of an earlier revision as a new revision: history is never rewritten.
 * The live document changes first, for everyone editing it; then the revision is recorded.
 */
export async function restoreRevision(
  db: Database,
  author: Participant,
  clauseId: string,
  number: number,
  replaceWorkingText: ReplaceWorkingText,
): Promise<number> {
  const [clause] = await db.select().from(clauses).where(eq(clauses.id, clauseId));
  if (!clause) throw new DomainError("not_found");
  if (clause.retiredAt) throw new DomainError("conflict");
  const [old] = await db
    .select()
    .from(clauseRevisions)
    .where(and(eq(clauseRevisions.clauseId, clauseId), eq(clauseRevisions.number, number)));
  if (!old) throw new DomainError("not_found");
  const fields = { body: old.body, assessment: old.assessment, examples: old.examples };
  await replaceWorkingText(clauseId, fields, author.id);
  return db.transaction(async (tx) => {
    // Mappings are not in the live document: they come back here, with the revision.
    await tx
      .update(clauseTexts)
      .set({ mappings: old.mappings })
      .where(eq(clauseTexts.clauseId, clauseId));
    const restored = await takeRevision(tx, clauseId, {
      kind: "restored",
      note: `Restored revision ${number}`,
      actorId: author.id,
      fields,
      mappings: old.mappings,
    });
    await recordAudit(tx, {
      actorId: author.id,
      action: "drafting.revision_restored",
      subjectType: "clause",
      subjectId: formatRef(clause.refCode, clause.refNumber),
      details: { restored: number, revision: restored },
    });
    return restored;
  });
}
