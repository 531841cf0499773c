import { createHash } from "node:crypto";
import type { Mapping } from "@/lib/drafting/mappings";
import type { RichText, Strength } from "@/lib/drafting/rich-text";
import type { SectionKind } from "@/lib/drafting/sections-rules";

/** One clause as a release fixes it: its adopted text, where it sits and who must meet it. */
export type ReleaseClause = {
  /** Stable reference such as "SW-4"; it never changes and is never reused. */
  ref: string;
  moduleCode: string;
  /** Order within its module; only the order matters, not the numbers themselves. */
  position: number;
  title: string;
  strength: Strength;
  /** Name of the lowest level that requires the clause; null when it is only recommended. */
  level: string | null;
  body: RichText;
  assessment: RichText;
  examples: RichText;
  /** Links to other frameworks' provisions, sorted; absent when there are none. */
  mappings?: Mapping[];
};

/** A prose section as a release fixes it; its slug is its permalink anchor. */
export type ReleaseSection = {
  slug: string;
  kind: SectionKind;
  title: string;
  body: RichText;
};

/** A framework the release's mappings name, as the standard listed it at preparation. */
export type ReleaseFramework = { key: string; name: string; version: string; url: string };

export type ReleaseModule = { code: string; name: string; summary: string };
export type ReleaseLevel = { name: string; summary: string };

/** The whole content of a release: exactly what its digest covers and its JSON export carries. */
export type ReleaseContent = {
  standard: { slug: string; name: string; summary: string };
  version: string;
  notes: string;
  modules: ReleaseModule[];
  /** Lowest level first: each level requires everything the levels below it require. */
  levels: ReleaseLevel[];
  /**
   * Prose sections in order, before the modules. Absent (not empty) when a standard has none,
   * so releases made before sections existed keep their digest.
   */
  sections?: ReleaseSection[];
  /** Frameworks the clauses map to; absent when none. */
  frameworks?: ReleaseFramework[];
  clauses: ReleaseClause[];
};

/** What `canonicalJson` accepts: JSON values, with undefined object members allowed and dropped. */
export type JsonInput =
  | null
  | boolean
  | number
  | string
  | readonly JsonInput[]
  | { readonly [key: string]: JsonInput | undefined };

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function write(value: unknown, path: string, open: Set<object>): string {
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    // NaN and Infinity have no JSON form; JSON.stringify would quietly write null and the digest
    // would then vouch for something other than what was stored.
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${path} is not finite`);
    return JSON.stringify(value);
  }
  if (typeof value !== "object") {
    throw new TypeError(`canonicalJson: ${path} is a ${typeof value}, not a JSON value`);
  }
  if (open.has(value)) throw new TypeError(`canonicalJson: ${path} refers back to itself`);
  open.add(value);
  let out: string;
  if (Array.isArray(value)) {
    // An undefined element has no place to go without shifting the others, so it is refused.
    const items = value.map((item, index) => {
      if (item === undefined) throw new TypeError(`canonicalJson: ${path}[${index}] is undefined`);
      return write(item, `${path}[${index}]`, open);
    });
    out = `[${items.join(",")}]`;
  } else {
    if (!isPlainObject(value)) throw new TypeError(`canonicalJson: ${path} is not a plain object`);
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, the order RFC 8785 (JCS) prescribes.
    const members = Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${write(record[key], `${path}.${key}`, open)}`);
    out = `{${members.join(",")}}`;
  }
  open.delete(value);
  return out;
}

/**
 * The one serialisation a release is hashed in: object keys sorted at every depth, no whitespace,
 * arrays in their order, undefined members dropped. Numbers and strings are written as
 * JSON.stringify writes them, so for JSON data this is RFC 8785's canonical form and anyone can
 * recompute it from the `.json` export.
 */
export function canonicalJson(value: JsonInput): string {
  return write(value, "$", new Set());
}

/** SHA-256 (hex) of the canonical JSON: the digest a release page shows and readers check. */
export function contentDigest(content: ReleaseContent): string {
  return createHash("sha256").update(canonicalJson(content), "utf8").digest("hex");
}

/**
 * The clauses a product must meet to claim `levelName`: those required at that level or any level
 * below it. Recommended-only clauses, and clauses naming a level the release does not define, are
 * left out; an unknown `levelName` requires nothing. Release order is kept.
 */
export function clausesRequiredAt(content: ReleaseContent, levelName: string): ReleaseClause[] {
  const rank = new Map(content.levels.map((level, index) => [level.name, index]));
  const ceiling = rank.get(levelName);
  if (ceiling === undefined) return [];
  return content.clauses.filter((clause) => {
    if (clause.level === null) return false;
    const required = rank.get(clause.level);
    return required !== undefined && required <= ceiling;
  });
}

/**
 * What makes a release's content inconsistent, for refusing it before it is published: repeated
 * references, module codes, level names, positions or section slugs, clauses pointing at a
 * module or level the release does not define, and an empty (rather than absent) list of
 * sections. Empty when the content is sound.
 */
export function contentProblems(content: ReleaseContent): string[] {
  const problems: string[] = [];
  const repeated = (kind: string, names: string[]) => {
    const seen = new Set<string>();
    for (const name of names) {
      if (seen.has(name)) problems.push(`${kind} ${name} appears more than once`);
      seen.add(name);
    }
    return seen;
  };
  const modules = repeated(
    "module",
    content.modules.map((module) => module.code),
  );
  const levels = repeated(
    "level",
    content.levels.map((level) => level.name),
  );
  repeated(
    "clause",
    content.clauses.map((clause) => clause.ref),
  );
  repeated(
    "position",
    content.clauses.map((clause) => `${clause.moduleCode} ${clause.position}`),
  );
  if (content.sections) {
    if (content.sections.length === 0) problems.push("sections is empty rather than absent");
    repeated(
      "section",
      content.sections.map((section) => section.slug),
    );
  }
  for (const clause of content.clauses) {
    if (!modules.has(clause.moduleCode)) {
      problems.push(`clause ${clause.ref} names unknown module ${clause.moduleCode}`);
    }
    if (clause.level !== null && !levels.has(clause.level)) {
      problems.push(`clause ${clause.ref} names unknown level ${clause.level}`);
    }
  }
  return problems;
}
