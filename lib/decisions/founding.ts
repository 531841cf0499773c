import "server-only";
import type { Transaction } from "@/lib/db/client";
import { type ChangeRequest, openChangesCall } from "@/lib/decisions/changes";
import type { ImportedDocument } from "@/lib/drafting/import-apply";

export type AdoptingCallText = { title: string; description: string };

/**
 * The call that adopts an imported document, opened in the import's own transaction so the
 * document and its call exist together or not at all. A new standard's founding text is adopted
 * by one call over every clause and section instead of one call each; a later text by one last
 * call over what it changed, added, and (for adopted text it no longer holds) retires. Without
 * the secretariat's request, no call is opened and the changes wait as working text.
 */
export function adoptingCall(
  text: (imported: ImportedDocument) => AdoptingCallText,
  now: Date,
): (tx: Transaction, imported: ImportedDocument) => Promise<number | null> {
  return async (tx, imported) => {
    if (!imported.adopt) return null;
    const items: ChangeRequest[] = [
      ...imported.sectionIds.map((sectionId) => ({ kind: "adopt_section" as const, sectionId })),
      ...imported.clauseIds.map((clauseId) => ({ kind: "adopt_clause" as const, clauseId })),
      ...imported.retireSectionIds.map((sectionId) => ({
        kind: "retire_section" as const,
        sectionId,
      })),
      ...imported.retireClauseIds.map((clauseId) => ({ kind: "retire_clause" as const, clauseId })),
    ];
    // A later text identical to the standard changes nothing, and a call on nothing is refused.
    if (items.length === 0) return null;
    const call = await openChangesCall(
      tx,
      imported.proposerId,
      imported.standardId,
      { ...text(imported), organisations: "", items },
      now,
    );
    return call.number;
  };
}
