import type { RichText } from "@/lib/drafting/rich-text";
import { slugFromTitle } from "@/lib/drafting/sections-rules";

/**
 * Defined terms. In a definitions section, a paragraph that is bold text and nothing else names a
 * term; the blocks after it, up to the next term, define it. Everything here is pure, so the
 * reader, the exports and the tests agree on what a term is.
 */
export type Term = {
  term: string;
  /** The anchor of its definition: "term-" and the slugified term, e.g. term-device. */
  slug: string;
  definition: RichText;
};

/** The text of a paragraph that is wholly bold, trimmed and without a closing colon; else null. */
export function termOfParagraph(block: RichText): string | null {
  if (block.type !== "paragraph" || !block.content?.length) return null;
  let text = "";
  for (const node of block.content) {
    if (node.type !== "text") return null;
    if (!(node.marks ?? []).some((mark) => mark.type === "bold")) {
      if ((node.text ?? "").trim() === "") {
        text += node.text ?? "";
        continue; // spaces around the bold words do not make it prose
      }
      return null;
    }
    if ((node.marks ?? []).some((mark) => mark.type === "link" || mark.type === "code")) {
      return null;
    }
    text += node.text ?? "";
  }
  const term = text.replace(/\s+/g, " ").trim().replace(/\s*:$/, "");
  return term === "" ? null : term;
}

/** The anchor of a term's definition. */
export const termSlug = (term: string) => `term-${slugFromTitle(term)}`;

/**
 * A definitions section split into what comes before the first term (an introduction) and its
 * terms in order. A term defined twice keeps its first anchor; the second gets `-2`.
 */
export function splitDefinitions(body: RichText): { preamble: RichText[]; terms: Term[] } {
  const preamble: RichText[] = [];
  const terms: { term: string; slug: string; blocks: RichText[] }[] = [];
  const used = new Set<string>();
  for (const block of body.content ?? []) {
    const term = termOfParagraph(block);
    if (term !== null) {
      const base = termSlug(term);
      let slug = base;
      for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
      used.add(slug);
      terms.push({ term, slug, blocks: [] });
    } else {
      const current = terms.at(-1);
      if (current) current.blocks.push(block);
      else preamble.push(block);
    }
  }
  return {
    preamble,
    terms: terms.map(({ term, slug, blocks }) => ({
      term,
      slug,
      definition: { type: "doc", content: blocks },
    })),
  };
}

/** The terms a definitions section defines, in order. */
export function termsOf(body: RichText): Term[] {
  return splitDefinitions(body).terms;
}

/** What a text is cut into: plain runs, and runs that name a term (with its anchor). */
export type TermSegment = { text: string; slug: string | null };

/** Terms compiled once for a whole document; null when there is nothing to find. */
export type TermMatcher = { pattern: RegExp; slugs: Map<string, string> } | null;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const normal = (text: string) => text.replace(/\s+/g, " ").toLocaleLowerCase("en");

/**
 * A matcher for the terms: whole words only (a letter, digit or underscore on either side
 * prevents a match), any case, any run of spaces between a term's words, and a plural "s" or
 * "es". The longest term wins where two overlap ("smart device" before "device").
 */
export function termMatcher(terms: Pick<Term, "term" | "slug">[]): TermMatcher {
  const slugs = new Map<string, string>();
  for (const { term, slug } of terms) {
    const key = normal(term.trim());
    if (key !== "" && !slugs.has(key)) slugs.set(key, slug);
  }
  if (slugs.size === 0) return null;
  const alternatives = [...slugs.keys()]
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((key) => key.split(" ").map(escapeRegExp).join("\\s+"));
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_])(${alternatives.join("|")})(?:e?s)?(?![\\p{L}\\p{N}_])`,
    "giu",
  );
  return { pattern, slugs };
}

/** Cuts a text into runs, marking each whole-word occurrence of a term. */
export function splitByTerms(text: string, matcher: TermMatcher): TermSegment[] {
  if (!matcher || text === "") return text === "" ? [] : [{ text, slug: null }];
  const segments: TermSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(matcher.pattern)) {
    const slug = matcher.slugs.get(normal(match[1] ?? ""));
    if (!slug) continue;
    if (match.index > last) segments.push({ text: text.slice(last, match.index), slug: null });
    segments.push({ text: match[0], slug });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), slug: null });
  return segments;
}

/** Whether a text node may carry term links: not when it is already a link or code. */
export function mayLinkTerms(node: RichText): boolean {
  return !(node.marks ?? []).some((mark) => mark.type === "link" || mark.type === "code");
}

export type TermOccurrence = {
  /** Indexes from the document down to the text node. */
  path: number[];
  start: number;
  end: number;
  text: string;
  slug: string;
};

/** Every occurrence of a term in the document's text nodes, outside links and code, in order. */
export function termOccurrences(doc: RichText, terms: Pick<Term, "term" | "slug">[]) {
  const matcher = termMatcher(terms);
  const found: TermOccurrence[] = [];
  const walk = (node: RichText, path: number[]) => {
    if (node.type === "text") {
      if (!mayLinkTerms(node)) return;
      let offset = 0;
      for (const segment of splitByTerms(node.text ?? "", matcher)) {
        const end = offset + segment.text.length;
        if (segment.slug)
          found.push({ path, start: offset, end, text: segment.text, slug: segment.slug });
        offset = end;
      }
      return;
    }
    for (const [index, child] of (node.content ?? []).entries()) walk(child, [...path, index]);
  };
  walk(doc, []);
  return found;
}
