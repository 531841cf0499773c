import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import * as Y from "yjs";
import { readSectionBody } from "@/lib/collab/document";
import { sectionUpdates } from "@/lib/collab/schema";
import type { Database } from "@/lib/db/client";
import type { RichText } from "@/lib/drafting/rich-text";
import { sectionEdits, sectionTexts } from "@/lib/drafting/schema";
import {
  loadSectionText,
  type StoredSectionText,
  storeSectionText,
} from "@/lib/drafting/section-working-text";

// A section's document is stored exactly as a clause's is (lib/collab/persistence.ts): an
// update log written before each acknowledgement, folded into the stored state by the store.

/** The section as its document is loaded from: the stored state and the updates logged since. */
export async function loadSectionDocument(
  db: Database,
  sectionId: string,
): Promise<(StoredSectionText & { updates: Uint8Array[] }) | null> {
  const rows = await db
    .select({ update: sectionUpdates.update })
    .from(sectionUpdates)
    .where(eq(sectionUpdates.sectionId, sectionId))
    .orderBy(asc(sectionUpdates.seq));
  const section = await loadSectionText(db, sectionId);
  return section && { ...section, updates: rows.map((row) => row.update) };
}

export async function appendSectionUpdates(
  db: Database,
  updates: { sectionId: string; update: Uint8Array }[],
): Promise<void> {
  if (updates.length > 0) await db.insert(sectionUpdates).values(updates);
}

/** Stores a section's first state seeded from its JSON, unless another server did first. */
export async function storeSeededSectionState(
  db: Database,
  seed: { sectionId: string; yjsState: Uint8Array; body: RichText },
  now = new Date(),
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await storeSectionText(tx, seed, now, { unseeded: true }))) return false;
    await tx.delete(sectionUpdates).where(eq(sectionUpdates.sectionId, seed.sectionId));
    return true;
  });
}

/**
 * Folds the logged updates and a server's in-memory state into the stored state, with the body
 * JSON, plain text and who edited, in one transaction on the locked row. Returns the merged state.
 */
export async function compactSectionText(
  db: Database,
  change: { sectionId: string; yjsState?: Uint8Array; editorIds: string[] },
  now = new Date(),
): Promise<Uint8Array> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ yjsState: sectionTexts.yjsState })
      .from(sectionTexts)
      .where(eq(sectionTexts.sectionId, change.sectionId))
      .for("update");
    if (!row) throw new Error(`no text for section ${change.sectionId}`);
    const logged = await tx
      .delete(sectionUpdates)
      .where(eq(sectionUpdates.sectionId, change.sectionId))
      .returning({ update: sectionUpdates.update });
    const merged = new Y.Doc();
    try {
      if (row.yjsState) Y.applyUpdate(merged, row.yjsState);
      for (const { update } of logged) Y.applyUpdate(merged, update);
      if (change.yjsState) Y.applyUpdate(merged, change.yjsState);
      const yjsState = Y.encodeStateAsUpdate(merged);
      await storeSectionText(
        tx,
        { sectionId: change.sectionId, yjsState, body: readSectionBody(merged) },
        now,
      );
      if (change.editorIds.length > 0) {
        await tx
          .insert(sectionEdits)
          .values(
            change.editorIds.map((userId) => ({
              sectionId: change.sectionId,
              userId,
              lastEditAt: now,
            })),
          )
          .onConflictDoUpdate({
            target: [sectionEdits.sectionId, sectionEdits.userId],
            set: { lastEditAt: sql`excluded.last_edit_at` },
          });
      }
      return yjsState;
    } finally {
      merged.destroy();
    }
  });
}

export async function sectionsWithLoggedUpdates(db: Database): Promise<string[]> {
  const rows = await db
    .selectDistinct({ sectionId: sectionUpdates.sectionId })
    .from(sectionUpdates);
  return rows.map((row) => row.sectionId);
}
