import {
  isBlank,
  oneLine,
  type Report,
  readField,
  result,
  type SrcLine,
  sections,
  splitLines,
} from "@/lib/drafting/markdown/common";
import {
  flattenSubheadings,
  guessSectionKind,
  sectionSlug,
  withoutContents,
  withoutInternalLinks,
} from "@/lib/drafting/markdown/plain-sections";
import { normaliseRichText } from "@/lib/drafting/markdown/text";
import type {
  ClauseDocument,
  ImportProblem,
  ImportResult,
  LevelDocument,
  SectionDocument,
} from "@/lib/drafting/markdown/types";
import {
  type ClauseField,
  plainTextOf,
  type RichText,
  type Strength,
} from "@/lib/drafting/rich-text";

/**
 * Module code for a heading without "(CODE)": the ASCII letters of the first word that has any
 * (accents stripped), uppercased, at most six ("Data handling" → DATA, "Sécurité" → SECURI);
 * if taken, the digits 2, 3, … are appended (DATA2). "M" stands in when no word has letters.
 */
export function deriveModuleCode(name: string, taken: ReadonlySet<string>): string {
  const words = name.normalize("NFKD").replace(/\p{M}/gu, "").split(/\s+/);
  const base = (words.find((w) => /[A-Za-z]/.test(w)) ?? "M")
    .replace(/[^A-Za-z]/g, "")
    .toUpperCase()
    .slice(0, 6);
  for (let n = 1; ; n++) {
    const code = n === 1 ? base : `${base}${n}`;
    if (!taken.has(code)) return code;
  }
}

/**
 * Strength from RFC 2119 keywords, which count only in capitals (RFC 8174); the strongest wins.
 * MUST NOT, SHALL NOT, SHOULD NOT and NOT RECOMMENDED contain a weaker-or-equal keyword already.
 */
export function inferStrength(sentence: string): Strength | null {
  if (/\b(?:MUST|SHALL|REQUIRED)\b/.test(sentence)) return "MUST";
  if (/\b(?:SHOULD|RECOMMENDED)\b/.test(sentence)) return "SHOULD";
  return /\b(?:MAY|OPTIONAL)\b/.test(sentence) ? "MAY" : null;
}

/** A title from the requirement: all of it up to ten words, else its first eight and "…". */
function titleOf(sentence: string): string {
  const words = oneLine(sentence).split(" ");
  const head = words
    .slice(0, words.length > 10 ? 8 : 10)
    .join(" ")
    .replace(/[.,;:!?]+$/, "");
  return words.length > 10 ? `${head}…` : head;
}

const plainText = (node: RichText, skipCode: boolean): string => {
  if (node.type === "hardBreak") return " ";
  if (node.type !== "text") {
    return (node.content ?? [])
      .map((c) => plainText(c, skipCode))
      .join(node.type === "paragraph" ? "" : " ");
  }
  return skipCode && node.marks?.some((m) => m.type === "code") ? "" : (node.text ?? "");
};
type Requirement = { line: number; number: number; sentence: string; lines: SrcLine[] };
type PlainModule = {
  name: string;
  code: string;
  line: number;
  summary: string;
  requirements: Requirement[];
};
type Subsection = { title: string; line: number; lines: SrcLine[] };
type Block = { title: string; line: number; lines: SrcLine[]; children: Subsection[] };
const numbered = /^(\d+)[.)][ \t]+(\S.*)$/s;

/** Text without Markdown, for the places that hold plain text (summaries). */
function plainOf(lines: SrcLine[], report: Report): string {
  const kept = withoutContents(withoutInternalLinks(lines)).kept;
  return plainTextOf(readField(kept, report)).trim();
}

/**
 * Imports an outside document as communities write them. An optional "# Title" first line names
 * the standard when the form does not; text before the first "##" heading becomes its summary.
 * A "##" heading holding "### N. requirement sentence" headings is a module ("## Name" or
 * "## Name (CODE)"), the text before its first requirement (a "Note: …") its summary. Every
 * other "##" heading is a prose section whose kind its title names; its "###" subheadings
 * become wholly bold paragraphs (the terms of a definitions section). Tables of contents made of
 * links to the document's own headings are dropped. A requirement's sentence and the paragraphs
 * after it form the body until a paragraph starting "Assessment:" or "Example(s):" (optionally
 * in bold) starts that field. Refs are CODE-1, CODE-2, … in document order; levels are left empty.
 */
