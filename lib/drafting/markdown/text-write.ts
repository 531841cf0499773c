import { type Mark, markKey, padded, readMarks } from "@/lib/drafting/markdown/text-common";
import { normaliseRichText } from "@/lib/drafting/markdown/text-normalise";
import type { RichText } from "@/lib/drafting/rich-text";

// Rich text → canonical Markdown. Text is escaped wherever Markdown would read it as syntax, so
// reading the output back gives the same document.

const delimiter = { bold: "**", italic: "*" } as const;

/** Writes canonical Markdown: blocks separated by one blank line, no trailing newline. */
export function richTextToMarkdown(doc: RichText): string {
  return (normaliseRichText(doc).content ?? [])
    .flatMap((block, index) => (index ? ["", ...renderBlock(block)] : renderBlock(block)))
    .join("\n");
}

function renderBlock(block: RichText): string[] {
  if (block.type === "paragraph") return renderInline(block.content ?? []).split("\n");
  const start = Number(block.attrs?.start ?? 1);
  return (block.content ?? []).flatMap((item, index) =>
    renderItem(item, block.type === "orderedList" ? `${start + index}.` : "-"),
  );
}

/** Continuation lines and nested blocks are indented by the marker's width ("- " 2, "1. " 3). */
function renderItem(item: RichText, marker: string): string[] {
  const pad = " ".repeat(marker.length + 1);
  const [first, ...rest] = item.content ?? [];
  const [head = "", ...tail] = renderInline(first?.content ?? []).split("\n");
  const lines = [head ? `${marker} ${head}` : marker, ...tail.map((line) => pad + line)];
  let previous = first;
  for (const block of rest) {
    // A list may follow its paragraph directly only where CommonMark lets a list interrupt one.
    const list = block.content?.[0]?.content?.[0];
    const startsAtOne = block.type === "bulletList" || block.attrs?.start === undefined;
    const tight =
      previous?.type === "paragraph" &&
      block.type !== "paragraph" &&
      (!previous.content || (list?.content !== undefined && startsAtOne));
    lines.push(
      ...(tight ? [] : [""]),
      ...renderBlock(block).map((line) => (line ? pad + line : line)),
    );
    previous = block;
  }
  return lines;
}

function renderInline(nodes: RichText[]): string {
  let out = "";
  let lineStart = true;
  const open: Mark[] = [];
  const closeTo = (depth: number) => {
    for (let mark = open.at(-1); mark && open.length > depth; mark = open.at(-1)) {
      open.pop();
      out +=
        mark.type === "link"
          ? `](${escapeHref(mark.attrs?.href ?? "")})`
          : delimiter[mark.type === "bold" ? "bold" : "italic"];
    }
  };
  for (const node of nodes) {
    if (node.type === "hardBreak") {
      closeTo(0);
      out += "\\\n";
      lineStart = true;
      continue;
    }
    const marks = readMarks(node);
    const outer = marks.filter((mark) => mark.type !== "code");
    let depth = 0;
    while (
      depth < open.length &&
      depth < outer.length &&
      keyAt(open, depth) === keyAt(outer, depth)
    )
      depth++;
    closeTo(depth);
    for (const mark of outer.slice(depth)) {
      // "![" would start an image, so a "!" that ends the text before a link is escaped.
      if (mark.type === "link" && out.endsWith("!")) out = `${out.slice(0, -1)}\\!`;
      out += mark.type === "link" ? "[" : delimiter[mark.type === "bold" ? "bold" : "italic"];
      open.push(mark);
    }
    const text = node.text ?? "";
    out +=
      outer.length < marks.length ? codeSpan(text) : escapeText(text, lineStart && !marks.length);
    lineStart = false;
  }
  closeTo(0);
  return out;
}

const keyAt = (marks: Mark[], index: number) => {
  const mark = marks[index];
  return mark ? markKey(mark) : "";
};
const escapeHref = (href: string) => href.replace(/[\\()<>]/g, "\\$&");

/** Escapes what Markdown would read as syntax; at a line start also what would start a block. */
function escapeText(text: string, lineStart: boolean): string {
  const escaped = text.replace(/[\\*_`[\]<>]/g, "\\$&");
  if (!lineStart) return escaped;
  return /^\d+[.)]/.test(escaped)
    ? escaped.replace(/^(\d+)/, "$1\\")
    : escaped.replace(/^[#+\-=|:~]/, "\\$&");
}

/** The fence is one backtick longer than any run inside; a space pads content CommonMark would strip. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = /^`|`$/.test(text) || padded(text) ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}
