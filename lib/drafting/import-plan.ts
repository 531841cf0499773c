import { sameRichText } from "@/lib/drafting/canonical-text";
import type {
  ClauseDocument,
  SectionDocument,
  StandardDocument,
} from "@/lib/drafting/markdown/types";
import type { Strength } from "@/lib/drafting/rich-text";
import { formatRef, parseRef } from "@/lib/drafting/rules";
import type { SectionKind } from "@/lib/drafting/sections-rules";

/**
 * What an import will do, decided before anything is written, so the secretariat can see it and
 * confirm exactly that. A new standard is all "new"; a later text of an existing one updates the
 * clauses and sections it matches, adds the others and retires what it no longer holds.
 */
export type ImportChange = "new" | "updated" | "unchanged" | "retired";
export type PreviewClause = {
  ref: string;
  title: string;
  strength: Strength;
  level: string | null;
  change: ImportChange;
};
export type PreviewModule = {
  code: string;
  name: string;
  summary: string;
  isNew: boolean;
  clauses: PreviewClause[];
};
export type PreviewSection = {
  slug: string;
  title: string;
  kind: SectionKind;
  change: ImportChange;
};
export type ImportPreview = {
  mode: "new" | "later";
  slug: string;
  name: string;
  sections: PreviewSection[];
  modules: PreviewModule[];
  counts: Record<ImportChange, number>;
};

/**
 * A clause or section of the standard as it stands, with what a later text is matched on.
 * `adopted`: a call adopted it or is deciding on it, so only a call may retire it.
 */
export type ExistingClause = ClauseDocument & { id: string; adopted: boolean };
export type ExistingSection = SectionDocument & { id: string; adopted: boolean };
export type ExistingStandard = Omit<StandardDocument, "clauses" | "sections"> & {
  clauses: ExistingClause[];
  sections: ExistingSection[];
};

export type LaterTextPlan = {
  updated: { existing: ExistingClause; incoming: ClauseDocument }[];
  added: ClauseDocument[];
  retired: ExistingClause[];
  updatedSections: { existing: ExistingSection; incoming: SectionDocument }[];
  addedSections: SectionDocument[];
  retiredSections: ExistingSection[];
  newModules: StandardDocument["modules"];
  preview: ImportPreview;
};

const clauseChanged = (a: ClauseDocument, b: ClauseDocument) =>
  a.title !== b.title ||
  a.strength !== b.strength ||
  !sameRichText(a.body, b.body) ||
  !sameRichText(a.assessment, b.assessment) ||
  !sameRichText(a.examples, b.examples);

const emptyCounts = (): Record<ImportChange, number> => ({
  new: 0,
  updated: 0,
  unchanged: 0,
  retired: 0,
});

const clauseRow = (clause: ClauseDocument, change: ImportChange): PreviewClause => ({
  ref: clause.ref,
  title: clause.title,
  strength: clause.strength,
  level: clause.level,
  change,
});

const sectionRow = (section: SectionDocument, change: ImportChange): PreviewSection => ({
  slug: section.slug,
  title: section.title,
  kind: section.kind,
  change,
});

/** The preview of a document imported as a new standard: everything in it is new. */
export function previewNew(document: StandardDocument): ImportPreview {
  const sections = (document.sections ?? []).map((section) => sectionRow(section, "new"));
  const modules = document.modules.map(({ code, name, summary }) => ({
    code,
    name,
    summary,
    isNew: true,
    clauses: document.clauses
      .filter((clause) => clause.moduleCode === code)
      .map((clause) => clauseRow(clause, "new")),
  }));
  const counts = emptyCounts();
  counts.new = document.clauses.length + sections.length;
  return { mode: "new", slug: document.slug, name: document.name, sections, modules, counts };
}

/**
 * Matches a later text against the standard: a clause by its reference when the title is the
 * same, else by its title within the same module, else by its reference alone (a principle
 * reworded in place); a section by its slug, else by kind and title. Refs are never reused, so
 * an added clause takes the next number of its module's code.
 */