export function parsePlainDocument(
  markdown: string,
  base: { slug: string; name: string; levels: LevelDocument[] },
): ImportResult {
  const problems: ImportProblem[] = [];
  const report: Report = (line, reason) => {
    problems.push({ line, reason });
  };
  const { preamble, found } = sections(splitLines(markdown), 0, (t) =>
    /^#{1,3}(?:[ \t]|$)/.test(t),
  );
  const intro = [...preamble];
  let title = "";
  const blocks: Block[] = [];
  found.forEach((section, index) => {
    const depth = /^#+/.exec(section.heading)?.[0].length ?? 0;
    // A closing run of # is decoration in Markdown ("## Data ##").
    const text = section.heading
      .slice(depth)
      .replace(/[ \t]+#+[ \t]*$/, "")
      .trim();
    const current = blocks.at(-1);
    if (depth === 1) {
      if (index > 0 || preamble.some((l) => !isBlank(l.text)))
        report(section.line, "Only the first line may be a # title");
      else title = oneLine(text.replace(/[*_`]+/g, ""));
      intro.push(...section.lines);
    } else if (depth === 2) {
      blocks.push({ title: text, line: section.line, lines: section.lines, children: [] });
    } else if (current) {
      current.children.push({ title: text, line: section.line, lines: section.lines });
    } else if (numbered.test(text)) {
      report(section.line, "Requirement before any ## module heading");
    } else intro.push(...flattenSubheadings([], [{ ...section, title: text }]));
  });
  const modules: PlainModule[] = [];
  const proseSections: SectionDocument[] = [];
  const explicit = new Set<string>();
  const slugs = new Set<string>();
  for (const block of blocks) {
    if (!block.children.some((child) => numbered.test(child.title))) {
      const section = readProse(block, slugs, report);
      if (section) proseSections.push(section);
      continue;
    }
    const match = /^(.*?)[ \t]*\(([A-Z][A-Z0-9]{0,9})\)$/s.exec(block.title);
    const name = oneLine(match ? (match[1] ?? "") : block.title);
    const code = match?.[2] ?? "";
    if (!name) report(block.line, "A module heading needs a name");
    if (code && explicit.has(code)) report(block.line, `Duplicate module code ${code}`);
    if (code) explicit.add(code);
    const module: PlainModule = {
      name,
      code,
      line: block.line,
      summary: plainOf(block.lines, report),
      requirements: [],
    };
    modules.push(module);
    for (const child of block.children) {
      const found = numbered.exec(child.title);
      const number = Number(found?.[1]);
      const twin = module.requirements.find((r) => r.number === number);
      if (!found) report(child.line, 'A requirement heading must read "### N. requirement text"');
      else if (twin)
        report(
          child.line,
          `Requirement ${number} appears twice in "${name}" (first on line ${twin.line})`,
        );
      else
        module.requirements.push({
          line: child.line,
          number,
          sentence: found[2] ?? "",
          lines: withoutInternalLinks(child.lines),
        });
    }
  }
  const taken = new Set(explicit);
  for (const module of modules) {
    module.code ||= deriveModuleCode(module.name, taken);
    taken.add(module.code);
  }
  const clauses = modules.flatMap((module) =>
    module.requirements.map((r, index) => readRequirement(r, module.code, index + 1, report)),
  );
  const name = oneLine(base.name) || title;
  return result(problems, () => ({
    slug: base.slug || sectionSlug(name, new Set()),
    name,
    summary: plainOf(intro, report),
    ...(proseSections.length ? { sections: proseSections } : {}),
    modules: modules.map(({ code, name, summary }) => ({ code, name, summary })),
    levels: base.levels.map(({ name, summary }) => ({ name, summary })),
    clauses,
  }));
}

/** A heading without requirements: a prose section, or nothing if it only held contents. */
function readProse(block: Block, slugs: Set<string>, report: Report): SectionDocument | null {
  const title = oneLine(block.title.replace(/[*_`]+/g, ""));
  const own = withoutContents(block.lines);
  const children = block.children.map((child) => ({
    ...child,
    lines: withoutContents(child.lines).kept,
  }));
  const lines = withoutInternalLinks(flattenSubheadings(own.kept, children));
  if (lines.every((l) => isBlank(l.text))) return null;
  if (!title) report(block.line, "A section heading needs a title");
  const slug = sectionSlug(title, slugs);
  slugs.add(slug);
  return {
    slug,
    kind: guessSectionKind(title),
    title,
    retired: false,
    body: readField(lines, report),
  };
}

function readRequirement(r: Requirement, code: string, n: number, report: Report): ClauseDocument {
  const parts: Record<ClauseField, SrcLine[]> = { body: [], assessment: [], examples: [] };
  let target: ClauseField = "body";
  for (const [index, l] of r.lines.entries()) {
    const starts = index === 0 || isBlank(r.lines[index - 1]?.text ?? "");
    const label = starts ? /^(\*\*)?(Assessment|Examples?):\1[ \t]*/.exec(l.text) : null;
    if (!label) {
      parts[target].push(l);
      continue;
    }
    target = label[2] === "Assessment" ? "assessment" : "examples";
    if (parts[target].length)
      report(l.line, `Requirement ${r.number} has a second "${label[2]}:" paragraph`);
    parts[target].push({ text: l.text.slice(label[0].length), line: l.line });
  }
  const sentence = readField([{ text: r.sentence, line: r.line }], report);
  const rest = readField(parts.body, report);
  const strength = inferStrength(plainText(sentence, true));
  if (!strength)
    report(
      r.line,
      `Requirement ${r.number} has no RFC 2119 keyword (MUST, SHOULD, MAY, …) in capitals`,
    );
  return {
    ref: `${code}-${n}`,
    moduleCode: code,
    title: titleOf(plainText(sentence, false)),
    level: null,
    strength: strength ?? "MUST",
    retired: false,
    body: normaliseRichText({
      type: "doc",
      content: [...(sentence.content ?? []), ...(rest.content ?? [])],
    }),
    assessment: readField(parts.assessment, report),
    examples: readField(parts.examples, report),
  };
}
