import type { Mapping } from "@/lib/drafting/mappings";
import {
  isBlank,
  oneLine,
  type Report,
  readField,
  recommendedOnly,
  type Section,
  type SrcLine,
} from "@/lib/drafting/markdown/common";
import { mappingsHeading, readMappings } from "@/lib/drafting/markdown/mappings";
import type { ClauseDocument } from "@/lib/drafting/markdown/types";
import { type ClauseField, type Strength, strengths } from "@/lib/drafting/rich-text";

const refPattern = /^([A-Z][A-Z0-9]{0,9})-[1-9][0-9]*$/;

const isStrength = (text: string): text is Strength =>
  (strengths as readonly string[]).includes(text);

/**
 * Reads one "### REF Title" section: the Level and Status lines, then body, Assessment and
 * Examples. Every problem is reported; the clause is returned only when it can be kept.
 */
export function readClause(
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
  let mappings: Mapping[] = [];
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
    if (rest[k]?.text === mappingsHeading) {
      const read = readMappings(rest, k + 1, report);
      mappings = read.mappings;
      k += 1 + read.read;
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
  return {
    ref,
    moduleCode: module,
    title,
    level,
    strength,
    retired,
    body,
    assessment,
    examples,
    ...(mappings.length ? { mappings } : {}),
  };
}
