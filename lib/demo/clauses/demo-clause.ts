/**
 * The shape of a demo clause, and the Markdown builders its texts are written with: the subset
 * the clause editor accepts (paragraphs, bold, italic, inline code, https links, and bullet or
 * ordered lists).
 */
import type { Strength } from "@/lib/drafting/rich-text";

export type DemoClause = {
  moduleCode: "ORG" | "HW" | "SW" | "LEGAL" | "DATA";
  /** Short, 3 to 8 words, no trailing period. */
  title: string;
  /** Lowest level that requires the clause; null means recommended only. */
  level: "Bronze" | "Silver" | "Gold" | null;
  /** Matches the RFC 2119 keyword in the first sentence of the body (MUST NOT counts as MUST). */
  strength: Strength;
  /** Markdown: the requirement, then optional rationale. */
  body: string;
  /** Markdown: the public evidence that justifies a claim of conformance. */
  assessment: string;
  /** Markdown: one to three concrete examples. */
  examples: string;
  /** Earlier wordings of the body, oldest first, to seed a revision history. */
  earlierBodies?: string[];
};

/** Joins Markdown blocks with a blank line between them. */
export function md(...blocks: string[]): string {
  return blocks.join("\n\n");
}

/** A Markdown bullet list. */
export function ul(...items: string[]): string {
  return `- ${items.join("\n- ")}`;
}

/** A Markdown ordered list. */
export function ol(...items: string[]): string {
  const lines: string[] = [];
  for (const [index, item] of items.entries()) lines.push(`${index + 1}. ${item}`);
  return lines.join("\n");
}
