import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Database, Executor } from "@/lib/db/client";
import { canonicalRichText } from "@/lib/drafting/canonical-text";
import { plainTextOf, type RichText } from "@/lib/drafting/rich-text";
import { isReadOnly } from "@/lib/drafting/rules";
import { sections, sectionTexts } from "@/lib/drafting/schema";

/** A section's working text as the collab server needs it: its shared state and its body. */
export type StoredSectionText = {
  sectionId: string;
  readOnly: boolean;
  yjsState: Uint8Array | null;
  body: RichText;
};

/** The working copy of a section, or null for no such section. */
export async function loadSectionText(
  db: Database,
  sectionId: string,
): Promise<StoredSectionText | null> {
  const [row] = await db
    .select({
      retiredAt: sections.retiredAt,
      yjsState: sectionTexts.yjsState,
      body: sectionTexts.body,
    })
    .from(sections)
    .innerJoin(sectionTexts, eq(sectionTexts.sectionId, sections.id))
    .where(eq(sections.id, sectionId));
  if (!row) return null;
  return { sectionId, readOnly: isReadOnly(row), yjsState: row.yjsState, body: row.body };
}

/**
 * Stores a section's working text: the shared document's state, the body in stored form and
 * its plain text, in one statement, so the three never disagree. With `unseeded`, only a
 * section that has no state yet is written. Says whether it was.
 */
export async function storeSectionText(
  db: Executor,
  text: { sectionId: string; yjsState: Uint8Array; body: RichText },
  now: Date,
  options: { unseeded?: boolean } = {},
): Promise<boolean> {
  const ofSection = eq(sectionTexts.sectionId, text.sectionId);
  const body = canonicalRichText(text.body);
  const stored = await db
    .update(sectionTexts)
    .set({ yjsState: text.yjsState, body, plainText: plainTextOf(body).trim(), updatedAt: now })
    .where(options.unseeded ? and(ofSection, isNull(sectionTexts.yjsState)) : ofSection)
    .returning({ sectionId: sectionTexts.sectionId });
  return stored.length > 0;
}
