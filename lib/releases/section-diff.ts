import { sameRichText } from "@/lib/drafting/canonical-text";
import { type DiffPart, diffWords } from "@/lib/drafting/diff";
import { plainTextOf } from "@/lib/drafting/rich-text";
import type { ReleaseSection } from "@/lib/releases/content";

export type ChangedSection = {
  slug: string;
  from: ReleaseSection;
  to: ReleaseSection;
  /** Word-level redlines of the title and of the text; null where that part is unchanged. */
  title: DiffPart[] | null;
  body: DiffPart[] | null;
};

export type SectionComparison = {
  /** In the newer release's order. */
  added: ReleaseSection[];
  /** In the older release's order. */
  removed: ReleaseSection[];
  changed: ChangedSection[];
};

/**
 * What changed in the prose sections from one release to another, matched by slug (a slug is
 * never reused). Releases from before sections existed have none, so all are added or removed.
 */
export function compareSections(
  from: ReleaseSection[] | undefined,
  to: ReleaseSection[] | undefined,
): SectionComparison {
  const before = new Map((from ?? []).map((section) => [section.slug, section]));
  const after = new Set((to ?? []).map((section) => section.slug));
  const changed: ChangedSection[] = [];
  for (const section of to ?? []) {
    const old = before.get(section.slug);
    if (!old) continue;
    const title = old.title === section.title ? null : diffWords(old.title, section.title);
    const body = sameRichText(old.body, section.body)
      ? null
      : diffWords(plainTextOf(old.body), plainTextOf(section.body));
    if (title || body) changed.push({ slug: section.slug, from: old, to: section, title, body });
  }
  return {
    added: (to ?? []).filter((section) => !before.has(section.slug)),
    removed: (from ?? []).filter((section) => !after.has(section.slug)),
    changed,
  };
}
