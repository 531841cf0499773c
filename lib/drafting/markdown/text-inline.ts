import {
  allowedHref,
  type Mark,
  MarkdownError,
  padded,
  textNode,
} from "@/lib/drafting/markdown/text-common";
import type { RichText } from "@/lib/drafting/rich-text";

// As in CommonMark, only ASCII punctuation can be escaped; any other backslash is literal text.
const asciiPunctuation = /[!-/:-@[-`{-~]/;

type Frame = { type: "bold" | "italic" | "link"; pos: number; from: number };
const unclosed = {
  bold: "Bold text opened with ** is not closed; write \\* for a literal asterisk",
  italic: "Italic text opened with * is not closed; write \\* for a literal asterisk",
  link: "Link text opened with [ is not closed by ](url); write \\[ for a literal bracket",
};

/** Inline syntax: delimiters must pair and nest strictly; anything else needs a backslash. */
export function parseInline(src: string, lineAt: (pos: number) => number): RichText[] {
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
