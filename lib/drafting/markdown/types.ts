import type { RichText, Strength } from "@/lib/drafting/rich-text";

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
};
export type StandardDocument = {
  slug: string;
  name: string;
  summary: string;
  modules: ModuleDocument[];
  levels: LevelDocument[];
  clauses: ClauseDocument[];
};
export type ImportProblem = { line: number; reason: string };
export type ImportResult =
  | { ok: true; standard: StandardDocument }
  | { ok: false; problems: ImportProblem[] };
