import { readClause } from "@/lib/drafting/markdown/clause";
import {
  isBlank,
  oneLine,
  q,
  type Report,
  readField,
  recommendedOnly,
  result,
  type SrcLine,
  sections,
  splitLines,
} from "@/lib/drafting/markdown/common";
import { readFrontMatter } from "@/lib/drafting/markdown/front-matter";
import {
  checkMappedFrameworks,
  writeFrameworks,
  writeMappings,
} from "@/lib/drafting/markdown/mappings";
import { richTextToMarkdown } from "@/lib/drafting/markdown/text";
import type {
  ClauseDocument,
  ImportProblem,
  ImportResult,
  SectionDocument,
  StandardDocument,
} from "@/lib/drafting/markdown/types";
import type { RichText } from "@/lib/drafting/rich-text";

/**
 * A whole standard as one Markdown file, for people to read, diff and exchange:
 *
 *   ---
 *   slug: "iot-trustmark"            every value is a JSON string, so any character survives
 *   name: "…"
 *   summary: "…"
 *   sections:                        only when there are prose sections, in order
 *     - slug: "definitions"          the section's permalink anchor
 *       kind: "definitions"          one of sectionKinds
 *       title: "…"
 *       status: "retired"            only for retired sections
 *   modules:                         or `modules: []`
 *     - code: "ORG"
 *       name: "…"
 *       summary: "…"
 *   levels:                          or `levels: []`; lowest first
 *     - name: "Bronze"
 *       summary: "…"
 *   frameworks:                      only when clauses map to other frameworks (mappings.ts)
 *     - key: "etsi-en-303-645"
 *       name: "…"
 *       version: "…"
 *       url: "…"
 *   ---
 *
 *   ## Module name (ORG)             every module, in order, even without clauses
 *
 *   ### ORG-1 Clause title
 *
 *   Level: Bronze · Strength: MUST   or `Level: recommended only · Strength: …`
 *   Status: retired                  only for retired clauses
 *   Mappings:                        only for clauses with mappings (mappings.ts)
 *   - etsi-en-303-645 "5.3-2" superset "…"
 *
 *   body                             rich text as Markdown (text.ts)
 *
 *   #### Assessment                  always present, even when empty
 *
 *   #### Examples                    always present, even when empty
 *
 * Names, titles and level names sit on heading lines, so the writer collapses their whitespace.
 */

export function exportStandard(standard: StandardDocument): string {
  const out = ["---", `slug: ${q(standard.slug)}`, `name: ${q(standard.name)}`];
  out.push(`summary: ${q(standard.summary)}`);
  const proseSections = standard.sections ?? [];
  if (proseSections.length) out.push("sections:");
  for (const { slug, kind, title, retired } of proseSections) {
    out.push(`  - slug: ${q(slug)}`, `    kind: ${q(kind)}`, `    title: ${q(oneLine(title))}`);
    if (retired) out.push('    status: "retired"');
  }
  out.push(standard.modules.length ? "modules:" : "modules: []");
  for (const { code, name, summary } of standard.modules) {
    out.push(`  - code: ${q(code)}`, `    name: ${q(oneLine(name))}`, `    summary: ${q(summary)}`);
  }
  out.push(standard.levels.length ? "levels:" : "levels: []");
  for (const { name, summary } of standard.levels) {
    out.push(`  - name: ${q(oneLine(name))}`, `    summary: ${q(summary)}`);
  }
  out.push(...writeFrameworks(standard.frameworks), "---");
  const codes = new Set(standard.modules.map((module) => module.code));
  const stray = standard.clauses.find((clause) => !codes.has(clause.moduleCode));
  if (stray) throw new Error(`Clause ${stray.ref} belongs to unknown module ${stray.moduleCode}`);
  const field = (doc: RichText) => {
    const markdown = richTextToMarkdown(doc);
    if (markdown) out.push("", markdown);
  };
  for (const section of proseSections) {
    out.push("", `## ${oneLine(section.title)} {#${section.slug}}`);
    field(section.body);
  }
  for (const module of standard.modules) {
    out.push("", `## ${oneLine(module.name)} (${module.code})`);
    for (const clause of standard.clauses.filter((c) => c.moduleCode === module.code)) {
      const level = clause.level === null ? recommendedOnly : oneLine(clause.level);
      out.push("", `### ${clause.ref} ${oneLine(clause.title)}`, "");
      out.push(`Level: ${level} · Strength: ${clause.strength}`);
      if (clause.retired) out.push("Status: retired");
      out.push(...writeMappings(clause.mappings));
      field(clause.body);
      out.push("", "#### Assessment");
      field(clause.assessment);
      out.push("", "#### Examples");
      field(clause.examples);
    }
  }
  return `${out.join("\n")}\n`;
}

/** Reports each paragraph of lines that should not hold text, once, at its first line. */
function strayText(lines: SrcLine[], report: Report, reason: string) {
  lines.forEach((l, index) => {
    if (!isBlank(l.text) && (index === 0 || isBlank(lines[index - 1]?.text ?? "")))
      report(l.line, reason);
  });
}

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
  const proseSections: SectionDocument[] = [];
  const entries = new Map(front.sections.map((entry, index) => [entry.slug, { ...entry, index }]));
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
    const prose = /^## (.*) \{#([^{}]*)\}$/s.exec(section.heading);
    if (prose) {
      // A clause heading after a section belongs to no module.
      module = undefined;
      const entry = entries.get(prose[2] ?? "");
      const body = readField(section.lines, report);
      if (!entry)
        report(section.line, `Unknown section "${prose[2]}": the front matter does not list it`);
      else if (headings.has(`#${entry.slug}`))
        report(
          section.line,
          `Section ${entry.slug} already has a heading on line ${headings.get(`#${entry.slug}`)}`,
        );
      else if (reached > 0 || entry.index < proseSections.length)
        report(
          section.line,
          `Section ${entry.slug} is out of the front matter's order, or after a module`,
        );
      else {
        if (oneLine(prose[1] ?? "") !== entry.title)
          report(
            section.line,
            `The front matter titles section ${entry.slug} "${entry.title}", not "${prose[1]}"`,
          );
        headings.set(`#${entry.slug}`, section.line);
        const { slug, kind, title, retired } = entry;
        proseSections.push({ slug, kind, title, retired, body });
      }
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
  for (const { slug, title, line } of entries.values()) {
    if (!headings.has(`#${slug}`))
      report(line, `Section ${slug} has no "## ${title} {#${slug}}" heading`);
  }
  for (const { code, name, line } of modules.values()) {
    if (!headings.has(code)) report(line, `Module ${code} has no "## ${name} (${code})" heading`);
  }
  checkMappedFrameworks(clauses, front.frameworks, (ref) => refs.get(ref) ?? 0, report);
  return result(problems, () => ({
    slug: front.slug,
    name: front.name,
    summary: front.summary,
    ...(proseSections.length ? { sections: proseSections } : {}),
    modules: front.modules.map(({ code, name, summary }) => ({ code, name, summary })),
    levels: front.levels.map(({ name, summary }) => ({ name, summary })),
    ...(front.frameworks?.length ? { frameworks: front.frameworks } : {}),
    clauses,
  }));
}
