import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The domains of lib/, lowest first. A domain's code may import its own files and those of the
 * domains on the lines above it, never those on its own line or below: where a lower domain must
 * tell a higher one something, the higher one calls down, or passes a callback.
 *
 * Tables are the exception: every `schema.ts` is part of one relational model, so any file may
 * import any table, and a schema file may reference the tables of another domain along a foreign
 * key. Schema files import nothing but tables and types from the domains below them.
 */
const LAYERS: string[][] = [
  ["messages"],
  ["locale"],
  ["deadline-time", "env", "errors", "i18n", "paths", "reader-locale"],
  ["validation"],
  ["db"],
  ["http", "launch", "rate-limit", "email", "audit"],
  ["auth"],
  ["community"],
  ["actions", "drafting"],
  ["collab", "moderation"],
  ["notifications"],
  ["discussion"],
  ["releases"],
  ["translations"],
  ["decisions"],
  ["registry"],
  ["challenges"],
  ["transparency", "freshness"],
  ["api", "webhooks", "reviews"],
  ["demo"],
];

const root = path.resolve(import.meta.dirname, "../..");
const rank = new Map(LAYERS.flatMap((line, index) => line.map((domain) => [domain, index])));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "fixtures" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

const IMPORT =
  /(?:import|export)\s+(?:type\s+)?(?:[^"';]*?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** The repository-relative file an import names, or null for a package. */
function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (existsSync(candidate) && statSync(candidate).isFile())
      return path.relative(root, candidate);
  }
  throw new Error(`${path.relative(root, from)} imports ${specifier}, which does not exist`);
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(IMPORT)]
    .map((match) => resolveImport(file, match[1] ?? match[2] ?? ""))
    .filter((target): target is string => target !== null);
}

/** `lib/decisions/calls.ts` → "decisions"; `lib/paths.ts` → "paths"; outside lib/ → the folder. */
function domainOf(file: string): string {
  const parts = file.split("/");
  if (parts[0] !== "lib") return parts[0] ?? file;
  return (parts[2] === undefined ? parts[1]?.replace(/\.tsx?$/, "") : parts[1]) ?? file;
}

const isSchema = (file: string) => path.basename(file) === "schema.ts";

const files = sourceFiles(path.join(root, "lib"));
const graph = new Map(files.map((file) => [path.relative(root, file), importsOf(file)]));

describe("lib/ depends one way", () => {
  it("places every domain on a layer", () => {
    const unplaced = [...new Set([...graph.keys()].map(domainOf))].filter((d) => !rank.has(d));
    expect(unplaced).toEqual([]);
  });

  it("imports nothing from a domain on its own layer or above, tables aside", () => {
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      const from = domainOf(file);
      for (const target of targets) {
        const to = domainOf(target);
        if (to === from || (isSchema(target) && target.startsWith("lib/"))) continue;
        const below = (rank.get(to) ?? Number.POSITIVE_INFINITY) < (rank.get(from) ?? -1);
        if (!below) upward.push(`${file} → ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("has no import cycle between files", () => {
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, "open");
      stack.push(file);
      for (const target of graph.get(file) ?? []) {
        if (!graph.has(target)) continue;
        if (state.get(target) === "open") {
          cycles.push(stack.slice(stack.indexOf(target)).concat(target).join(" → "));
        } else if (!state.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, "done");
    };
    for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});
