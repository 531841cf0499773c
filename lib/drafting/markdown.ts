import {
  MarkdownError,
  markdownToRichText,
  normaliseRichText,
  richTextToMarkdown,
} from "@/lib/drafting/markdown-text";
import {
  type ClauseField,
  emptyRichText,
  type RichText,
  type Strength,
  strengths,
} from "@/lib/drafting/rich-text";

/**
 * A whole standard as one Markdown file, for people to read, diff and exchange:
 *
 *   ---
 *   slug: "iot-trustmark"            every value is a JSON string, so any character survives
 *   name: "…"
 *   summary: "…"
 *   modules:                         or `modules: []`
 *     - code: "ORG"
 *       name: "…"
 *       summary: "…"
 *   levels:                          or `levels: []`; lowest first
 *     - name: "Bronze"
 *       summary: "…"
 *   ---
 *
 *   ## Module name (ORG)             every module, in order, even without clauses
 *
 *   ### ORG-1 Clause title
 *
 *   Level: Bronze · Strength: MUST   or `Level: recommended only · Strength: …`
 *   Status: retired                  only for retired clauses
 *
 *   body                             rich text as Markdown (markdown-text.ts)
 *
 *   #### Assessment                  always present, even when empty
 *
 *   #### Examples                    always present, even when empty
 *
 * Names, titles and level names sit on heading lines, so the writer collapses their whitespace.
 */

export type ModuleDocument = { code: string; name: string; summary: string };
export type LevelDocument = { name: string; summary: string };
export type ClauseDocument = {
  ref: string;
  moduleCode: string;
  title: string;
  level: string | null;
  strength: Strength;
  retired: boolean;
  body: RichText;
  assessment: RichText;
  examples: RichText;
};
export type StandardDocument = {
  slug: string;
  name: string;
  summary: string;
  modules: ModuleDocument[];
  levels: LevelDocument[];
  clauses: ClauseDocument[];
};
export type ImportProblem = { line: number; reason: string };
export type ImportResult =
  | { ok: true; standard: StandardDocument }
  | { ok: false; problems: ImportProblem[] };

type SrcLine = { text: string; line: number };
type Section = { heading: string; line: number; lines: SrcLine[] };
type Report = (line: number, reason: string) => void;

const modulePattern = /^[A-Z][A-Z0-9]{0,9}$/;
const refPattern = /^([A-Z][A-Z0-9]{0,9})-[1-9][0-9]*$/;
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const recommendedOnly = "recommended only";
const isBlank = (text: string) => /^[ \t]*$/.test(text);
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();
const splitLines = (text: string) => text.split(/\r\n|\r|\n/);
const q = (text: string) => JSON.stringify(text);

export function exportStandard(standard: StandardDocument): string {
  const out = ["---", `slug: ${q(standard.slug)}`, `name: ${q(standard.name)}`];
  out.push(`summary: ${q(standard.summary)}`, standard.modules.length ? "modules:" : "modules: []");
  for (const { code, name, summary } of standard.modules) {
    out.push(`  - code: ${q(code)}`, `    name: ${q(oneLine(name))}`, `    summary: ${q(summary)}`);
  }
  out.push(standard.levels.length ? "levels:" : "levels: []");
  for (const { name, summary } of standard.levels) {
    out.push(`  - name: ${q(oneLine(name))}`, `    summary: ${q(summary)}`);
  }
  out.push("---");
  const codes = new Set(standard.modules.map((module) => module.code));
  const stray = standard.clauses.find((clause) => !codes.has(clause.moduleCode));
  if (stray) throw new Error(`Clause ${stray.ref} belongs to unknown module ${stray.moduleCode}`);
  const field = (doc: RichText) => {
    const markdown = richTextToMarkdown(doc);
    if (markdown) out.push("", markdown);
  };
  for (const module of standard.modules) {
    out.push("", `## ${oneLine(module.name)} (${module.code})`);
    for (const clause of standard.clauses.filter((c) => c.moduleCode === module.code)) {
      const level = clause.level === null ? recommendedOnly : oneLine(clause.level);
      out.push("", `### ${clause.ref} ${oneLine(clause.title)}`, "");
      out.push(`Level: ${level} · Strength: ${clause.strength}`);
      if (clause.retired) out.push("Status: retired");
      field(clause.body);
      out.push("", "#### Assessment");
      field(clause.assessment);
      out.push("", "#### Examples");
      field(clause.examples);
    }
  }
  return `${out.join("\n")}\n`;
}

