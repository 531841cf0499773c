import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Transaction } from "@/lib/db/client";
import { canonicalRichText } from "@/lib/drafting/canonical-text";
import { plainTextOf } from "@/lib/drafting/rich-text";
import { authorsSince } from "@/lib/drafting/rules";
import { sectionEdits, sectionRevisions, sections, sectionTexts } from "@/lib/drafting/schema";
import { sameSectionSnapshot } from "@/lib/drafting/sections-rules";
import { DomainError } from "@/lib/errors";

type RevisionKind = (typeof sectionRevisions.$inferInsert)["kind"];

/**
 * Snapshots a section's title and working text as its next revision, crediting everyone who
 * edited the text since the previous one. Returns the new revision's number.
 */
export async function takeSectionRevision(
  tx: Transaction,
  sectionId: string,
  revision: { kind: RevisionKind; note: string; actorId: string | null; now?: Date },
): Promise<number> {
  const [section] = await tx.select().from(sections).where(eq(sections.id, sectionId));
  const [text] = await tx.select().from(sectionTexts).where(eq(sectionTexts.sectionId, sectionId));
  if (!section || !text) throw new DomainError("not_found");
  const [previous] = await tx
    .select({ number: sectionRevisions.number, createdAt: sectionRevisions.createdAt })
    .from(sectionRevisions)
    .where(eq(sectionRevisions.sectionId, sectionId))
    .orderBy(desc(sectionRevisions.number))
    .limit(1);
  const edits = await tx.select().from(sectionEdits).where(eq(sectionEdits.sectionId, sectionId));
  const number = (previous?.number ?? 0) + 1;
  const body = canonicalRichText(text.body);
  await tx.insert(sectionRevisions).values({
    sectionId,
    number,
    kind: revision.kind,
    note: revision.note,
    title: section.title,
    body,
    plainText: plainTextOf(body).trim(),
    authorIds: authorsSince(edits, previous?.createdAt ?? null),
    createdBy: revision.actorId,
    ...(revision.now ? { createdAt: revision.now } : {}),
  });
  return number;
}

/**
 * The revision that holds a section's title and text as they stand: the latest one when
 * nothing changed since it was taken, otherwise a new one. Two revisions in a row never say
 * the same. Returns its number.
 */
export async function sectionRevisionOfWorkingText(
  tx: Transaction,
  sectionId: string,
  revision: { note: string; actorId: string; now: Date },
): Promise<number> {
  // Held until the transaction ends: two proposals at once cannot both take a new revision.
  const [section] = await tx
    .select()
    .from(sections)
    .where(eq(sections.id, sectionId))
    .for("update");
  const [text] = await tx.select().from(sectionTexts).where(eq(sectionTexts.sectionId, sectionId));
  if (!section || !text) throw new DomainError("not_found");
  const [latest] = await tx
    .select()
    .from(sectionRevisions)
    .where(eq(sectionRevisions.sectionId, sectionId))
    .orderBy(desc(sectionRevisions.number))
    .limit(1);
  if (latest && sameSectionSnapshot(latest, { title: section.title, body: text.body })) {
    return latest.number;
  }
  return takeSectionRevision(tx, sectionId, { kind: "automatic", ...revision });
}
