import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Participant } from "@/lib/community/authz";
import type { Database, Executor, Transaction } from "@/lib/db/client";
import { openChangesCall } from "@/lib/decisions/changes";
import { waitingPhases } from "@/lib/decisions/rules";
import { callItems, calls } from "@/lib/decisions/schema";
import { lockClause, updateClauseMetaIn } from "@/lib/drafting/mutations";
import { closeLiveTextOf, retireUnadoptedClause } from "@/lib/drafting/retire";
import { type ClauseMetaInput, formatRef } from "@/lib/drafting/rules";
import { clauses, levels, modules, sections } from "@/lib/drafting/schema";
import { retireUnadoptedSection } from "@/lib/drafting/sections";
import { DomainError } from "@/lib/errors";

/** What became of a structural change: done at once, or a call opened to decide it. */
export type StructureOutcome = { ref: string; callNumber: number | null };

const structuralKinds = ["retire_clause", "restore_clause", "move_clause"] as const;
export type PendingStructure = {
  clauseId: string;
  ref: string;
  kind: (typeof structuralKinds)[number];
  callNumber: number;
  /** The module a pending move would put the clause in. */
  moduleCode: string | null;
};

async function openFor(
  tx: Transaction,
  person: Participant,
  clause: { id: string; standardId: string },
  title: string,
  description: string,
  item: Parameters<typeof openChangesCall>[3]["items"][number],
  now: Date,
): Promise<number> {
  const call = await openChangesCall(
    tx,
    person.id,
    clause.standardId,
    { title, description, organisations: "", items: [item] },
    now,
  );
  return call.number;
}

/**
 * Retires a clause, or proposes to. Text never adopted is no one's decision yet and is retired
 * at once; text the community adopted is retired only by a call, which this opens: until the
 * call is adopted the clause stays in the working draft and in release candidates.
 */
export async function proposeRetirement(
  db: Database,
  person: Participant,
  clauseId: string,
  reason: string,
  now = new Date(),
  closeLiveText?: (clauseId: string) => Promise<void>,
): Promise<StructureOutcome> {
  const outcome = await db.transaction(async (tx) => {
    const clause = await lockClause(tx, clauseId);
    const ref = formatRef(clause.refCode, clause.refNumber);
    if (clause.retiredAt) throw new DomainError("invalid_input", { items: "already_retired" });
    if (!clause.adoptedRevisionId) {
      await retireUnadoptedClause(tx, person, clauseId, reason, now);
      return { ref, callNumber: null };
    }
    const item = { kind: "retire_clause" as const, clauseId };
    return {
      ref,
      callNumber: await openFor(tx, person, clause, `Retire ${ref}`, reason, item, now),
    };
  });
  if (outcome.callNumber === null) await closeLiveTextOf(clauseId, closeLiveText);
  return outcome;
}

/** Proposes to bring a retired clause back under the same reference; a call decides. */
export async function proposeRestoration(
  db: Database,
  person: Participant,
  clauseId: string,
  reason: string,
  now = new Date(),
): Promise<StructureOutcome> {
  return db.transaction(async (tx) => {
    const clause = await lockClause(tx, clauseId);
    const ref = formatRef(clause.refCode, clause.refNumber);
    const item = { kind: "restore_clause" as const, clauseId };
    return {
      ref,
      callNumber: await openFor(tx, person, clause, `Restore ${ref}`, reason, item, now),
    };
  });
}

/**
 * Changes a clause's title, level, strength or module. A clause never adopted moves to another
 * module at once; an adopted one keeps its module until a call decides the move, while the rest
 * of the change applies to its working text now.
 */