type FrontMatter = Omit<StandardDocument, "clauses" | "modules" | "levels"> & {
  modules: (ModuleDocument & { line: number })[];
  levels: (LevelDocument & { line: number })[];
  end: number;
};

class FrontMatterStop extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(reason);
  }
}

function stop(line: number, reason: string): never {
  throw new FrontMatterStop(line, reason);
}

/** Reads exactly the front matter exportStandard writes; a shape error stops the import. */
function readFrontMatter(lines: string[], report: Report): FrontMatter | null {
  if (lines[0] !== "---") {
    report(1, 'The file must start with front matter: a line "---"');
    return null;
  }
  const end = lines.indexOf("---", 1);
  if (end < 0) {
    report(1, 'The front matter is not closed by a line "---"');
    return null;
  }
  let i = 1;
  const value = (prefix: string): [string, number] => {
    const text = i < end ? (lines[i] ?? "") : "";
    const key = prefix.replace(/[ :-]/g, "");
    if (!text.startsWith(prefix))
      stop(i + 1, `Expected ${q(prefix.trim())} followed by a quoted string`);
    const raw = text.slice(prefix.length);
    let parsed: unknown;
    try {
      parsed = /^".*"$/s.test(raw) ? JSON.parse(raw) : null;
    } catch {
      parsed = null;
    }
    if (typeof parsed !== "string")
      stop(i + 1, `The ${key} must be a string in double quotes (JSON syntax)`);
    i++;
    return [parsed, i];
  };
  const list = <T>(key: string, read: () => T): T[] => {
    const text = i < end ? lines[i] : "";
    i++;
    if (text === `${key}: []`) return [];
    if (text !== `${key}:`)
      stop(i, `Expected "${key}:" followed by "  - " entries, or "${key}: []"`);
    const items = [read()];
    while (i < end && lines[i]?.startsWith("  - ")) items.push(read());
    return items;
  };
  try {
    const [slug, slugLine] = value("slug: ");
    const [name, nameLine] = value("name: ");
    const [summary] = value("summary: ");
    const modules = list("modules", () => {
      const [code, line] = value("  - code: ");
      return { code, line, name: value("    name: ")[0], summary: value("    summary: ")[0] };
    });
    const levels = list("levels", () => {
      const [levelName, line] = value("  - name: ");
      return { name: levelName, line, summary: value("    summary: ")[0] };
    });
    if (i < end) stop(i + 1, "Unexpected line in the front matter");
    if (!slugPattern.test(slug)) {
      report(
        slugLine,
        `The slug "${slug}" must be lowercase letters and digits joined by single hyphens`,
      );
    }
    if (!oneLine(name)) report(nameLine, "The standard needs a name");
    const seen = new Map<string, number>();
    const unique = (key: string, line: number, what: string) => {
      const first = seen.get(key);
      if (first) report(line, `Duplicate ${what} (first on line ${first})`);
      else seen.set(key, line);
    };
    for (const module of modules) {
      if (!modulePattern.test(module.code)) {
        report(
          module.line,
          `Module code "${module.code}" must be 1–10 capital letters or digits, starting with a letter`,
        );
      }
      unique(`module ${module.code}`, module.line, `module code ${module.code}`);
      checkName(module.name, module.line + 1, "A module name", report);
    }
    for (const level of levels) {
      checkName(level.name, level.line, "A level name", report);
      if (level.name === recommendedOnly)
        report(level.line, `"${recommendedOnly}" is reserved and cannot name a level`);
      unique(`level ${level.name}`, level.line, `level name "${level.name}"`);
    }
    return { slug, name, summary, modules, levels, end };
  } catch (error) {
    if (!(error instanceof FrontMatterStop)) throw error;
    report(error.line, error.message);
    return null;
  }
}

