import "server-only";
import type { Executor } from "@/lib/db/client";
import {
  countClausesByModule,
  type DraftClause,
  getStandardAxes,
  listDraftClauses,
  type StandardAxes,
} from "@/lib/drafting/queries";

type Module = StandardAxes["modules"][number];
type Level = StandardAxes["levels"][number];

export type DraftPageView = {
  standard: StandardAxes;
  /** The module shown: the one asked for, or the first. */
  module: Module | null;
  /** The level filter, if any: clauses that level (or a lower one) requires. */
  level: Level | null;
  /** Clauses per module id, for the module navigation. */
  counts: Map<string, number>;
  /** The shown module's clauses, filtered by level: what the page renders, nothing more. */
  clauses: DraftClause[];
};

/**
 * The working draft page, one module at a time: its cost follows what is shown, not the size of
 * the whole standard (a module is a natural chapter, and each has its own address). Null when
 * the standard, or the module asked for, does not exist.
 */
export async function getDraftPage(
  db: Executor,
  slug: string,
  query: { module?: string; level?: string },
): Promise<DraftPageView | null> {
  const standard = await getStandardAxes(db, slug);
  if (!standard) return null;
  const module = query.module
    ? standard.modules.find((candidate) => candidate.code === query.module)
    : standard.modules[0];
  if (query.module && !module) return null;
  const level = standard.levels.find((candidate) => candidate.name === query.level) ?? null;
  const levelIds = level
    ? standard.levels.filter((lower) => lower.position <= level.position).map((lower) => lower.id)
    : undefined;
  const [counts, clauses] = await Promise.all([
    countClausesByModule(db, standard.id),
    module ? listDraftClauses(db, standard.id, { moduleId: module.id, levelIds }) : [],
  ]);
  return { standard, module: module ?? null, level, counts, clauses };
}
