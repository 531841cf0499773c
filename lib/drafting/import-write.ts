import "server-only";
import { and, asc, eq, inArray, max } from "drizzle-orm";
import type { Executor, Transaction } from "@/lib/db/client";
import { callItems, calls } from "@/lib/decisions/schema";
import type { ExistingStandard, LaterTextPlan } from "@/lib/drafting/import-plan";
import { sortMappings } from "@/lib/drafting/mappings";
import type { ClauseDocument, SectionDocument } from "@/lib/drafting/markdown/types";
import { takeRevision } from "@/lib/drafting/mutations";
import { listAxes } from "@/lib/drafting/queries";
import { clausePlainText, plainTextOf } from "@/lib/drafting/rich-text";
import { parseRef } from "@/lib/drafting/rules";
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

// The phases of a call still waiting on a decision (lib/decisions/rules.ts, a layer above).
const undecidedPhases = ["open", "escalated_ag", "ag_decided", "escalated_sc", "appealed"] as const;

/**
 * Clauses and sections some undecided call is about: a later text may not retire them on the
 * spot, since that call may yet adopt them; their retirement is proposed like an adopted one's.
 */
async function undecided(db: Executor, standardId: string): Promise<Set<string>> {
  const [single, items] = await Promise.all([
    db
      .select({ id: calls.clauseId })
      .from(calls)
      .where(and(eq(calls.standardId, standardId), inArray(calls.phase, [...undecidedPhases]))),
    db
      .select({ clauseId: callItems.clauseId, sectionId: callItems.sectionId })
      .from(callItems)
      .innerJoin(calls, eq(calls.id, callItems.callId))
      .where(and(eq(calls.standardId, standardId), inArray(calls.phase, [...undecidedPhases]))),
  ]);
  return new Set(
    [
      ...single.map((row) => row.id),
      ...items.flatMap((row) => [row.clauseId, row.sectionId]),
    ].filter((id): id is string => id !== null),
  );
}

/** Sections and clauses a later text is matched against, with whether a call adopted them. */
export async function loadExisting(
  db: Executor,
  standard: { id: string; slug: string; name: string; summary: string },
): Promise<ExistingStandard & { live: Set<string> }> {
  const [[moduleRows, levelRows], clauseRows, sectionRows] = await Promise.all([
    listAxes(db, standard.id),
    db
      .select({ clause: clauses, text: clauseTexts })
      .from(clauses)
      .innerJoin(clauseTexts, eq(clauseTexts.clauseId, clauses.id))
      .where(eq(clauses.standardId, standard.id))
      .orderBy(asc(clauses.position), asc(clauses.refNumber)),
    db
      .select({ section: sections, text: sectionTexts })
      .from(sections)
      .innerJoin(sectionTexts, eq(sectionTexts.sectionId, sections.id))
      .where(eq(sections.standardId, standard.id))
      .orderBy(asc(sections.position)),
  ]);
  const busy = await undecided(db, standard.id);
  const codeOf = new Map(moduleRows.map((module) => [module.id, module.code]));
  const levelName = new Map(levelRows.map((level) => [level.id, level.name]));
  return {
    ...standard,
    modules: moduleRows.map(({ code, name, summary }) => ({ code, name, summary })),
    levels: levelRows.map(({ name, summary }) => ({ name, summary })),
    clauses: clauseRows.map(({ clause, text }) => ({
      id: clause.id,
      adopted: clause.adoptedRevisionId !== null || busy.has(clause.id),
      ref: `${clause.refCode}-${clause.refNumber}`,
      moduleCode: codeOf.get(clause.moduleId) ?? "",
      title: clause.title,
      level: clause.levelId ? (levelName.get(clause.levelId) ?? null) : null,
      strength: clause.strength,
      retired: clause.retiredAt !== null,
      body: text.body,
      assessment: text.assessment,
      examples: text.examples,
    })),
    sections: sectionRows.map(({ section, text }) => ({
      id: section.id,
      adopted: section.adoptedRevisionId !== null || busy.has(section.id),
      slug: section.slug,
      kind: section.kind,
      title: section.title,
      retired: section.retiredAt !== null,
      body: text.body,
    })),
    // Clauses someone has opened in the editor: their working text lives in the collab server.
    live: new Set(clauseRows.filter(({ text }) => text.yjsState !== null).map((r) => r.clause.id)),
  };
}