function checkName(name: string, line: number, what: string, report: Report) {
  if (!name) report(line, `${what} must not be empty`);
  else if (name !== oneLine(name)) report(line, `${what} must be one line without extra spaces`);
}

/** Splits lines into the text before the first heading and one section per heading. */
function sections(lines: string[], from: number, isHeading: (text: string) => boolean) {
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
function readField(lines: SrcLine[], report: Report): RichText {
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

function strayText(lines: SrcLine[], report: Report, reason: string) {
  lines.forEach((l, index) => {
    if (!isBlank(l.text) && (index === 0 || isBlank(lines[index - 1]?.text ?? "")))
      report(l.line, reason);
  });
}

const result = (problems: ImportProblem[], standard: () => StandardDocument): ImportResult =>
  problems.length
    ? { ok: false, problems: problems.sort((a, b) => a.line - b.line) }
    : { ok: true, standard: standard() };

const isStrength = (text: string): text is Strength =>
  (strengths as readonly string[]).includes(text);

/**
 * Accepts exactly what exportStandard writes, and reports every problem it finds with its line.
 * Re-exporting an imported file gives it back byte for byte.
 */
export function parseStandard(markdown: string): ImportResult {
  const lines = splitLines(markdown);
  const problems: ImportProblem[] = [];
  const report: Report = (line, reason) => {
    problems.push({ line, reason });
  };
  const front = readFrontMatter(lines, report);
  if (!front) return { ok: false, problems };
  const modules = new Map(
    front.modules.map((m, index) => [m.code, { ...m, index }] as const).reverse(),
  );
  const levels = new Set(front.levels.map((level) => level.name));
  const outside = "Text outside a clause; text belongs under a ### clause heading";
  const { preamble, found } = sections(lines, front.end + 1, (text) => /^#{2,3}(?: |$)/.test(text));
  strayText(preamble, report, outside);
  const clauses: ClauseDocument[] = [];
  const headings = new Map<string, number>();
  const refs = new Map<string, number>();
  let module: string | null | undefined; // undefined before any module heading, null after a bad one
  let reached = 0;
  for (const section of found) {
    if (section.heading.startsWith("### ") || section.heading === "###") {
      const clause = readClause(section, module, levels, refs, report);
      if (clause) clauses.push(clause);
      continue;
    }
    strayText(section.lines, report, outside);
    const match = /^## (.*) \(([^()]*)\)$/s.exec(section.heading);
    const known = modules.get(match?.[2] ?? "");
    const first = headings.get(known?.code ?? "");
    module = null;
    if (!match) report(section.line, 'A module heading must read "## Name (CODE)"');
    else if (!known)
      report(section.line, `Unknown module code "${match[2]}": the front matter does not list it`);
    else if (first)
      report(section.line, `Module ${known.code} already has a heading on line ${first}`);
    else {
      if (oneLine(match[1] ?? "") !== known.name) {
        report(
          section.line,
          `The front matter names module ${known.code} "${known.name}", not "${match[1]}"`,
        );
      }
      if (known.index < reached)
        report(section.line, `Module ${known.code} is out of the front matter's order`);
      reached = Math.max(reached, known.index + 1);
      headings.set(known.code, section.line);
      module = known.code;
    }
  }
  for (const { code, name, line } of modules.values()) {
    if (!headings.has(code)) report(line, `Module ${code} has no "## ${name} (${code})" heading`);
  }
  return result(problems, () => ({
    slug: front.slug,
    name: front.name,
    summary: front.summary,
    modules: front.modules.map(({ code, name, summary }) => ({ code, name, summary })),
    levels: front.levels.map(({ name, summary }) => ({ name, summary })),
    clauses,
  }));
}

function readClause(
  section: Section,
  module: string | null | undefined,
  levels: Set<string>,
  refs: Map<string, number>,
  report: Report,
): ClauseDocument | null {
  const { line } = section;
  const match = /^### (\S+)(.*)$/s.exec(section.heading);
  const ref = match?.[1] ?? "";
  const title = oneLine(match?.[2] ?? "");
  const prefix = refPattern.exec(ref)?.[1];
  const first = refs.get(ref);
  let valid = typeof module === "string" && prefix === module && !first && title !== "";
  if (module === undefined) report(line, "Clause heading before any module heading");
  if (!match)
    report(line, 'A clause heading must read "### REF Title", such as "### SW-4 Security updates"');
  else if (!prefix)
    report(
      line,
      `Malformed clause ref "${ref}"; expected a module code, "-" and a number, such as SW-4`,
    );
  else if (module && prefix !== module)
    report(
      line,
      `Clause ${ref} is under module ${module}, so its ref must start with "${module}-"`,
    );
  if (prefix && first) report(line, `Duplicate clause ref ${ref} (first on line ${first})`);
  else if (prefix) refs.set(ref, line);
  if (match && !title) report(line, `Clause ${ref} has an empty title`);

  const rest = section.lines;
  let k = rest.findIndex((l) => !isBlank(l.text));
  const levelLine = rest[k];
  let level: string | null = null;
  let strength: Strength = "MUST";
  let retired = false;
  if (!levelLine?.text.startsWith("Level:")) {
    report(line, `Clause ${ref} has no "Level: … · Strength: …" line under its heading`);
    valid = false;
    k = 0;
  } else {
    const parsed = /^Level: (.+) · Strength: (.*)$/s.exec(levelLine.text);
    const [, name = "", given = ""] = parsed ?? [];
    level = name === recommendedOnly ? null : name;
    if (!parsed)
      report(
        levelLine.line,
        'The Level line must read "Level: <level> · Strength: <MUST, SHOULD or MAY>"',
      );
    else if (level !== null && !levels.has(level)) {
      const known = [...levels, recommendedOnly].map((n) => `"${n}"`).join(", ");
      report(levelLine.line, `Unknown level "${level}"; use one of ${known}`);
    }
    if (isStrength(given)) strength = given;
    else if (parsed) report(levelLine.line, `Unknown strength "${given}"; use MUST, SHOULD or MAY`);
    const status = rest[k + 1];
    k += 1;
    if (status?.text.startsWith("Status:")) {
      k += 1;
      retired = status.text === "Status: retired";
      if (!retired) report(status.line, 'The only status line is "Status: retired"');
    }
  }

  const parts: Record<ClauseField, SrcLine[]> = { body: [], assessment: [], examples: [] };
  const order = [
    ["#### Assessment", "assessment"],
    ["#### Examples", "examples"],
  ] as const;
  let target: SrcLine[] = parts.body;
  let next = 0;
  for (const l of rest.slice(k)) {
    const expected = order[next];
    if (!/^####(?: |$)/.test(l.text)) target.push(l);
    else if (l.text === expected?.[0]) {
      target = parts[expected[1]];
      next++;
    } else {
      const known = order.some(([heading]) => heading === l.text);
      report(
        l.line,
        `${known ? "Out-of-place" : "Unknown"} subsection "${l.text}"; a clause has "#### Assessment" then "#### Examples"`,
      );
      target = [];
    }
  }
  for (const [heading] of order.slice(next))
    report(line, `Clause ${ref} has no "${heading}" subsection`);
  const body = readField(parts.body, report);
  const assessment = readField(parts.assessment, report);
  const examples = readField(parts.examples, report);
  if (!valid || typeof module !== "string") return null;
  return { ref, moduleCode: module, title, level, strength, retired, body, assessment, examples };
}

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
