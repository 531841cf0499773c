import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Participant } from "@/lib/community/authz";
import type { Database, Executor } from "@/lib/db/client";
import { type ChangeRequest, openChangesCall } from "@/lib/decisions/changes";
import { waitingPhases } from "@/lib/decisions/rules";
import { callItems, calls } from "@/lib/decisions/schema";
import { sameRichText } from "@/lib/drafting/canonical-text";
import { formatRef, sameSnapshot } from "@/lib/drafting/rules";
import {
  clauseRevisions,
  clauses,
  clauseTexts,
  modules,
  sectionRevisions,
  sections,
  sectionTexts,
} from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";

/**
 * What a last call may cover: every clause and section changed since it was last adopted, the
 * changed clauses of one module, or a hand-picked set.
 */
export type LastCallScope =
  | { kind: "changed" }
  | { kind: "module"; moduleCode: string }
  | { kind: "picked"; clauseRefs: string[]; sectionSlugs: string[] };

/** One clause or section a last call could adopt, in the document's order. */
export type Candidate = {
  kind: "clause" | "section";
  id: string;
  /** "SW-4", or a section's address name. */
  key: string;
  title: string;
  moduleCode: string | null;
  /** It has adopted text (a revision a call adopted). */
  adopted: boolean;
  /** Its working text differs from its adopted text, or it was never adopted. */
  changed: boolean;
  /** Some call still waiting on a decision is about it. */
  busy: boolean;
};

/**
 * Every clause and section that is not retired, sections first (they come before the modules
 * in the document), with whether each changed since adopted and whether a call holds it: a few
 * queries, whatever the size of the standard.
 */
export async function lastCallCandidates(db: Executor, standardId: string): Promise<Candidate[]> {
  const clauseRows = await db
    .select({ clause: clauses, text: clauseTexts, adopted: clauseRevisions, module: modules.code })
    .from(clauses)
    .innerJoin(clauseTexts, eq(clauseTexts.clauseId, clauses.id))
    .innerJoin(modules, eq(modules.id, clauses.moduleId))
    .leftJoin(clauseRevisions, eq(clauseRevisions.id, clauses.adoptedRevisionId))
    .where(and(eq(clauses.standardId, standardId), isNull(clauses.retiredAt)))
    .orderBy(asc(modules.position), asc(clauses.position));
  const sectionRows = await db
    .select({ section: sections, text: sectionTexts, adopted: sectionRevisions })
    .from(sections)
    .innerJoin(sectionTexts, eq(sectionTexts.sectionId, sections.id))
    .leftJoin(sectionRevisions, eq(sectionRevisions.id, sections.adoptedRevisionId))
    .where(and(eq(sections.standardId, standardId), isNull(sections.retiredAt)))
    .orderBy(asc(sections.position));
  const busy = await busySubjects(db, standardId);
  return [
    ...sectionRows.map(({ section, text, adopted }) => ({
      kind: "section" as const,
      id: section.id,
      key: section.slug,
      title: section.title,
      moduleCode: null,
      adopted: Boolean(adopted),
      changed:
        !adopted || adopted.title !== section.title || !sameRichText(adopted.body, text.body),
      busy: busy.has(section.id),
    })),
    ...clauseRows.map(({ clause, text, adopted, module }) => ({
      kind: "clause" as const,
      id: clause.id,
      key: formatRef(clause.refCode, clause.refNumber),
      title: clause.title,
      moduleCode: module,
      adopted: Boolean(adopted),
      changed: !adopted || !sameSnapshot(adopted, { ...clause, ...text }),
      busy: busy.has(clause.id),
    })),
  ];
}

/** The clauses and sections of a standard some waiting call is about, alone or in a set. */
async function busySubjects(db: Executor, standardId: string): Promise<Set<string>> {
  const waiting = [...waitingPhases];
  const single = await db
    .select({ id: calls.clauseId })
    .from(calls)
    .where(and(eq(calls.standardId, standardId), inArray(calls.phase, waiting)));
  const items = await db
    .select({ clauseId: callItems.clauseId, sectionId: callItems.sectionId })
    .from(callItems)
    .innerJoin(calls, eq(calls.id, callItems.callId))
    .where(
      and(
        eq(calls.standardId, standardId),
        inArray(calls.phase, waiting),
        eq(callItems.outcome, "pending"),
      ),
    );
  return new Set(
    [
      ...single.map((row) => row.id),
      ...items.flatMap((row) => [row.clauseId, row.sectionId]),
    ].filter((id): id is string => Boolean(id)),
  );
}

/** The changes a scope covers: adoptions of the working text, in the document's order. */
export function changesOf(candidates: Candidate[], scope: LastCallScope): ChangeRequest[] {
  let chosen: Candidate[];
  switch (scope.kind) {
    // A scope read from the document leaves out what another call is deciding; a hand-picked
    // set is taken as picked, and refused if another call holds any of it.
    case "changed":
      chosen = candidates.filter((candidate) => candidate.changed && !candidate.busy);
      break;
    case "module":
      chosen = candidates.filter(
        (candidate) =>
          candidate.moduleCode === scope.moduleCode && candidate.changed && !candidate.busy,
      );
      break;
    case "picked": {
      const clauseRefs = new Set(scope.clauseRefs);
      const sectionSlugs = new Set(scope.sectionSlugs);
      chosen = candidates.filter((candidate) =>
        candidate.kind === "clause"
          ? clauseRefs.has(candidate.key)
          : sectionSlugs.has(candidate.key),
      );
      if (chosen.length !== clauseRefs.size + sectionSlugs.size) {
        throw new DomainError("invalid_input", { items: "unknown_clause" });
      }
      break;
    }
  }
  return chosen.map((candidate) =>
    candidate.kind === "clause"
      ? { kind: "adopt_clause", clauseId: candidate.id }
      : { kind: "adopt_section", sectionId: candidate.id },
  );
}

/**
 * Anyone signed in opens a last call: the scope is read against the document as it stands, and
 * the call opens on its changes with their revisions frozen, or not at all.
 */
export async function openLastCall(
  db: Database,
  proposer: Participant,
  standardId: string,
  input: { title: string; description: string; organisations: string; scope: LastCallScope },
  now = new Date(),
): Promise<{ id: string; number: number }> {
  return db.transaction(async (tx) => {
    if (input.scope.kind === "module") {
      const [module] = await tx
        .select({ id: modules.id })
        .from(modules)
        .where(and(eq(modules.standardId, standardId), eq(modules.code, input.scope.moduleCode)));
      if (!module) throw new DomainError("invalid_input", { moduleCode: "unknown_module" });
    }
    const items = changesOf(await lastCallCandidates(tx, standardId), input.scope);
    return openChangesCall(tx, proposer.id, standardId, { ...input, items }, now);
  });
}
