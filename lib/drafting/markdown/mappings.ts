import {
  frameworkKeySchema,
  frameworkUrlSchema,
  type Mapping,
  mappingSchema,
  relationships,
  sortMappings,
} from "@/lib/drafting/mappings";
import { q, type Report, type SrcLine } from "@/lib/drafting/markdown/common";
import type { FrameworkDocument } from "@/lib/drafting/markdown/types";

/**
 * A clause's links to other frameworks, right under its Level (and Status) line:
 *
 *   Mappings:
 *   - etsi-en-303-645 "5.3-2" superset "Why the clause asks more than the provision."
 *
 * framework key, provision, relationship, rationale; the provision and rationale are JSON
 * strings, so any character survives. The frameworks themselves are listed in the front matter
 * (`frameworks:`, after `levels:`), each with its key, name, version and address.
 */

export const mappingsHeading = "Mappings:";

export function writeMappings(mappings: readonly Mapping[] | undefined): string[] {
  if (!mappings?.length) return [];
  return [
    mappingsHeading,
    ...sortMappings(mappings).map(
      (m) => `- ${m.framework} ${q(m.provision)} ${m.relationship} ${q(m.rationale)}`,
    ),
  ];
}

const quoted = String.raw`"(?:[^"\\]|\\.)*"`;
const mappingLine = new RegExp(`^- (\\S+) (${quoted}) (\\S+) (${quoted})$`, "s");

/**
 * Reads the mapping lines that follow a "Mappings:" line, from `lines[start]`. Says how many
 * lines it read, and the mappings it could keep; every bad line is reported.
 */
export function readMappings(
  lines: SrcLine[],
  start: number,
  report: Report,
): { read: number; mappings: Mapping[] } {
  const mappings: Mapping[] = [];
  let k = start;
  for (; lines[k]?.text.startsWith("- "); k++) {
    const { text, line } = lines[k] as SrcLine;
    const match = mappingLine.exec(text);
    const parsed = match
      ? mappingSchema.safeParse({
          framework: match[1],
          provision: JSON.parse(match[2] ?? '""'),
          relationship: match[3],
          rationale: JSON.parse(match[4] ?? '""'),
        })
      : null;
    if (parsed?.success) mappings.push(parsed.data);
    else if (match && !(relationships as readonly string[]).includes(match[3] ?? ""))
      report(line, `Unknown relationship "${match[3]}"; use one of ${relationships.join(", ")}`);
    else
      report(line, 'A mapping reads - <framework key> "<provision>" <relationship> "<rationale>"');
  }
  if (k === start) report(lines[start - 1]?.line ?? 0, `"${mappingsHeading}" lists no mapping`);
  return { read: k - start, mappings: sortMappings(mappings) };
}

/** The front matter's lines for the frameworks a standard lists; none when it lists none. */
export function writeFrameworks(frameworks: readonly FrameworkDocument[] | undefined): string[] {
  if (!frameworks?.length) return [];
  return [
    "frameworks:",
    ...frameworks.flatMap(({ key, name, version, url }) => [
      `  - key: ${q(key)}`,
      `    name: ${q(name)}`,
      `    version: ${q(version)}`,
      `    url: ${q(url)}`,
    ]),
  ];
}

/** Reports what is wrong with a framework the front matter lists, at its key's line. */
export function checkFramework(framework: FrameworkDocument, line: number, report: Report) {
  if (!frameworkKeySchema.safeParse(framework.key).success)
    report(line, `Framework key "${framework.key}" must be lowercase letters, digits and hyphens`);
  if (!framework.name.trim()) report(line + 1, "A framework needs a name");
  if (!frameworkUrlSchema.safeParse(framework.url).success)
    report(line + 3, `The framework's address must be an http or https URL, or ""`);
}

/** Mappings that name a framework the front matter does not list. */
export function checkMappedFrameworks(
  clauses: { ref: string; mappings?: Mapping[] }[],
  frameworks: readonly FrameworkDocument[] | undefined,
  lineOf: (ref: string) => number,
  report: Report,
) {
  const listed = new Set((frameworks ?? []).map((framework) => framework.key));
  for (const clause of clauses) {
    for (const mapping of clause.mappings ?? []) {
      if (!listed.has(mapping.framework)) {
        report(
          lineOf(clause.ref),
          `Clause ${clause.ref} maps to framework "${mapping.framework}", which the front matter does not list`,
        );
      }
    }
  }
}
