import type { RichText } from "@/lib/drafting/rich-text";

/**
 * Rich text ↔ Markdown for exactly the subset the editor allows (see rich-text.ts). Both
 * directions go through one canonical JSON form, so JSON → Markdown → JSON is the identity on
 * canonical JSON and Markdown → JSON → Markdown is the identity on canonical Markdown:
 *  - a doc always has `content`; an empty paragraph omits it and exists only as the first child
 *    of a list item (Markdown can show an empty item, but not an empty paragraph elsewhere);
 *  - text nodes are non-empty, neighbours with identical marks are merged, `marks` is omitted when
 *    empty and otherwise sorted link, bold, italic, code (the nesting order, link outermost);
 *    a link keeps only `attrs.href`, with spaces and control characters percent-encoded;
 *  - line breaks inside text become spaces; spaces and tabs at the start or end of a line that no
 *    mark covers are dropped, and bold or italic never begins or ends with a space (Markdown
 *    trims the first and only recognises `**x**`, not `** x**`, for the second); a paragraph never
 *    ends with a hard break;
 *  - adjacent lists of one kind merge (Markdown cannot separate them); `orderedList` carries
 *    `attrs: { start }` only when start ≠ 1.
 * The parser is strict: anything outside the subset throws MarkdownError instead of being guessed.
 */

export class MarkdownError extends Error {
  readonly line: number;
  readonly reason: string;
  constructor(line: number, reason: string) {
    super(`Line ${line}: ${reason}`);
    this.name = "MarkdownError";
    this.line = line;
    this.reason = reason;
  }
}

type MarkType = "link" | "bold" | "italic" | "code";
type Mark = { type: MarkType; attrs?: { href: string } };
type Styled = { ch: string; marks: Mark[] };
type SrcLine = { text: string; line: number };