export async function changeClauseStructure(
  db: Database,
  person: Participant,
  clauseId: string,
  input: ClauseMetaInput & { reason?: string },
  now = new Date(),
): Promise<StructureOutcome> {
  return db.transaction(async (tx) => {
    const clause = await lockClause(tx, clauseId);
    const ref = formatRef(clause.refCode, clause.refNumber);
    const [target] = await tx
      .select()
      .from(modules)
      .where(and(eq(modules.standardId, clause.standardId), eq(modules.code, input.moduleCode)));
    const moving = target !== undefined && target.id !== clause.moduleId;
    if (!moving || !clause.adoptedRevisionId || clause.retiredAt) {
      await updateClauseMetaIn(tx, person, clauseId, input);
      return { ref, callNumber: null };
    }
    const [current] = await tx.select().from(modules).where(eq(modules.id, clause.moduleId));
    const [level] = clause.levelId
      ? await tx.select().from(levels).where(eq(levels.id, clause.levelId))
      : [];
    const unchanged =
      input.title === clause.title &&
      input.strength === clause.strength &&
      input.level === (level?.name ?? "");
    if (!unchanged) {
      await updateClauseMetaIn(tx, person, clauseId, { ...input, moduleCode: current?.code ?? "" });
    }
    const item = { kind: "move_clause" as const, clauseId, moduleId: target.id };
    const title = `Move ${ref} to ${target.code}`;
    return {
      ref,
      callNumber: await openFor(tx, person, clause, title, input.reason ?? "", item, now),
    };
  });
}

/**
 * Retirements, restorations and moves of a standard's clauses that calls still have to decide,
 * each with the call deciding it.
 */
export async function pendingStructure(
  db: Executor,
  standardId: string,
  clauseIds?: string[],
): Promise<PendingStructure[]> {
  if (clauseIds?.length === 0) return [];
  const rows = await db
    .select({
      clauseId: callItems.clauseId,
      kind: callItems.kind,
      callNumber: calls.number,
      moduleCode: modules.code,
      refCode: clauses.refCode,
      refNumber: clauses.refNumber,
    })
    .from(callItems)
    .innerJoin(calls, eq(calls.id, callItems.callId))
    .innerJoin(clauses, eq(clauses.id, callItems.clauseId))
    .leftJoin(modules, eq(modules.id, callItems.moduleId))
    .where(
      and(
        eq(calls.standardId, standardId),
        inArray(calls.phase, [...waitingPhases]),
        eq(callItems.outcome, "pending"),
        inArray(callItems.kind, [...structuralKinds]),
        clauseIds ? inArray(callItems.clauseId, clauseIds) : undefined,
      ),
    )
    .orderBy(calls.number);
  return rows.flatMap(({ refCode, refNumber, ...row }) =>
    row.clauseId && (structuralKinds as readonly string[]).includes(row.kind)
      ? [
          {
            ...row,
            clauseId: row.clauseId,
            ref: formatRef(refCode, refNumber),
            kind: row.kind as PendingStructure["kind"],
          },
        ]
      : [],
  );
}

/**
 * Retires a prose section, or proposes to: one never adopted goes at once; an adopted one is
 * in the next release, so a call decides, and until then it stays where it is.
 */
export async function proposeSectionRetirement(
  db: Database,
  person: Participant,
  sectionId: string,
  reason: string,
  now = new Date(),
  closeLiveText?: (sectionId: string) => Promise<void>,
): Promise<{ callNumber: number | null }> {
  const [section] = await db.select().from(sections).where(eq(sections.id, sectionId));
  if (!section) throw new DomainError("not_found");
  if (section.retiredAt) throw new DomainError("invalid_input", { items: "already_retired" });
  if (!section.adoptedRevisionId) {
    await retireUnadoptedSection(db, person, sectionId, now, closeLiveText);
    return { callNumber: null };
  }
  // The call re-checks, under its own locks, that the section is still adopted and live.
  const call = await db.transaction((tx) =>
    openChangesCall(
      tx,
      person.id,
      section.standardId,
      {
        title: `Retire the section “${section.title}”`,
        description: reason,
        organisations: "",
        items: [{ kind: "retire_section", sectionId }],
      },
      now,
    ),
  );
  return { callNumber: call.number };
}

/** The call still deciding whether a section is retired, if one is. */
export async function pendingSectionRetirement(
  db: Executor,
  sectionId: string,
): Promise<number | null> {
  const [row] = await db
    .select({ number: calls.number })
    .from(callItems)
    .innerJoin(calls, eq(calls.id, callItems.callId))
    .where(
      and(
        eq(callItems.sectionId, sectionId),
        eq(callItems.kind, "retire_section"),
        eq(callItems.outcome, "pending"),
        inArray(calls.phase, [...waitingPhases]),
      ),
    )
    .limit(1);
  return row?.number ?? null;
}
