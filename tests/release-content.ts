import type { RichText } from "@/lib/drafting/rich-text";
import type { ReleaseClause, ReleaseContent } from "@/lib/releases/content";

// Builders for the release tests: small, readable clauses and releases.

/** A one-paragraph document; each string after the first becomes another paragraph. */
export function doc(...paragraphs: string[]): RichText {
  return {
    type: "doc",
    content: paragraphs.map((text) => ({
      type: "paragraph",
      content: text ? [{ type: "text", text }] : [],
    })),
  };
}

export function clause(ref: string, overrides: Partial<ReleaseClause> = {}): ReleaseClause {
  const moduleCode = ref.split("-")[0] ?? "GEN";
  return {
    ref,
    moduleCode,
    position: Number(ref.split("-")[1] ?? 1),
    title: `Title of ${ref}`,
    strength: "SHOULD",
    level: "bronze",
    body: doc(`The vendor SHOULD meet ${ref}.`),
    assessment: doc(`Evidence for ${ref}.`),
    examples: doc(),
    ...overrides,
  };
}

export function release(
  version: string,
  clauses: ReleaseClause[],
  overrides: Partial<ReleaseContent> = {},
): ReleaseContent {
  const codes = [...new Set(clauses.map((c) => c.moduleCode))];
  return {
    standard: { slug: "iotmark", name: "IoTmark Principles", summary: "A consumer IoT trustmark." },
    version,
    notes: `Release ${version}.`,
    modules: codes.map((code) => ({ code, name: `Module ${code}`, summary: "" })),
    levels: [
      { name: "bronze", summary: "Entry level." },
      { name: "silver", summary: "Middle level." },
      { name: "gold", summary: "Top level." },
    ],
    clauses,
    ...overrides,
  };
}

/** Renumbers positions within each module in array order, as an editor reordering would. */
export function renumber(clauses: ReleaseClause[]): ReleaseClause[] {
  const next = new Map<string, number>();
  return clauses.map((c) => {
    const position = (next.get(c.moduleCode) ?? 0) + 1;
    next.set(c.moduleCode, position);
    return { ...c, position };
  });
}
