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
