import "server-only";
import * as Y from "yjs";
import { readFields, readSectionBody, seedFields, seedSectionBody } from "@/lib/collab/document";
import type { DocumentTarget } from "@/lib/collab/document-name";
import {
  appendClauseUpdates,
  clausesWithLoggedUpdates,
  compactClauseText,
  loadClauseDocument,
  storeSeededState,
} from "@/lib/collab/persistence";
import {
  appendSectionUpdates,
  compactSectionText,
  loadSectionDocument,
  sectionsWithLoggedUpdates,
  storeSeededSectionState,
} from "@/lib/collab/section-persistence";
import type { Database } from "@/lib/db/client";

/**
 * The storage of each kind of document behind one shape, so the collab server stores a
 * section's document exactly as it stores a clause's.
 */

export type LoadedDocument = { yjsState: Uint8Array | null; updates: Uint8Array[] };

export function loadDocument(db: Database, target: DocumentTarget): Promise<LoadedDocument | null> {
  return target.kind === "clause"
    ? loadClauseDocument(db, target.id)
    : loadSectionDocument(db, target.id);
}

/**
 * Seeds a document that has no Yjs state from its stored JSON and stores that state, unless
 * another server stored one first; returns the document as loaded afterwards.
 */
export async function seedDocument(
  db: Database,
  target: DocumentTarget,
): Promise<LoadedDocument | null> {
  const seeded = new Y.Doc();
  try {
    if (target.kind === "clause") {
      const clause = await loadClauseDocument(db, target.id);
      if (!clause) return null;
      seedFields(seeded, clause.fields);
      const yjsState = Y.encodeStateAsUpdate(seeded);
      const seed = { clauseId: target.id, yjsState, fields: readFields(seeded) };
      if (await storeSeededState(db, seed)) return { yjsState, updates: [] };
    } else {
      const section = await loadSectionDocument(db, target.id);
      if (!section) return null;
      seedSectionBody(seeded, section.body);
      const yjsState = Y.encodeStateAsUpdate(seeded);
      const seed = { sectionId: target.id, yjsState, body: readSectionBody(seeded) };
      if (await storeSeededSectionState(db, seed)) return { yjsState, updates: [] };
    }
  } finally {
    seeded.destroy();
  }
  return loadDocument(db, target); // another server seeded it
}

/** Appends accepted updates to their logs: one statement per kind of document. */
export async function appendUpdates(
  db: Database,
  updates: { target: DocumentTarget; update: Uint8Array }[],
): Promise<void> {
  const clauses = updates.filter(({ target }) => target.kind === "clause");
  const sections = updates.filter(({ target }) => target.kind === "section");
  await appendClauseUpdates(
    db,
    clauses.map(({ target, update }) => ({ clauseId: target.id, update })),
  );
  await appendSectionUpdates(
    db,
    sections.map(({ target, update }) => ({ sectionId: target.id, update })),
  );
}

export function compactDocument(
  db: Database,
  target: DocumentTarget,
  change: { yjsState?: Uint8Array; editorIds: string[] },
): Promise<Uint8Array> {
  return target.kind === "clause"
    ? compactClauseText(db, { clauseId: target.id, ...change })
    : compactSectionText(db, { sectionId: target.id, ...change });
}

/** The documents whose log holds updates not yet folded into their stored state. */
export async function documentsWithLoggedUpdates(db: Database): Promise<DocumentTarget[]> {
  const [clauses, sections] = await Promise.all([
    clausesWithLoggedUpdates(db),
    sectionsWithLoggedUpdates(db),
  ]);
  return [
    ...clauses.map((id) => ({ kind: "clause" as const, id })),
    ...sections.map((id) => ({ kind: "section" as const, id })),
  ];
}
