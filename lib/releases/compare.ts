import { type Comparison, compareClauses } from "@/lib/releases/clause-diff";
import type { ReleaseContent } from "@/lib/releases/content";
import { parseVersion } from "@/lib/releases/versions";

/** What changed from one release to another, for `/compare/{from}...{to}`. */
export function compareReleases(from: ReleaseContent, to: ReleaseContent): Comparison {
  return compareClauses(from.clauses, to.clauses);
}

/**
 * Reads the `{from}...{to}` segment of a comparison URL. Both sides must be valid versions and
 * differ; either order is allowed so a reader can look backwards. Null means a 400.
 */
export function parseCompareRange(range: string): { from: string; to: string } | null {
  const split = range.indexOf("...");
  if (split < 0) return null;
  const from = range.slice(0, split);
  const to = range.slice(split + 3);
  if (!parseVersion(from) || !parseVersion(to) || from === to) return null;
  return { from, to };
}