/** Adds clauses with their first revision, "imported"; returns their ids in order. */
export async function insertClauses(
  tx: Transaction,
  standardId: string,
  actorId: string,
  items: ClauseDocument[],
  moduleIds: Map<string, string>,
  levelIds: Map<string, string>,
  now: Date,
): Promise<string[]> {
  const positions = new Map<string, number>();
  const ids: string[] = [];
  for (const item of items) {
    const ref = parseRef(item.ref);
    const moduleId = moduleIds.get(item.moduleCode);
    if (!ref || !moduleId) throw new DomainError("invalid_input", { markdown: "import_problems" });
    if (!positions.has(moduleId)) {
      const [last] = await tx
        .select({ position: max(clauses.position) })
        .from(clauses)
        .where(eq(clauses.moduleId, moduleId));
      positions.set(moduleId, (last?.position ?? -1) + 1);
    }
    const position = positions.get(moduleId) ?? 0;
    positions.set(moduleId, position + 1);
    const levelId = item.level === null ? null : (levelIds.get(item.level) ?? null);
    const [clause] = await tx
      .insert(clauses)
      .values({
        standardId,
        moduleId,
        refCode: ref.code,
        refNumber: ref.number,
        title: item.title,
        levelId,
        strength: item.strength,
        position,
        retiredAt: item.retired ? now : null,
        createdBy: actorId,
      })
      .returning({ id: clauses.id });
    if (!clause) throw new DomainError("internal");
    const fields = { body: item.body, assessment: item.assessment, examples: item.examples };
    const plainText = clausePlainText(fields);
    const mappings = sortMappings(item.mappings ?? []);
    await tx.insert(clauseTexts).values({ clauseId: clause.id, ...fields, mappings, plainText });
    await tx.insert(clauseRevisions).values({
      clauseId: clause.id,
      number: 1,
      kind: "imported",
      note: "Imported",
      title: item.title,
      strength: item.strength,
      levelId,
      ...fields,
      mappings,
      plainText,
      authorIds: [],
      createdBy: actorId,
    });
    ids.push(clause.id);
  }
  return ids;
}

/**
 * Adds prose sections after the existing ones, each with its first revision. No Yjs state is
 * written: the collab server seeds a section's live document from this JSON when first opened.
 */
export async function insertSections(
  tx: Transaction,
  standardId: string,
  actorId: string,
  items: SectionDocument[],
  now: Date,
): Promise<string[]> {
  const [last] = await tx
    .select({ position: max(sections.position) })
    .from(sections)
    .where(eq(sections.standardId, standardId));
  let position = (last?.position ?? -1) + 1;
  const ids: string[] = [];
  for (const item of items) {
    const [section] = await tx
      .insert(sections)
      .values({
        standardId,
        kind: item.kind,
        slug: item.slug,
        title: item.title,
        position: position++,
        retiredAt: item.retired ? now : null,
        createdBy: actorId,
      })
      .returning({ id: sections.id });
    if (!section) throw new DomainError("internal");
    const plainText = plainTextOf(item.body).trim();
    await tx.insert(sectionTexts).values({ sectionId: section.id, body: item.body, plainText });
    await tx.insert(sectionRevisions).values({
      sectionId: section.id,
      number: 1,
      kind: "imported",
      note: "Imported",
      title: item.title,
      body: item.body,
      plainText,
      authorIds: [],
      createdBy: actorId,
    });
    ids.push(section.id);
  }
  return ids;
}

export type LaterTextWritten = {
  /** Clauses and sections whose working text changed or that are new: what a last call adopts. */
  clauseIds: string[];
  sectionIds: string[];
  /** Adopted clauses and sections the text no longer holds: their retirement needs a call. */
  retireClauseIds: string[];
  retireSectionIds: string[];
};

