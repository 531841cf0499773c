import "server-only";
import { and, asc, desc, eq, gt, isNull, lt, max } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Participant } from "@/lib/community/authz";
import type { Database, Transaction } from "@/lib/db/client";
import { canonicalRichText } from "@/lib/drafting/canonical-text";
import { emptyRichText, plainTextOf, type RichText } from "@/lib/drafting/rich-text";
import { sections, sectionTexts, standards } from "@/lib/drafting/schema";
import { takeSectionRevision } from "@/lib/drafting/section-revisions";
import { freeSlug, type SectionInput } from "@/lib/drafting/sections-rules";
import { DomainError } from "@/lib/errors";
import { enforceLimit } from "@/lib/rate-limit";

/** How the audit log names a section: its standard and its permanent slug. */
export const sectionSubjectId = (standardSlug: string, sectionSlug: string) =>
  `${standardSlug}/${sectionSlug}`;

async function lockSection(tx: Transaction, sectionId: string) {
  const [row] = await tx
    .select({ section: sections, standardSlug: standards.slug })
    .from(sections)
    .innerJoin(standards, eq(standards.id, sections.standardId))
    .where(eq(sections.id, sectionId))
    .for("update", { of: sections });
  if (!row) throw new DomainError("not_found");
  return row;
}

/**
 * Adds a section at the end of the standard's sections, with a slug no section of the standard
 * ever had, and its first revision.
 */
export async function createSection(
  db: Database,
  author: Participant,
  input: SectionInput & { standardSlug: string; body?: RichText },
  now = new Date(),
): Promise<{ sectionId: string; slug: string }> {
  return db.transaction(async (tx) => {
    const [standard] = await tx
      .select()
      .from(standards)
      .where(eq(standards.slug, input.standardSlug))
      .for("update"); // two sections added at once cannot take the same slug or position
    if (!standard) throw new DomainError("not_found");
    await enforceLimit(tx, "clause", author.id, now);
    const existing = await tx
      .select({ slug: sections.slug })
      .from(sections)
      .where(eq(sections.standardId, standard.id));
    const slug = freeSlug(
      input.title,
      existing.map((row) => row.slug),
    );
    const [last] = await tx
      .select({ position: max(sections.position) })
      .from(sections)
      .where(eq(sections.standardId, standard.id));
    const [section] = await tx
      .insert(sections)
      .values({
        standardId: standard.id,
        kind: input.kind,
        slug,
        title: input.title,
        position: (last?.position ?? -1) + 1,
        createdBy: author.id,
        createdAt: now,
      })
      .returning({ id: sections.id });
    if (!section) throw new DomainError("internal");
    const body = canonicalRichText(input.body ?? emptyRichText());
    await tx
      .insert(sectionTexts)
      .values({ sectionId: section.id, body, plainText: plainTextOf(body).trim(), updatedAt: now });
    await takeSectionRevision(tx, section.id, {
      kind: "automatic",
      note: "Section added",
      actorId: author.id,
      now,
    });
    await recordAudit(tx, {
      at: now,
      actorId: author.id,
      action: "drafting.section_added",
      subjectType: "section",
      subjectId: sectionSubjectId(standard.slug, slug),
      details: { standard: standard.slug, title: input.title, kind: input.kind },
    });
    return { sectionId: section.id, slug };
  });
}

/** Renames a section; its slug, and so its permalink, stays. The text before is kept as a revision. */
export async function renameSection(
  db: Database,
  author: Participant,
  sectionId: string,
  title: string,
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const { section, standardSlug } = await lockSection(tx, sectionId);
    if (section.retiredAt) throw new DomainError("invalid_input", { title: "already_retired" });
    if (section.title === title) throw new DomainError("invalid_input", { title: "no_changes" });
    await enforceLimit(tx, "drafting", author.id, now);
    await takeSectionRevision(tx, sectionId, {
      kind: "automatic",
      note: "Before a change of title",
      actorId: author.id,
      now,
    });
    await tx.update(sections).set({ title }).where(eq(sections.id, sectionId));
    await recordAudit(tx, {
      at: now,
      actorId: author.id,
      action: "drafting.section_renamed",
      subjectType: "section",
      subjectId: sectionSubjectId(standardSlug, section.slug),
      details: { standard: standardSlug, title },
    });
  });
}

