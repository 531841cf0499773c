import type { Mapping } from "@/lib/drafting/mappings";
import type { RichText, Strength } from "@/lib/drafting/rich-text";
import type { SectionKind } from "@/lib/drafting/sections-rules";

// A standard as its Markdown file holds it; document.ts describes the file.

export type ModuleDocument = { code: string; name: string; summary: string };
export type LevelDocument = { name: string; summary: string };
export type ClauseDocument = {
  ref: string;
  moduleCode: string;
  title: string;
  level: string | null;
  strength: Strength;
  retired: boolean;
  body: RichText;
  assessment: RichText;
  examples: RichText;
  /** Links to other frameworks, sorted; absent when there are none. */
  mappings?: Mapping[];
};
/** An external framework the clauses may map to, by the key mappings name it with. */
export type FrameworkDocument = { key: string; name: string; version: string; url: string };
/** A prose section (scope, definitions, licence…), shown before the modules. */
export type SectionDocument = {
  slug: string;
  kind: SectionKind;
  title: string;
  retired: boolean;
  body: RichText;
};
export type StandardDocument = {
  slug: string;
  name: string;
  summary: string;
  /** Prose sections in order; absent in files written before sections existed. */
  sections?: SectionDocument[];
  modules: ModuleDocument[];
  levels: LevelDocument[];
  /** Frameworks the clauses map to; absent when none. */
  frameworks?: FrameworkDocument[];
  clauses: ClauseDocument[];
};
export type ImportProblem = { line: number; reason: string };
export type ImportResult =
  | { ok: true; standard: StandardDocument }
  | { ok: false; problems: ImportProblem[] };
