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
import { normaliseRichText } from "@/lib/drafting/markdown/text";
import type {
  ClauseDocument,
  ImportProblem,
  ImportResult,
  LevelDocument,
} from "@/lib/drafting/markdown/types";
import type { ClauseField, RichText, Strength } from "@/lib/drafting/rich-text";

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
const joinText = (lines: SrcLine[]) =>
  lines
    .map((l) => l.text)
    .join("\n")
    .trim();

type Requirement = { line: number; number: number; sentence: string; lines: SrcLine[] };
type PlainModule = {
  name: string;
  code: string;
  line: number;
  summary: string;
  requirements: Requirement[];
};

/**
 * Imports an outside document written in plain conventions: an optional "# Title" first line
 * (ignored; text before the first module becomes the summary), "## Module name" or
 * "## Module name (CODE)" headings (text under one before its first requirement becomes the
 * module summary), and "### N. requirement sentence" headings. The sentence and the paragraphs
 * after it form the body until a paragraph starting "Assessment:" or "Example(s):" (optionally in
 * bold) starts that field. Refs are CODE-1, CODE-2, … in document order; levels are left empty.
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
  const modules: PlainModule[] = [];
  const explicit = new Set<string>();
  found.forEach((section, index) => {
    const depth = /^#+/.exec(section.heading)?.[0].length ?? 0;
    // A closing run of # is decoration in Markdown ("## Data ##").
    const text = section.heading
      .slice(depth)
      .replace(/[ \t]+#+[ \t]*$/, "")
      .trim();
    const current = modules.at(-1);
    if (depth === 1) {
      if (index > 0 || preamble.some((l) => !isBlank(l.text)))
        report(section.line, "Only the first line may be a # title");
      intro.push(...section.lines);
    } else if (depth === 2) {
      const match = /^(.*?)[ \t]*\(([A-Z][A-Z0-9]{0,9})\)$/s.exec(text);
      const name = oneLine(match ? (match[1] ?? "") : text);
      const code = match?.[2] ?? "";
      if (!name) report(section.line, "A module heading needs a name");
      if (code && explicit.has(code)) report(section.line, `Duplicate module code ${code}`);
      if (code) explicit.add(code);
      modules.push({
        name,
        code,
        line: section.line,
        summary: joinText(section.lines),
        requirements: [],
      });
    } else {
      const match = /^(\d+)[.)][ \t]+(\S.*)$/s.exec(text);
      const number = Number(match?.[1]);
      const twin = current?.requirements.find((r) => r.number === number);
      if (!current) report(section.line, "Requirement before any ## module heading");
      if (!match) report(section.line, 'A requirement heading must read "### N. requirement text"');
      else if (twin)
        report(
          section.line,
          `Requirement ${number} appears twice in "${current?.name}" (first on line ${twin.line})`,
        );
      else
        current?.requirements.push({
          line: section.line,
          number,
          sentence: match[2] ?? "",
          lines: section.lines,
        });
    }
  });
  const taken = new Set(explicit);
  for (const module of modules) {
    module.code ||= deriveModuleCode(module.name, taken);
    taken.add(module.code);
  }
  const clauses = modules.flatMap((module) =>
    module.requirements.map((r, index) => readRequirement(r, module.code, index + 1, report)),
  );
  return result(problems, () => ({
    slug: base.slug,
    name: base.name,
    summary: joinText(intro),
    modules: modules.map(({ code, name, summary }) => ({ code, name, summary })),
    levels: base.levels.map(({ name, summary }) => ({ name, summary })),
    clauses,
  }));
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
