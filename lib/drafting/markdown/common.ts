import { MarkdownError, markdownToRichText } from "@/lib/drafting/markdown/text";
import type { SrcLine } from "@/lib/drafting/markdown/text-common";
import type { ImportProblem, ImportResult, StandardDocument } from "@/lib/drafting/markdown/types";
import { emptyRichText, type RichText } from "@/lib/drafting/rich-text";

// Helpers the whole-standard writer, its reader and the plain-document reader share.

export type { SrcLine };
export type Section = { heading: string; line: number; lines: SrcLine[] };
export type Report = (line: number, reason: string) => void;

export const recommendedOnly = "recommended only";
export const isBlank = (text: string) => /^[ \t]*$/.test(text);
export const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
export const splitLines = (text: string) => text.split(/\r\n|\r|\n/);
export const q = (text: string) => JSON.stringify(text);

/** Splits lines into the text before the first heading and one section per heading. */
export function sections(lines: string[], from: number, isHeading: (text: string) => boolean) {
  const preamble: SrcLine[] = [];
  const found: Section[] = [];
  for (let i = from; i < lines.length; i++) {
    const text = lines[i] ?? "";
    if (isHeading(text)) found.push({ heading: text, line: i + 1, lines: [] });
    else (found.at(-1)?.lines ?? preamble).push({ text, line: i + 1 });
  }
  return { preamble, found };
}

/** Parses a field's lines; blank lines around the text do not count. */
export function readField(lines: SrcLine[], report: Report): RichText {
  const first = lines.findIndex((l) => !isBlank(l.text));
  if (first < 0) return emptyRichText();
  const kept = lines.slice(first);
  while (kept.length > 1 && isBlank(kept.at(-1)?.text ?? "")) kept.pop();
  try {
    return markdownToRichText(kept.map((l) => l.text).join("\n"), kept[0]?.line);
  } catch (error) {
    if (!(error instanceof MarkdownError)) throw error;
    report(error.line, error.reason);
    return emptyRichText();
  }
}

/** Problems sorted by line, or the standard, built only when there are none. */
export const result = (
  problems: ImportProblem[],
  standard: () => StandardDocument,
): ImportResult =>
  problems.length
    ? { ok: false, problems: problems.sort((a, b) => a.line - b.line) }
    : { ok: true, standard: standard() };
