import { MarkdownError, type SrcLine } from "@/lib/drafting/markdown/text-common";
import { parseInline } from "@/lib/drafting/markdown/text-inline";
import { normaliseRichText } from "@/lib/drafting/markdown/text-normalise";
import type { RichText } from "@/lib/drafting/rich-text";

// Block structure: paragraphs and (nested) lists; the text of each paragraph goes to parseInline.

const blank = /^[ \t]*$/;
const tableDelimiter = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const refusals: [RegExp, string][] = [
  [/^#{1,6}(?:[ \t]|$)/, "Headings are not supported in rich text"],
  [/^>/, "Block quotes are not supported"],
  [/^(?:`{3,}[^`]*|~{3,}.*)$/s, "Code blocks are not supported; use `inline code`"],
  [/^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/, "Horizontal rules are not supported"],
  [/^\d{1,9}\)(?:[ \t]|$)/, "Numbered items are written 1. rather than 1)"],
];

const indentOf = (text: string) => /^ */.exec(text)?.[0].length ?? 0;

/** Parses the subset; `firstLine` is the number of the first line, for MarkdownError.line. */
export function markdownToRichText(markdown: string, firstLine = 1): RichText {
  const lines = markdown.split(/\r\n|\r|\n/).map((text, index) => {
    const indent = /^[ \t]*/.exec(text)?.[0] ?? "";
    let width = 0;
    for (const c of indent) width = c === "\t" ? width + 4 - (width % 4) : width + 1;
    return { text: " ".repeat(width) + text.slice(indent.length), line: firstLine + index };
  });
  return normaliseRichText({ type: "doc", content: parseBlocks(lines) });
}

type Marker = { ordered: boolean; kind: string; start: number; width: number; content: string };

function listMarker(text: string): Marker | null {
  const match = /^( {0,3})([-+*]|(\d{1,9})\.)([ \t]+|$)(.*)$/s.exec(text);
  if (!match) return null;
  const [, indent = "", marker = "", digits, spaces = "", content = ""] = match;
  const base = indent.length + marker.length;
  // Past four spaces the extra ones belong to the content, as in CommonMark.
  const wide = spaces.length > 4 && content !== "";
  return {
    ordered: digits !== undefined,
    kind: digits === undefined ? marker : ".",
    start: Number(digits ?? 1),
    width: content === "" || wide ? base + 1 : base + spaces.length,
    content: wide ? " ".repeat(spaces.length - 1) + content : content,
  };
}

const refusalOf = (rest: string) => refusals.find(([pattern]) => pattern.test(rest))?.[1];
const startsBlock = (text: string) =>
  indentOf(text) < 4 &&
  (listMarker(text) !== null || refusalOf(text.slice(indentOf(text))) !== undefined);

function parseBlocks(lines: SrcLine[]): RichText[] {
  const blocks: RichText[] = [];
  let i = 0;
  while (i < lines.length) {
    const current = lines[i];
    if (!current || blank.test(current.text)) {
      i++;
      continue;
    }
    const indent = indentOf(current.text);
    if (indent >= 4)
      throw new MarkdownError(current.line, "Indented code blocks are not supported");
    const refused = refusalOf(current.text.slice(indent));
    if (refused) throw new MarkdownError(current.line, refused);
    if (listMarker(current.text)) {
      i = parseList(lines, i, blocks);
      continue;
    }
    const paragraph = [current];
    for (i++; i < lines.length; i++) {
      const next = lines[i];
      if (!next || blank.test(next.text) || !continuesParagraph(next)) break;
      paragraph.push(next);
    }
    blocks.push(parseParagraph(paragraph));
  }
  return blocks;
}

/** A line carries on the paragraph above unless it starts a list; other syntax is refused. */
function continuesParagraph({ text, line }: SrcLine): boolean {
  const indent = indentOf(text);
  if (indent >= 4) return true;
  const rest = text.slice(indent);
  if (/^(?:=+|-+)[ \t]*$/.test(rest))
    throw new MarkdownError(line, "Underlined headings are not supported");
  if (rest.includes("|") && tableDelimiter.test(rest))
    throw new MarkdownError(line, "Tables are not supported");
  const refused = refusalOf(rest);
  if (refused) throw new MarkdownError(line, refused);
  return !listMarker(text);
}

/** Parses the list starting at `from` into `blocks`; returns the index of the first line after it. */
function parseList(lines: SrcLine[], from: number, blocks: RichText[]): number {
  const items: RichText[] = [];
  const first = listMarker(lines[from]?.text ?? "");
  let i = from;
  for (let marker = first; marker && first && marker.kind === first.kind; ) {
    const body: SrcLine[] = [{ text: marker.content, line: lines[i]?.line ?? 0 }];
    let kept = 1;
    for (i++; i < lines.length; i++) {
      const next = lines[i];
      if (!next) break;
      if (blank.test(next.text)) {
        body.push({ text: "", line: next.line });
        continue;
      }
      const indent = indentOf(next.text);
      // A lazy line continues the item's last paragraph without being indented.
      const lazy = !blank.test(body.at(-1)?.text ?? "") && !startsBlock(next.text);
      if (indent < marker.width && !lazy) break;
      body.push({ text: next.text.slice(Math.min(indent, marker.width)), line: next.line });
      kept = body.length;
    }
    i -= body.length - kept;
    items.push({ type: "listItem", content: parseBlocks(body.slice(0, kept)) });
    let next = i;
    while (next < lines.length && blank.test(lines[next]?.text ?? "")) next++;
    marker = listMarker(lines[next]?.text ?? "");
    if (marker?.kind === first.kind) i = next;
  }
  const ordered = first?.ordered === true;
  const attrs = ordered && first?.start !== 1 ? { attrs: { start: first?.start } } : {};
  blocks.push({ type: ordered ? "orderedList" : "bulletList", ...attrs, content: items });
  return i;
}

function parseParagraph(lines: SrcLine[]): RichText {
  const texts = lines.map((line) => line.text.replace(/^[ \t]+|[ \t]+$/g, ""));
  const starts: number[] = [];
  let offset = 0;
  for (const text of texts) {
    starts.push(offset);
    offset += text.length + 1;
  }
  const lineAt = (pos: number) => lines[starts.findLastIndex((start) => start <= pos)]?.line ?? 0;
  return { type: "paragraph", content: parseInline(texts.join("\n"), lineAt) };
}
