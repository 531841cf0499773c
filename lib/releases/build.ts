import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { calls } from "@/lib/decisions/schema";
import { canonicalRichText } from "@/lib/drafting/canonical-text";
import { formatRef } from "@/lib/drafting/rules";
import {
  clauseRevisions,
  clauses,
  levels,
  modules,
  sectionRevisions,
  sections,
  standards,
} from "@/lib/drafting/schema";
import type { ReleaseClause, ReleaseContent, ReleaseSection } from "@/lib/releases/content";
import type { ReleaseTrace } from "@/lib/releases/schema";

export type CandidateDraft = {
  content: Omit<ReleaseContent, "version" | "notes">;
  trace: ReleaseTrace;
  /** Live clauses with no adopted revision yet: a candidate cannot contain them. */
  leftOut: string[];
};

/**
 * What a release prepared now would contain: the adopted revision of every clause that is not
 * retired, in the draft's order, under the standard's current modules and levels, after the
 * adopted revision of every section that is not retired (a section never adopted is left out). Text is taken
 * in stored form, so a revision recorded with what an editor once added for rendering releases
 * (and hashes) exactly as the same text imported from Markdown.
 */
export async function draftCandidate(db: Executor, standardId: string): Promise<CandidateDraft> {
  const [standard] = await db.select().from(standards).where(eq(standards.id, standardId));
  if (!standard) throw new Error("no such standard");
  const moduleRows = await db
    .select()
    .from(modules)
    .where(eq(modules.standardId, standardId))
    .orderBy(asc(modules.position));
  const levelRows = await db
    .select()
    .from(levels)
    .where(eq(levels.standardId, standardId))
    .orderBy(asc(levels.position));
  const rows = await db
    .select({ clause: clauses, revision: clauseRevisions, callNumber: calls.number })
    .from(clauses)
    .leftJoin(clauseRevisions, eq(clauseRevisions.id, clauses.adoptedRevisionId))
    .leftJoin(
      calls,
      and(eq(calls.revisionId, clauses.adoptedRevisionId), eq(calls.phase, "adopted")),
    )
    .where(and(eq(clauses.standardId, standardId), isNull(clauses.retiredAt)))
    .orderBy(asc(clauses.position), asc(clauses.refNumber));
  const levelName = new Map(levelRows.map((level) => [level.id, level.name]));
  const included: ReleaseClause[] = [];
  const trace: ReleaseTrace = {};
  const leftOut: string[] = [];
  for (const module of moduleRows) {
    let position = 0;
    for (const { clause, revision, callNumber } of rows) {
      if (clause.moduleId !== module.id) continue;
      const ref = formatRef(clause.refCode, clause.refNumber);
      if (trace[ref] || leftOut.includes(ref)) continue; // one row per clause, however many calls
      if (!revision) {
        leftOut.push(ref);
        continue;
      }
      position += 1;
      included.push({
        ref,
        moduleCode: module.code,
        position,
        title: revision.title,
        strength: revision.strength,
        level: revision.levelId ? (levelName.get(revision.levelId) ?? null) : null,
        body: canonicalRichText(revision.body),
        assessment: canonicalRichText(revision.assessment),
        examples: canonicalRichText(revision.examples),
      });
      trace[ref] = { revision: revision.number, call: callNumber };
    }
  }
  const sectionsIncluded = await adoptedSections(db, standardId);
  return {
    content: {
      standard: { slug: standard.slug, name: standard.name, summary: standard.summary },
      modules: moduleRows.map(({ code, name, summary }) => ({ code, name, summary })),
      levels: levelRows.map(({ name, summary }) => ({ name, summary })),
      // Absent rather than empty, so a standard without sections keeps the digests it had.
      ...(sectionsIncluded.length > 0 ? { sections: sectionsIncluded } : {}),
      clauses: included,
    },
    trace,
    leftOut,
  };
}

/** The adopted text of every section that is not retired, in the draft's order. */
async function adoptedSections(db: Executor, standardId: string): Promise<ReleaseSection[]> {
  const rows = await db
    .select({ section: sections, revision: sectionRevisions })
    .from(sections)
    .innerJoin(sectionRevisions, eq(sectionRevisions.id, sections.adoptedRevisionId))
    .where(and(eq(sections.standardId, standardId), isNull(sections.retiredAt)))
    .orderBy(asc(sections.position), asc(sections.slug));
  return rows.map(({ section, revision }) => ({
    slug: section.slug,
    kind: section.kind,
    title: revision.title,
    body: canonicalRichText(revision.body),
  }));
}