export function planLaterText(
  existing: ExistingStandard,
  incoming: StandardDocument,
): LaterTextPlan {
  const live = existing.clauses.filter((clause) => !clause.retired);
  const matched = new Map<ClauseDocument, ExistingClause>();
  const used = new Set<string>();
  const passes: ((a: ClauseDocument, b: ExistingClause) => boolean)[] = [
    (a, b) => a.ref === b.ref && a.title === b.title,
    (a, b) => a.moduleCode === b.moduleCode && a.title === b.title,
    (a, b) => a.ref === b.ref,
  ];
  for (const pass of passes) {
    for (const clause of incoming.clauses) {
      if (matched.has(clause) || clause.retired) continue;
      const twin = live.find((old) => !used.has(old.id) && pass(clause, old));
      if (twin) {
        matched.set(clause, twin);
        used.add(twin.id);
      }
    }
  }
  const next = new Map<string, number>();
  for (const clause of existing.clauses) {
    const ref = parseRef(clause.ref);
    if (ref) next.set(ref.code, Math.max(next.get(ref.code) ?? 1, ref.number + 1));
  }
  const updated: LaterTextPlan["updated"] = [];
  const added: ClauseDocument[] = [];
  const rows = new Map<string, PreviewClause[]>();
  const push = (code: string, row: PreviewClause) =>
    rows.set(code, [...(rows.get(code) ?? []), row]);
  const counts = emptyCounts();
  for (const clause of incoming.clauses) {
    if (clause.retired) continue;
    const twin = matched.get(clause);
    if (twin) {
      const change = clauseChanged(twin, clause) ? "updated" : "unchanged";
      if (change === "updated") updated.push({ existing: twin, incoming: clause });
      counts[change]++;
      push(clause.moduleCode, clauseRow({ ...clause, ref: twin.ref }, change));
      continue;
    }
    const number = next.get(clause.moduleCode) ?? 1;
    next.set(clause.moduleCode, number + 1);
    const ref = formatRef(clause.moduleCode, number);
    added.push({ ...clause, ref });
    counts.new++;
    push(clause.moduleCode, clauseRow({ ...clause, ref }, "new"));
  }
  const retired = live.filter((clause) => !used.has(clause.id));
  for (const clause of retired) {
    counts.retired++;
    push(clause.moduleCode, clauseRow(clause, "retired"));
  }
  const knownCodes = new Set(existing.modules.map((module) => module.code));
  const newModules = incoming.modules.filter((module) => !knownCodes.has(module.code));
  const allModules = [...existing.modules, ...newModules];
  const modules = allModules
    .map(({ code, name, summary }) => ({
      code,
      name,
      summary,
      isNew: !knownCodes.has(code),
      clauses: rows.get(code) ?? [],
    }))
    .filter((module) => module.clauses.length > 0);

  const { sections, ...sectionPlan } = planSections(existing.sections, incoming.sections ?? []);
  for (const section of sections) counts[section.change]++;
  return {
    updated,
    added,
    retired,
    newModules,
    ...sectionPlan,
    preview: { mode: "later", slug: existing.slug, name: existing.name, sections, modules, counts },
  };
}

function planSections(existing: ExistingSection[], incoming: SectionDocument[]) {
  const live = existing.filter((section) => !section.retired);
  const used = new Set<string>();
  const updatedSections: LaterTextPlan["updatedSections"] = [];
  const addedSections: SectionDocument[] = [];
  const sections: PreviewSection[] = [];
  const taken = new Set(existing.map((section) => section.slug));
  for (const section of incoming) {
    const twin =
      live.find((old) => !used.has(old.id) && old.slug === section.slug) ??
      live.find(
        (old) => !used.has(old.id) && old.kind === section.kind && old.title === section.title,
      );
    if (twin) {
      used.add(twin.id);
      const changed = twin.title !== section.title || !sameRichText(twin.body, section.body);
      if (changed) updatedSections.push({ existing: twin, incoming: section });
      sections.push(sectionRow({ ...section, slug: twin.slug }, changed ? "updated" : "unchanged"));
      continue;
    }
    // A retired section keeps its slug forever, so a new one with the same title needs another.
    let slug = section.slug;
    for (let n = 2; taken.has(slug); n++) slug = `${section.slug}-${n}`;
    taken.add(slug);
    addedSections.push({ ...section, slug });
    sections.push(sectionRow({ ...section, slug }, "new"));
  }
  const retiredSections = live.filter((section) => !used.has(section.id));
  for (const section of retiredSections) sections.push(sectionRow(section, "retired"));
  return { updatedSections, addedSections, retiredSections, sections };
}
