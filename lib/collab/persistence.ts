import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import * as Y from "yjs";
import { readFields } from "@/lib/collab/document";
import { clauseUpdates } from "@/lib/collab/schema";
import type { Database } from "@/lib/db/client";
import type { ClauseFields } from "@/lib/drafting/rich-text";
import { clauseEdits, clauseTexts } from "@/lib/drafting/schema";
import {
  loadClauseText,
  type StoredClauseText,
  storeClauseText,
} from "@/lib/drafting/working-text";

/**
 * The clause as a document is loaded from: its stored state and the logged updates not yet
 * folded into it. The log is read first: a store that folds rows in between leaves them in the
 * state read after, so nothing falls between the two reads (applying one twice is harmless).
 */
export async function loadClauseDocument(
  db: Database,
  clauseId: string,
): Promise<(StoredClauseText & { updates: Uint8Array[] }) | null> {
  const rows = await db
    .select({ update: clauseUpdates.update })
    .from(clauseUpdates)
    .where(eq(clauseUpdates.clauseId, clauseId))
    .orderBy(asc(clauseUpdates.seq));
  const clause = await loadClauseText(db, clauseId);
  return clause && { ...clause, updates: rows.map((row) => row.update) };
}

/** Appends accepted updates to the log, in one statement. */
export async function appendClauseUpdates(
  db: Database,
  updates: { clauseId: string; update: Uint8Array }[],
): Promise<void> {
  if (updates.length > 0) await db.insert(clauseUpdates).values(updates);
}

/**
 * Stores the first state of a clause seeded from its JSON, unless another server stored one
 * first (two seeds of the same text would merge into the text twice); says whether it did.
 * Updates logged against an earlier state (one since cleared, as the demo seed does) cannot
 * apply to the new one, so they go.
 */
export async function storeSeededState(
  db: Database,
  seed: { clauseId: string; yjsState: Uint8Array; fields: ClauseFields },
  now = new Date(),
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await storeClauseText(tx, seed, now, { unseeded: true }))) return false;
    await tx.delete(clauseUpdates).where(eq(clauseUpdates.clauseId, seed.clauseId));
    return true;
  });
}

/**
 * Folds the logged updates and a server's in-memory state into the stored state: the Yjs
 * state, the JSON and plain text derived from it, and who edited, in one transaction, so the
 * three never disagree and no update is lost. The stored row is locked first, so two servers
 * storing the same clause take turns, and each merges what the other stored rather than
 * overwriting it with a document that may not have caught up yet. Returns the merged state.
 */
export async function compactClauseText(
  db: Database,
  change: { clauseId: string; yjsState?: Uint8Array; editorIds: string[] },
  now = new Date(),
): Promise<Uint8Array> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ yjsState: clauseTexts.yjsState })
      .from(clauseTexts)
      .where(eq(clauseTexts.clauseId, change.clauseId))
      .for("update");
    if (!row) throw new Error(`no text for clause ${change.clauseId}`);
    // Exactly the rows this transaction sees are folded in and deleted; rows appended
    // meanwhile stay for the next store.
    const logged = await tx
      .delete(clauseUpdates)
      .where(eq(clauseUpdates.clauseId, change.clauseId))
      .returning({ update: clauseUpdates.update });
    const merged = new Y.Doc();
    try {
      if (row.yjsState) Y.applyUpdate(merged, row.yjsState);
      for (const { update } of logged) Y.applyUpdate(merged, update);
      if (change.yjsState) Y.applyUpdate(merged, change.yjsState);
      const yjsState = Y.encodeStateAsUpdate(merged);
      await storeClauseText(
        tx,
        { clauseId: change.clauseId, yjsState, fields: readFields(merged) },
        now,
      );
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
      return yjsState;
    } finally {
      merged.destroy();
    }
  });
}

/** The clauses whose log holds updates not yet folded into their stored state. */
export async function clausesWithLoggedUpdates(db: Database): Promise<string[]> {
  const rows = await db.selectDistinct({ clauseId: clauseUpdates.clauseId }).from(clauseUpdates);
  return rows.map((row) => row.clauseId);
}