const markOrder: readonly MarkType[] = ["link", "bold", "italic", "code"];
const delimiter = { bold: "**", italic: "*" } as const;
const allowedHref = /^(?:https?|mailto):/i;
const blank = /^[ \t]*$/;
const asciiPunctuation = /[!-/:-@[-`{-~]/;
const tableDelimiter = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const refusals: [RegExp, string][] = [
  [/^#{1,6}(?:[ \t]|$)/, "Headings are not supported in rich text"],
  [/^>/, "Block quotes are not supported"],
  [/^(?:`{3,}[^`]*|~{3,}.*)$/s, "Code blocks are not supported; use `inline code`"],
  [/^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/, "Horizontal rules are not supported"],
  [/^\d{1,9}\)(?:[ \t]|$)/, "Numbered items are written 1. rather than 1)"],
];

const markKey = (mark: Mark) => (mark.attrs ? `${mark.type} ${mark.attrs.href}` : mark.type);
const marksKey = (marks: Mark[]) => marks.map(markKey).join(" ");
const has = (s: Styled, type: MarkType) => s.marks.some((mark) => mark.type === type);
const isSpace = (s: Styled | undefined) => s !== undefined && (s.ch === " " || s.ch === "\t");
const textNode = (text: string, marks: Mark[]): RichText =>
  marks.length ? { type: "text", text, marks } : { type: "text", text };
const indentOf = (text: string) => /^ */.exec(text)?.[0].length ?? 0;
const encodeHref = (href: string) =>
  Array.from(href, (c) => {
    const code = c.codePointAt(0) ?? 0;
    return code <= 0x20 || code === 0x7f
      ? `%${code.toString(16).toUpperCase().padStart(2, "0")}`
      : c;
  }).join("");

function readMarks(node: RichText): Mark[] {
  const marks = new Map<MarkType, Mark>();
  for (const mark of node.marks ?? []) {
    const type: unknown = mark.type;
    if (type === "link") {
      const href: unknown = mark.attrs?.href;
      if (typeof href !== "string" || !allowedHref.test(href)) {
        throw new Error(`Link href must use http:, https: or mailto:, got ${JSON.stringify(href)}`);
      }
      marks.set(type, { type, attrs: { href: encodeHref(href) } });
    } else if (type === "bold" || type === "italic" || type === "code") marks.set(type, { type });
    else throw new Error(`Unsupported mark ${JSON.stringify(type)}`);
  }
  return markOrder.flatMap((type) => marks.get(type) ?? []);
}

/** Returns the canonical form of a rich-text document (see the rules at the top of this file). */
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

// CommonMark strips one space from each end of code that starts and ends with one.
const padded = (code: string) =>
  code.length > 1 && code.startsWith(" ") && code.endsWith(" ") && /[^ ]/.test(code);

/** The fence is one backtick longer than any run inside; a space pads content CommonMark would strip. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = /^`|`$/.test(text) || padded(text) ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

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

type Frame = { type: "bold" | "italic" | "link"; pos: number; from: number };
const unclosed = {
  bold: "Bold text opened with ** is not closed; write \\* for a literal asterisk",
  italic: "Italic text opened with * is not closed; write \\* for a literal asterisk",
  link: "Link text opened with [ is not closed by ](url); write \\[ for a literal bracket",
};

/** Inline syntax: delimiters must pair and nest strictly; anything else needs a backslash. */
function parseInline(src: string, lineAt: (pos: number) => number): RichText[] {
  const nodes: RichText[] = [];
  const stack: Frame[] = [];
  let buffer = "";
  const fail = (pos: number, reason: string) => new MarkdownError(lineAt(pos), reason);
  const opened = (type: Frame["type"]) => stack.some((frame) => frame.type === type);
  const flush = (extra: Mark[] = [], text = buffer) => {
    const marks = stack.flatMap((frame) => (frame.type === "link" ? [] : [{ type: frame.type }]));
    if (text) nodes.push(textNode(text, [...marks, ...extra]));
    buffer = "";
  };
  let pos = 0;
  while (pos < src.length) {
    const ch = src[pos] ?? "";
    const next = src[pos + 1] ?? "";
    if (ch === "\\" && next === "\n") {
      flush();
      nodes.push({ type: "hardBreak" });
      pos += 2;
    } else if (ch === "\\" && asciiPunctuation.test(next)) {
      buffer += next;
      pos += 2;
    } else if (ch === "`") {
      const fence = /^`+/.exec(src.slice(pos))?.[0] ?? "`";
      const close = findRun(src, pos + fence.length, fence.length);
      if (close < 0)
        throw fail(pos, "Code span opened with ` is not closed; write \\` for a literal backtick");
      const content = src.slice(pos + fence.length, close).replace(/\n/g, " ");
      flush();
      flush([{ type: "code" }], padded(content) ? content.slice(1, -1) : content);
      pos = close + fence.length;
    } else if (ch === "*") {
      let run = /^\*+/.exec(src.slice(pos))?.[0].length ?? 1;
      flush();
      // Closing comes first: "***" after bold+italic closes both, "****" may close and reopen.
      // Exactly "**" inside italic opens bold, since closing and reopening italic means nothing.
      for (let top = stack.at(-1); top && run > 0; top = stack.at(-1)) {
        if (top.type === "italic" && (run !== 2 || opened("bold"))) run -= 1;
        else if (top.type === "bold" && run >= 2) run -= 2;
        else break;
        stack.pop();
      }
      for (const [type, size] of [
        ["bold", 2],
        ["italic", 1],
      ] as const) {
        if (run < size) continue;
        if (opened(type))
          throw fail(
            pos,
            "Misnested * or **: formatting must close in the reverse order it opened",
          );
        stack.push({ type, pos, from: 0 });
        run -= size;
      }
      if (run > 0) throw fail(pos, "Too many asterisks in a row; write \\* for a literal asterisk");
      pos += /^\*+/.exec(src.slice(pos))?.[0].length ?? 1;
    } else if (ch === "[") {
      if (opened("link")) throw fail(pos, "A link cannot contain another link");
      flush();
      stack.push({ type: "link", pos, from: nodes.length });
      pos++;
    } else if (ch === "]") {
      const top = stack.at(-1);
      if (!opened("link")) throw fail(pos, "Unmatched ]; write \\] for a literal bracket");
      if (top?.type !== "link")
        throw fail(pos, "Formatting opened inside link text must close before ]");
      if (next !== "(")
        throw fail(
          pos,
          "Link text [ ] must be followed by (url); write \\[ and \\] for literal brackets",
        );
      flush();
      const [href, end] = readHref(src, pos + 2, fail);
      stack.pop();
      for (const node of nodes.slice(top.from)) {
        if (node.type === "text")
          node.marks = [{ type: "link", attrs: { href } }, ...(node.marks ?? [])];
      }
      pos = end;
    } else if (ch === "!" && next === "[") {
      throw fail(pos, "Images are not supported");
    } else if (ch === "<" && /[A-Za-z/!?]/.test(next)) {
      throw fail(pos, "HTML and <…> links are not supported; write \\< for a literal <");
    } else {
      buffer += ch === "\n" ? " " : ch;
      pos++;
    }
  }
  flush();
  const open = stack.at(-1);
  if (open) throw fail(open.pos, unclosed[open.type]);
  return nodes;
}

/** Finds the next run of exactly `size` backticks at or after `from`; -1 if none. */
function findRun(src: string, from: number, size: number): number {
  for (let i = from; i < src.length; ) {
    const run = /^`*/.exec(src.slice(i))?.[0].length ?? 0;
    if (run === size) return i;
    i += Math.max(run, 1);
  }
  return -1;
}

/** Reads a link destination after "(": escapes allowed, parentheses balanced, no spaces or titles. */
function readHref(
  src: string,
  from: number,
  fail: (pos: number, reason: string) => MarkdownError,
): [string, number] {
  let href = "";
  let depth = 0;
  for (let pos = from; pos < src.length; pos++) {
    const ch = src[pos] ?? "";
    const next = src[pos + 1] ?? "";
    if (ch === "\n" || ch === " " || ch === "\t") {
      throw fail(
        pos,
        "A link URL cannot contain spaces or line breaks, and link titles are not supported",
      );
    }
    if (ch === "<" && !href) throw fail(pos, "Write the link URL without < >");
    if (ch === ")" && depth === 0) {
      if (!href) throw fail(pos, "The link URL is empty");
      if (!allowedHref.test(href)) {
        throw fail(pos, `Links must use http:, https: or mailto:, not "${href.slice(0, 40)}"`);
      }
      return [href, pos + 1];
    }
    if (ch === "\\" && asciiPunctuation.test(next)) {
      href += next;
      pos++;
      continue;
    }
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    href += ch;
  }
  throw fail(from, "The link URL is not closed by )");
}