/**
 * Writes a later text's plan as working changes. Clauses open in the editor (`live`) already
 * have their new text from the collab server; the others get it here. Never-adopted clauses and
 * sections the text dropped retire at once, as any participant may do; adopted ones only by a call.
 */
export async function writeLaterText(
  tx: Transaction,
  standardId: string,
  actorId: string,
  plan: LaterTextPlan,
  live: ReadonlySet<string>,
  now: Date,
): Promise<LaterTextWritten> {
  const [moduleRows, levelRows] = await listAxes(tx, standardId);
  let position = moduleRows.reduce((top, module) => Math.max(top, module.position + 1), 0);
  const moduleIds = new Map(moduleRows.map((module) => [module.code, module.id]));
  for (const module of plan.newModules) {
    const [row] = await tx
      .insert(modules)
      .values({ ...module, standardId, position: position++ })
      .returning({ id: modules.id });
    if (row) moduleIds.set(module.code, row.id);
  }
  const levelIds = new Map(levelRows.map((level) => [level.name, level.id]));
  const clauseIds: string[] = [];
  for (const { existing, incoming } of plan.updated) {
    const fields = {
      body: incoming.body,
      assessment: incoming.assessment,
      examples: incoming.examples,
    };
    const levelId = incoming.level === null ? undefined : levelIds.get(incoming.level);
    await tx
      .update(clauses)
      .set({ title: incoming.title, strength: incoming.strength, ...(levelId ? { levelId } : {}) })
      .where(eq(clauses.id, existing.id));
    if (!live.has(existing.id)) {
      await tx
        .update(clauseTexts)
        .set({ ...fields, plainText: clausePlainText(fields), updatedAt: now })
        .where(eq(clauseTexts.clauseId, existing.id));
    }
    await takeRevision(tx, existing.id, { kind: "imported", note: "Imported", actorId, fields });
    clauseIds.push(existing.id);
  }
  clauseIds.push(
    ...(await insertClauses(tx, standardId, actorId, plan.added, moduleIds, levelIds, now)),
  );
  const sectionIds: string[] = [];
  for (const { existing, incoming } of plan.updatedSections) {
    const plainText = plainTextOf(incoming.body).trim();
    await tx.update(sections).set({ title: incoming.title }).where(eq(sections.id, existing.id));
    // The live document, if any, is dropped with the old text; the next editor seeds it anew.
    await tx
      .update(sectionTexts)
      .set({ body: incoming.body, plainText, yjsState: null, updatedAt: now })
      .where(eq(sectionTexts.sectionId, existing.id));
    const [last] = await tx
      .select({ number: max(sectionRevisions.number) })
      .from(sectionRevisions)
      .where(eq(sectionRevisions.sectionId, existing.id));
    await tx.insert(sectionRevisions).values({
      sectionId: existing.id,
      number: (last?.number ?? 0) + 1,
      kind: "imported",
      note: "Imported",
      title: incoming.title,
      body: incoming.body,
      plainText,
      authorIds: [],
      createdBy: actorId,
    });
    sectionIds.push(existing.id);
  }
  sectionIds.push(...(await insertSections(tx, standardId, actorId, plan.addedSections, now)));
  const dropNow = plan.retired.filter((c) => !c.adopted).map((c) => c.id);
  if (dropNow.length)
    await tx
      .update(clauses)
      .set({ retiredAt: now })
      .where(and(inArray(clauses.id, dropNow), eq(clauses.standardId, standardId)));
  const dropSections = plan.retiredSections.filter((s) => !s.adopted).map((s) => s.id);
  if (dropSections.length)
    await tx.update(sections).set({ retiredAt: now }).where(inArray(sections.id, dropSections));
  return {
    clauseIds,
    sectionIds,
    retireClauseIds: plan.retired.filter((c) => c.adopted).map((c) => c.id),
    retireSectionIds: plan.retiredSections.filter((s) => s.adopted).map((s) => s.id),
  };
}
