import type { Relationship } from "@/lib/drafting/mappings";
import type { ReleaseClause, ReleaseContent, ReleaseFramework } from "@/lib/releases/content";

/**
 * Whether a provision is the one asked for or lies within it: asking for "5.3" finds 5.3 itself
 * and its numbered parts (5.3-2, 5.3.1), never 5.30.
 */
export function provisionWithin(provision: string, wanted: string): boolean {
  const a = provision.trim().toLowerCase();
  const b = wanted.trim().toLowerCase();
  return a === b || a.startsWith(`${b}-`) || a.startsWith(`${b}.`);
}

/** The clauses of a release that map to a framework, or to one of its provisions, in order. */
export function clausesMappedTo(
  clauses: readonly ReleaseClause[],
  framework: string,
  provision = "",
): ReleaseClause[] {
  return clauses.filter((clause) =>
    (clause.mappings ?? []).some(
      (mapping) =>
        mapping.framework === framework &&
        (provision.trim() === "" || provisionWithin(mapping.provision, provision)),
    ),
  );
}

export type CrosswalkRow = {
  provision: string;
  relationship: Relationship;
  ref: string;
  title: string;
  rationale: string;
};

export type Crosswalk = { framework: ReleaseFramework; rows: CrosswalkRow[] }[];

const byNumber = new Intl.Collator("en", { numeric: true });

/**
 * For each framework the release lists, every provision its clauses map to with the clauses
 * that map to it: provisions in their own numbering order (5.3-2 before 5.3-10), then by the
 * clauses' order in the release.
 */
export function crosswalk(content: ReleaseContent): Crosswalk {
  return (content.frameworks ?? []).map((framework) => {
    const rows = content.clauses.flatMap((clause, index) =>
      (clause.mappings ?? [])
        .filter((mapping) => mapping.framework === framework.key)
        .map((mapping) => ({
          row: {
            provision: mapping.provision,
            relationship: mapping.relationship,
            ref: clause.ref,
            title: clause.title,
            rationale: mapping.rationale,
          },
          index,
        })),
    );
    rows.sort((a, b) => byNumber.compare(a.row.provision, b.row.provision) || a.index - b.index);
    return { framework, rows: rows.map((entry) => entry.row) };
  });
}

/**
 * One cell as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break, its
 * quotes doubled. A cell a spreadsheet would run as a formula (=, +, @, or - before a letter)
 * starts with an apostrophe, so opening the file never runs anything.
 */
export function csvCell(value: string): string {
  const safe = /^(?:[=+@\t\r]|-(?!\d))/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A framework's crosswalk as CSV: a header, then one row per mapping, lines ending CRLF. */
export function crosswalkCsv(rows: readonly CrosswalkRow[]): string {
  const lines = [
    ["provision", "relationship", "clause_ref", "clause_title", "rationale"],
    ...rows.map((row) => [row.provision, row.relationship, row.ref, row.title, row.rationale]),
  ];
  return lines.map((cells) => `${cells.map(csvCell).join(",")}\r\n`).join("");
}