/** Swaps a section with its live neighbour; already first (or last), nothing happens. */
export async function moveSection(
  db: Database,
  author: Participant,
  sectionId: string,
  direction: "up" | "down",
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const { section, standardSlug } = await lockSection(tx, sectionId);
    const [neighbour] = await tx
      .select()
      .from(sections)
      .where(
        and(
          eq(sections.standardId, section.standardId),
          isNull(sections.retiredAt), // a retired section is not shown, so not stepped over
          direction === "up"
            ? lt(sections.position, section.position)
            : gt(sections.position, section.position),
        ),
      )
      .orderBy(direction === "up" ? desc(sections.position) : asc(sections.position))
      .limit(1)
      .for("update");
    if (!neighbour) return;
    await enforceLimit(tx, "drafting", author.id, now);
    await tx
      .update(sections)
      .set({ position: section.position })
      .where(eq(sections.id, neighbour.id));
    await tx
      .update(sections)
      .set({ position: neighbour.position })
      .where(eq(sections.id, section.id));
    await recordAudit(tx, {
      at: now,
      actorId: author.id,
      action: "drafting.section_moved",
      subjectType: "section",
      subjectId: sectionSubjectId(standardSlug, section.slug),
      details: { standard: standardSlug, direction },
    });
  });
}

/** A participant's named snapshot of the section as it stands. */
export async function saveSectionRevision(
  db: Database,
  author: Participant,
  sectionId: string,
  note: string,
  now = new Date(),
): Promise<number> {
  return db.transaction(async (tx) => {
    const { section, standardSlug } = await lockSection(tx, sectionId);
    await enforceLimit(tx, "drafting", author.id, now);
    const number = await takeSectionRevision(tx, sectionId, {
      kind: "saved",
      note,
      actorId: author.id,
      now,
    });
    await recordAudit(tx, {
      at: now,
      actorId: author.id,
      action: "drafting.section_revision_saved",
      subjectType: "section",
      subjectId: sectionSubjectId(standardSlug, section.slug),
      details: { standard: standardSlug, revision: number },
    });
    return number;
  });
}

/**
 * Retires a section that was never adopted: no release holds it, so it goes at once. An adopted
 * section is in the next release candidate; taking it out is for a call to decide, so it is
 * refused here. A retired section keeps its slug and stays readable, read-only.
 */
export async function retireUnadoptedSection(
  db: Database,
  author: Participant,
  sectionId: string,
  now = new Date(),
  closeLiveText?: (sectionId: string) => Promise<void>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const { section, standardSlug } = await lockSection(tx, sectionId);
    if (section.retiredAt) throw new DomainError("invalid_input", { section: "already_retired" });
    if (section.adoptedRevisionId) throw new DomainError("conflict");
    await enforceLimit(tx, "drafting", author.id, now);
    await takeSectionRevision(tx, sectionId, {
      kind: "automatic",
      note: "Before retirement",
      actorId: author.id,
      now,
    });
    await tx.update(sections).set({ retiredAt: now }).where(eq(sections.id, sectionId));
    await recordAudit(tx, {
      at: now,
      actorId: author.id,
      action: "drafting.section_retired",
      subjectType: "section",
      subjectId: sectionSubjectId(standardSlug, section.slug),
      details: { standard: standardSlug },
    });
  });
  await closeLiveText?.(sectionId).catch((error: unknown) =>
    console.error(`drafting: live editors of section ${sectionId} not closed: ${String(error)}`),
  );
}
