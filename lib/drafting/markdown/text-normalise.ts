import {
  type Mark,
  type MarkType,
  markOrder,
  marksKey,
  readMarks,
  textNode,
} from "@/lib/drafting/markdown/text-common";
import type { RichText } from "@/lib/drafting/rich-text";

// Normalisation works on one styled character at a time so marks can be trimmed and merged freely.
type Styled = { ch: string; marks: Mark[] };

const has = (s: Styled, type: MarkType) => s.marks.some((mark) => mark.type === type);
const isSpace = (s: Styled | undefined) => s !== undefined && (s.ch === " " || s.ch === "\t");

/** Returns the canonical form of a rich-text document (see the rules in text.ts). */
export function normaliseRichText(doc: RichText): RichText {
  if (doc.type !== "doc") throw new Error(`Expected a doc node, got ${JSON.stringify(doc.type)}`);
  return { type: "doc", content: normaliseBlocks(doc.content ?? []) };
}

function normaliseBlocks(blocks: RichText[]): RichText[] {
  const out: RichText[] = [];
  for (const block of blocks) {
    const next = normaliseBlock(block);
    const last = out.at(-1);
    if (!next) continue;
    if (last && last.type === next.type && next.type !== "paragraph") {
      last.content = [...(last.content ?? []), ...(next.content ?? [])];
    } else out.push(next);
  }
  return out;
}

function normaliseBlock(block: RichText): RichText | null {
  if (block.type === "paragraph") {
    const content = normaliseInline(block.content ?? []);
    return content.length ? { type: "paragraph", content } : null;
  }
  if (block.type !== "bulletList" && block.type !== "orderedList") {
    throw new Error(`Unsupported block ${JSON.stringify(block.type)}`);
  }
  const content = (block.content ?? []).map((item) => {
    if (item.type !== "listItem") throw new Error(`Unsupported list child ${item.type}`);
    const children = normaliseBlocks(item.content ?? []);
    if (children[0]?.type !== "paragraph") children.unshift({ type: "paragraph" });
    return { type: "listItem", content: children };
  });
  if (!content.length) return null;
  const start: unknown = block.attrs?.start;
  const numbered = block.type === "orderedList" && typeof start === "number";
  return numbered && Number.isInteger(start) && start >= 0 && start <= 999_999_999 && start !== 1
    ? { type: block.type, attrs: { start }, content }
    : { type: block.type, content };
}

function normaliseInline(nodes: RichText[]): RichText[] {
  const lines: Styled[][] = [];
  let line: Styled[] = [];
  for (const node of nodes) {
    if (node.type === "hardBreak") {
      lines.push(line);
      line = [];
    } else if (node.type === "text") {
      const marks = readMarks(node);
      for (const ch of (node.text ?? "").replace(/\r\n|\r|\n/g, " ")) line.push({ ch, marks });
    } else throw new Error(`Unsupported inline node ${JSON.stringify(node.type)}`);
  }
  lines.push(line);
  for (const current of lines) {
    while (trimMarkEdges(current));
    while (isSpace(current[0]) && current[0]?.marks.length === 0) current.shift();
    while (isSpace(current.at(-1)) && current.at(-1)?.marks.length === 0) current.pop();
  }
  while (lines.length && lines.at(-1)?.length === 0) lines.pop();
  return lines.flatMap((current, index) => {
    const runs: { text: string; marks: Mark[] }[] = [];
    for (const s of current) {
      const last = runs.at(-1);
      if (last && marksKey(last.marks) === marksKey(s.marks)) last.text += s.ch;
      else runs.push({ text: s.ch, marks: s.marks });
    }
    const texts = runs.map((run) => textNode(run.text, run.marks));
    return index ? [{ type: "hardBreak" }, ...texts] : texts;
  });
}

/**
 * Moves spaces at the ends of bold and italic runs out of the mark. A run is what one pair of
 * delimiters encloses: it ends wherever an outer mark (link, or bold for italic) changes.
 */
function trimMarkEdges(line: Styled[]): boolean {
  let changed = false;
  const bare = (s: Styled) => isSpace(s) && !has(s, "code");
  for (const type of ["bold", "italic"] as const) {
    const outer = (s: Styled) =>
      marksKey(s.marks.filter((m) => markOrder.indexOf(m.type) < markOrder.indexOf(type)));
    const drop = (s: Styled) => {
      s.marks = s.marks.filter((mark) => mark.type !== type);
      changed = true;
    };
    let start = 0;
    while (start < line.length) {
      const first = line[start];
      let end = start + 1;
      if (first && has(first, type)) {
        while (end < line.length) {
          const s = line[end];
          if (!s || !has(s, type) || outer(s) !== outer(first)) break;
          end++;
        }
        const run = line.slice(start, end);
        for (const s of run)
          if (bare(s)) drop(s);
          else break;
        for (const s of run.reverse())
          if (bare(s) && has(s, type)) drop(s);
          else break;
      }
      start = end;
    }
  }
  return changed;
}
