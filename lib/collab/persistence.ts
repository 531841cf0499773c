import { eq, sql } from "drizzle-orm";
import { type ClauseFields, clausePlainText } from "@/lib/collab/document";
import type { Database } from "@/lib/db/client";
import { isReadOnly } from "@/lib/drafting/rules";
import { clauseEdits, clauses, clauseTexts } from "@/lib/drafting/schema";

export type StoredClauseText = {
  clauseId: string;
  readOnly: boolean;
  yjsState: Uint8Array | null;
  fields: ClauseFields;
};

/** The working copy of a clause as the collab server needs it, or null for no such clause. */
export async function loadClauseText(
  db: Database,
  clauseId: string,
): Promise<StoredClauseText | null> {
  const [row] = await db
    .select({
      retiredAt: clauses.retiredAt,
      yjsState: clauseTexts.yjsState,
      body: clauseTexts.body,
      assessment: clauseTexts.assessment,
      examples: clauseTexts.examples,
    })
    .from(clauses)
    .innerJoin(clauseTexts, eq(clauseTexts.clauseId, clauses.id))
    .where(eq(clauses.id, clauseId));
  if (!row) return null;
  return {
    clauseId,
    readOnly: isReadOnly(row),
    yjsState: row.yjsState,
    fields: { body: row.body, assessment: row.assessment, examples: row.examples },
  };
}

/**
 * Stores the Yjs state with the JSON and plain text derived from it, and who edited, in one
 * transaction, so the three never disagree.
 */
export async function storeClauseText(
  db: Database,
  change: { clauseId: string; yjsState: Uint8Array; fields: ClauseFields; editorIds: string[] },
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(clauseTexts)
      .set({
        yjsState: change.yjsState,
        ...change.fields,
        plainText: clausePlainText(change.fields),
        updatedAt: now,
      })
      .where(eq(clauseTexts.clauseId, change.clauseId));
    if (change.editorIds.length > 0) {
      await tx
        .insert(clauseEdits)
        .values(
          change.editorIds.map((userId) => ({
            clauseId: change.clauseId,
            userId,
            lastEditAt: now,
          })),
        )
        .onConflictDoUpdate({
          target: [clauseEdits.clauseId, clauseEdits.userId],
          set: { lastEditAt: sql`excluded.last_edit_at` },
        });
    }
  });
}
