import { isBlank, oneLine, type SrcLine } from "@/lib/drafting/markdown/common";
import type { SectionKind } from "@/lib/drafting/sections-rules";

// How an outside document's prose is recognised: which kind a heading names, which lists are
// only a table of contents, and how subheadings survive in rich text that has no headings.

const kindPatterns: [SectionKind, RegExp][] = [
  ["licence", /\b(?:licen[cs]e|copyright)/i],
  ["acknowledgements", /\b(?:acknowledge?ments?|contributors?|thanks|credits|authors?)\b/i],
  ["definitions", /\b(?:definitions?|glossary)\b/i],
  ["terminology", /\b(?:terminology|conventions|key ?words|notation)\b/i],
  ["assessment", /\b(?:assessments?|assessing|conformance|evaluation|certification)\b/i],
  ["roles", /\b(?:roles?|responsibilit(?:y|ies)|actors|stakeholders)\b/i],
  ["scope", /\bscope\b/i],
  ["introduction", /\b(?:introduction|background|overview|purpose|about|preface)\b/i],
];

/** The kind a section's title names, "other" when it names none. */
export function guessSectionKind(title: string): SectionKind {
  return kindPatterns.find(([, pattern]) => pattern.test(title))?.[0] ?? "other";
}

/** A permalink anchor for a title ("Assessment guidance" → assessment-guidance), never reused. */
export function sectionSlug(title: string, taken: ReadonlySet<string>): string {
  const base =
    title
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "section";
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!taken.has(slug)) return slug;
  }
}

const tocItem = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[[^\]]+\]\(#[^)\s]*\)[ \t]*$/;

/**
 * Drops every block (lines between blank lines) made only of list items that link to anchors
 * of the document itself: a table of contents, which the reader builds anew.
 */
export function withoutContents(lines: SrcLine[]): { kept: SrcLine[]; dropped: boolean } {
  const kept: SrcLine[] = [];
  let dropped = false;
  let block: SrcLine[] = [];
  const flush = () => {
    if (block.length && block.every((l) => tocItem.test(l.text))) dropped = true;
    else kept.push(...block);
    block = [];
  };
  for (const l of lines) {
    if (isBlank(l.text)) {
      flush();
      kept.push(l);
    } else block.push(l);
  }
  flush();
  return { kept, dropped };
}

/** Links to the document's own headings lose their target: the anchors will not exist. */
export const withoutInternalLinks = (lines: SrcLine[]): SrcLine[] =>
  lines.map((l) => ({ ...l, text: l.text.replace(/\[([^\]]*)\]\(#[^)\s]*\)/g, "$1") }));

/**
 * A section's text with each subheading as a paragraph wholly in bold: rich text has no
 * headings, and a wholly bold paragraph is how a section names a term (or a role) before the
 * paragraphs that define it.
 */
export function flattenSubheadings(
  lines: SrcLine[],
  subsections: { title: string; line: number; lines: SrcLine[] }[],
): SrcLine[] {
  const out = [...lines];
  for (const sub of subsections) {
    const title = oneLine(sub.title).replace(/[*_]+/g, "");
    out.push({ text: "", line: sub.line }, { text: `**${title}**`, line: sub.line });
    out.push({ text: "", line: sub.line }, ...sub.lines);
  }
  return out;
}
