import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Database, Executor } from "@/lib/db/client";
import { canonicalFields } from "@/lib/drafting/canonical-text";
import { type ClauseFields, clausePlainText } from "@/lib/drafting/rich-text";
import { isReadOnly } from "@/lib/drafting/rules";
import { clauses, clauseTexts } from "@/lib/drafting/schema";

/**
 * A clause's working text, the one being drafted: the editors' shared document (`yjsState`,
 * null until an editor first opens the clause) and the JSON fields read from it.
 */
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
 * Stores a clause's working text: the shared document's state with the JSON fields (in stored
 * form, so what the editor adds for rendering never reaches them) and the searchable plain text
 * derived from it, in one statement, so the three never disagree. With `unseeded`, only a
 * clause that has no state yet is written. Says whether it was.
 */
export async function storeClauseText(
  db: Executor,
  text: { clauseId: string; yjsState: Uint8Array; fields: ClauseFields },
  now: Date,
  options: { unseeded?: boolean } = {},
): Promise<boolean> {
  const ofClause = eq(clauseTexts.clauseId, text.clauseId);
  const fields = canonicalFields(text.fields);
  const stored = await db
    .update(clauseTexts)
    .set({
      yjsState: text.yjsState,
      ...fields,
      plainText: clausePlainText(fields),
      updatedAt: now,
    })
    .where(options.unseeded ? and(ofClause, isNull(clauseTexts.yjsState)) : ofClause)
    .returning({ clauseId: clauseTexts.clauseId });
  return stored.length > 0;
}
