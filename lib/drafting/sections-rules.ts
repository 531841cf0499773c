import { z } from "zod";
import { sameRichText } from "@/lib/drafting/canonical-text";
import type { RichText } from "@/lib/drafting/rich-text";
import { fieldError } from "@/lib/errors";
import { plainLine } from "@/lib/validation";

/**
 * The kinds of prose a standard holds beside its clauses, in the order a reader usually meets
 * them. Kept apart from the schema so pure code (parsers, release content) can name them.
 */
export const sectionKinds = [
  "scope",
  "introduction",
  "terminology",
  "definitions",
  "roles",
  "assessment",
  "licence",
  "acknowledgements",
  "other",
] as const;
export type SectionKind = (typeof sectionKinds)[number];

/** The longest slug a section is given; the rest of a long title is left out of its anchor. */
const SLUG_LENGTH = 60;

/**
 * The anchor a title suggests: lower-case ASCII letters and digits joined by hyphens, accents
 * dropped ("Définitions & terms" → "definitions-terms"); "section" when nothing is left.
 */
export function slugFromTitle(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, SLUG_LENGTH)
    .replace(/^-+|-+$/g, "");
  return slug || "section";
}

/**
 * A slug no section of the standard has ever had (retired ones included, so a permalink never
 * comes to mean another section): the title's own, else the first free `-2`, `-3`…
 */
export function freeSlug(title: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = slugFromTitle(title);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, SLUG_LENGTH - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** What a participant fills in to add a section. */
export const sectionInputSchema = z.object({
  kind: z.enum(sectionKinds, fieldError("required")),
  title: plainLine(160),
});
export type SectionInput = z.output<typeof sectionInputSchema>;

/** What a participant fills in to rename a section; its slug stays, as permalinks must. */
export const sectionTitleSchema = z.object({ title: plainLine(160) });

/** What a section's revision records: its title and its text. */
export type SectionSnapshot = { title: string; body: RichText };

/** Whether two snapshots of a section say the same; a revision saying the same is not taken. */
export function sameSectionSnapshot(a: SectionSnapshot, b: SectionSnapshot): boolean {
  return a.title === b.title && sameRichText(a.body, b.body);
}

/** A section's anchor in a release's reader: its permalink is the release's address and this. */
export const sectionAnchor = (slug: string) => `section-${slug}`;
