import "server-only";
import type { Viewer } from "@/lib/community/viewer";
import type { Executor } from "@/lib/db/client";
import { decisionTrail } from "@/lib/decisions/queries";
import { pendingStructure } from "@/lib/decisions/structure";
import { listThreads } from "@/lib/discussion/queries";
import { listFrameworks } from "@/lib/drafting/frameworks";
import {
  type DraftClause,
  getClauseYjsState,
  getDraftClause,
  getStandardAxes,
  type StandardAxes,
} from "@/lib/drafting/queries";
import { defaultLocale, type Locale } from "@/lib/locale";
import { watchedKeys } from "@/lib/notifications/queries";

/** A clause of a standard's working draft by its address, or null when either is missing. */
export async function findDraftClause(
  db: Executor,
  slug: string,
  ref: string,
): Promise<{ standard: StandardAxes; clause: DraftClause } | null> {
  const standard = await getStandardAxes(db, slug);
  const clause = standard ? await getDraftClause(db, standard.id, ref) : null;
  return standard && clause ? { standard, clause } : null;
}

/**
 * What a draft clause's page shows around its text: the threads, what the viewer watches, the
 * calls that shaped it, the structural changes still to be decided and the standard's
 * frameworks. A fixed number of queries, however many threads, comments or calls there are.
 */
export async function clausePageDetails(
  db: Executor,
  { standard, clause }: { standard: StandardAxes; clause: DraftClause },
  viewer: Viewer | null,
  locale: Locale = defaultLocale,
) {
  const [threads, watched, trail, pending, frameworks] = await Promise.all([
    getClauseYjsState(db, clause.id).then((state) => listThreads(db, clause.id, viewer, state)),
    viewer ? watchedKeys(db, viewer.id, [clause.id]) : new Set<string>(),
    decisionTrail(db, clause.id, locale),
    pendingStructure(db, standard.id, [clause.id]),
    listFrameworks(db, standard.id),
  ]);
  return { threads, watched, trail, pending, frameworks };
}
