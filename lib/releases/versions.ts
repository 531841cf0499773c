import { plainTextOf } from "@/lib/drafting/rich-text";
import { type ComparedField, compareClauses } from "@/lib/releases/clause-diff";
import type { ReleaseClause, ReleaseContent } from "@/lib/releases/content";
import { sameWords } from "@/lib/releases/words";

export type Version = { major: number; minor: number; patch: number };

// Exactly MAJOR.MINOR.PATCH: no "v", no leading zeros, no pre-release or build suffix, so that
// each release has one spelling and its URL can never be written two ways.
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export function parseVersion(text: string): Version | null {
  const match = VERSION.exec(text);
  if (!match) return null;
  const [major, minor, patch] = [match[1], match[2], match[3]].map(Number);
  if (major === undefined || minor === undefined || patch === undefined) return null;
  // Past 2^53 two different spellings would read as the same number.
  if (![major, minor, patch].every(Number.isSafeInteger)) return null;
  return { major, minor, patch };
}

export function formatVersion(version: Version): string {
  return `${version.major}.${version.minor}.${version.patch}`;
}

/** Negative when a comes first, positive when b does, zero when they are the same release. */
export function compareVersions(a: Version, b: Version): number {
  return Math.sign(a.major - b.major || a.minor - b.minor || a.patch - b.patch);
}

/** Whether version `a` comes after `b`; false when either is not a valid version. */
export function isLaterVersion(a: string, b: string): boolean {
  const left = parseVersion(a);
  const right = parseVersion(b);
  return left !== null && right !== null && compareVersions(left, right) > 0;
}

export type Bump = "major" | "minor" | "patch";
export type VersionBump = Bump | "initial";

export function bumpVersion(version: Version, bump: Bump): Version {
  if (bump === "major") return { major: version.major + 1, minor: 0, patch: 0 };
  if (bump === "minor") return { major: version.major, minor: version.minor + 1, patch: 0 };
  return { ...version, patch: version.patch + 1 };
}

/** One reason for a bump, structured so the interface can word it in the reader's language. */
export type VersionFinding = {
  ref: string;
  kind:
    | "added-must"
    | "removed"
    | "became-must"
    | "added"
    | "strength"
    | "level"
    | "requirement"
    | "editorial"
    | "moved";
  bump: Bump;
  reason: string;
};

export type VersionSuggestion = {
  version: string;
  bump: VersionBump;
  reasons: string[];
  findings: VersionFinding[];
};

const rank: Record<Bump, number> = { patch: 0, minor: 1, major: 2 };

function findingsFor(previous: ReleaseContent, next: ReleaseClause[]): VersionFinding[] {
  const comparison = compareClauses(previous.clauses, next);
  const findings: VersionFinding[] = [];
  const add = (ref: string, kind: VersionFinding["kind"], bump: Bump, reason: string) =>
    findings.push({ ref, kind, bump, reason });

  for (const clause of comparison.added) {
    // A new MUST can make a conforming product non-conforming; a new SHOULD or MAY cannot.
    if (clause.strength === "MUST") {
      add(clause.ref, "added-must", "major", `${clause.ref} added as MUST`);
    } else {
      add(clause.ref, "added", "minor", `${clause.ref} added as ${clause.strength}`);
    }
  }
  for (const clause of comparison.removed) {
    // Declarations and citations point at references; taking one away breaks them.
    add(clause.ref, "removed", "major", `${clause.ref} removed`);
  }
  for (const { ref, from, to, fields } of comparison.changed) {
    const names = new Set(fields.map((field) => field.name));
    if (names.has("strength")) {
      if (to.strength === "MUST") {
        add(ref, "became-must", "major", `${ref} became MUST (was ${from.strength})`);
      } else {
        add(ref, "strength", "minor", `${ref} changed from ${from.strength} to ${to.strength}`);
      }
    }
    if (names.has("level")) {
      const level = (name: string | null) => name ?? "recommended only";
      add(
        ref,
        "level",
        "minor",
        `${ref} level changed from ${level(from.level)} to ${level(to.level)}`,
      );
    }
    const editorial: ComparedField[] = fields
      .map((field) => field.name)
      // Mappings inform readers; they change nothing a product must do.
      .filter(
        (name) =>
          name === "title" || name === "assessment" || name === "examples" || name === "mappings",
      );
    if (names.has("body")) {
      if (sameWords(plainTextOf(from.body), plainTextOf(to.body))) editorial.push("body");
      else add(ref, "requirement", "minor", `${ref} requirement text changed`);
    }
    if (editorial.length > 0) {
      add(ref, "editorial", "patch", `${ref} editorial changes (${editorial.join(", ")})`);
    }
  }
  for (const move of comparison.moved) {
    const where =
      move.fromModule === move.toModule
        ? `within ${move.toModule}`
        : `from ${move.fromModule} to ${move.toModule}`;
    add(move.clause.ref, "moved", "patch", `${move.clause.ref} moved ${where}`);
  }
  // Most significant first, so the reasons open with what decided the number.
  return findings.sort((a, b) => rank[b.bump] - rank[a.bump]);
}

/**
 * The version Hum proposes for a release candidate: a new MUST clause, a clause that became MUST
 * or a removed clause is major; an added clause or a changed requirement (its words, strength or
 * level) is minor; editorial changes and moves are patch. The editor may still choose another.
 */
export function suggestNextVersion(
  previous: ReleaseContent | null,
  next: ReleaseClause[],
): VersionSuggestion {
  if (previous === null) {
    return { version: "1.0.0", bump: "initial", reasons: ["first release"], findings: [] };
  }
  const base = parseVersion(previous.version);
  if (!base) throw new Error(`previous release has an invalid version: ${previous.version}`);
  const findings = findingsFor(previous, next);
  const bump = findings[0]?.bump ?? "patch";
  const reasons =
    findings.length > 0
      ? findings.map((finding) => finding.reason)
      : [`nothing changed since ${previous.version}`];
  return { version: formatVersion(bumpVersion(base, bump)), bump, reasons, findings };
}
