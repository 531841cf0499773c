import "server-only";
import { and, eq, inArray, notInArray, or } from "drizzle-orm";
import type { Transaction } from "@/lib/db/client";
import { insertCall } from "@/lib/decisions/calls";
import { waitingPhases } from "@/lib/decisions/rules";
import { callItems, calls } from "@/lib/decisions/schema";
import { revisionOfWorkingText } from "@/lib/drafting/latest-revision";
import {
  clauseRevisions,
  clauses,
  modules,
  sectionRevisions,
  sections,
} from "@/lib/drafting/schema";
import { sectionRevisionOfWorkingText } from "@/lib/drafting/section-revisions";
import { DomainError, type FieldErrorCode } from "@/lib/errors";

/**
 * One change a "changes" call is asked to decide. Adoptions name the text as it stands (a
 * revision is taken, if the text changed, and frozen into the call) or, for a clause, a named
 * revision.
 */
export type ChangeRequest =
  | { kind: "adopt_clause"; clauseId: string; revision?: number }
  | { kind: "adopt_section"; sectionId: string }
  | { kind: "retire_clause"; clauseId: string }
  | { kind: "restore_clause"; clauseId: string }
  | { kind: "move_clause"; clauseId: string; moduleId: string }
  | { kind: "retire_section"; sectionId: string };

export type NewChangesCall = {
  title: string;
  description: string;
  organisations: string;
  items: ChangeRequest[];
};

type ItemRow = typeof callItems.$inferInsert;

function refuse(code: FieldErrorCode): never {
  throw new DomainError("invalid_input", { items: code });
}

const subjectOf = (request: ChangeRequest) =>
  "clauseId" in request ? `clause:${request.clauseId}` : `section:${request.sectionId}`;

/**
 * Opens a call on a set of changes in the caller's transaction: checks every change against the
 * document as it stands, freezes the revisions it adopts, and refuses the whole set (nothing
 * written) if any change is not possible or already being decided by another open call.
 */
export async function openChangesCall(
  tx: Transaction,
  proposerId: string,
  standardId: string,
  input: NewChangesCall,
  now: Date,
): Promise<{ id: string; number: number }> {
  if (input.items.length === 0) refuse("no_changes");
  const subjects = input.items.map(subjectOf);
  if (new Set(subjects).size !== subjects.length) refuse("invalid");
  await refuseBusy(tx, input.items);
  const rows: Omit<ItemRow, "callId">[] = [];
  for (const [index, request] of input.items.entries()) {
    rows.push({
      position: index + 1,
      ...(await frozenItem(tx, standardId, request, proposerId, now)),
    });
  }
  const call = await insertCall(
    tx,
    proposerId,
    standardId,
    {
      kind: "changes",
      title: input.title,
      description: input.description,
      organisations: input.organisations,
      clauseId: null,
      revisionId: null,
      releaseId: null,
    },
    now,
  );
  await tx.insert(callItems).values(rows.map((row) => ({ ...row, callId: call.id })));
  return call;
}

/** The clauses and sections some call still waiting on a decision is about. */
async function refuseBusy(tx: Transaction, items: ChangeRequest[]): Promise<void> {
  const clauseIds = items.flatMap((item) => ("clauseId" in item ? [item.clauseId] : []));
  const sectionIds = items.flatMap((item) => ("sectionId" in item ? [item.sectionId] : []));
  const waiting = [...waitingPhases];
  if (clauseIds.length > 0) {
    const [single] = await tx
      .select({ id: calls.id })
      .from(calls)
      .where(and(inArray(calls.clauseId, clauseIds), inArray(calls.phase, waiting)))
      .limit(1);
    if (single) refuse("in_open_call");
  }
  if (clauseIds.length + sectionIds.length === 0) return;
  const [item] = await tx
    .select({ id: callItems.id })
    .from(callItems)
    .innerJoin(calls, eq(calls.id, callItems.callId))
    .where(
      and(
        inArray(calls.phase, waiting),
        // An item that escalated waits on its own call, which this check finds instead.
        notInArray(callItems.outcome, ["escalated"]),
        or(
          clauseIds.length > 0 ? inArray(callItems.clauseId, clauseIds) : undefined,
          sectionIds.length > 0 ? inArray(callItems.sectionId, sectionIds) : undefined,
        ),
      ),
    )
    .limit(1);
  if (item) refuse("in_open_call");
}

async function clauseOf(tx: Transaction, standardId: string, clauseId: string) {
  const [clause] = await tx
    .select()
    .from(clauses)
    .where(and(eq(clauses.id, clauseId), eq(clauses.standardId, standardId)));
  return clause ?? refuse("unknown_clause");
}

async function sectionOf(tx: Transaction, standardId: string, sectionId: string) {
  const [section] = await tx
    .select()
    .from(sections)
    .where(and(eq(sections.id, sectionId), eq(sections.standardId, standardId)));
  return section ?? refuse("unknown_section");
}

/** What one change will do, checked now and with its revision fixed. */
async function frozenItem(
  tx: Transaction,
  standardId: string,
  request: ChangeRequest,
  actorId: string,
  now: Date,
): Promise<Omit<ItemRow, "callId" | "position">> {
  const note = "Proposed for adoption";
  switch (request.kind) {
    case "adopt_clause": {
      const clause = await clauseOf(tx, standardId, request.clauseId);
      if (clause.retiredAt) refuse("clause_retired");
      const number =
        request.revision ?? (await revisionOfWorkingText(tx, clause.id, { note, actorId, now }));
      const [revision] = await tx
        .select({ id: clauseRevisions.id })
        .from(clauseRevisions)
        .where(and(eq(clauseRevisions.clauseId, clause.id), eq(clauseRevisions.number, number)));
      if (!revision) refuse("unknown_revision");
      return { kind: request.kind, clauseId: clause.id, revisionId: revision.id };
    }
    case "adopt_section": {
      const section = await sectionOf(tx, standardId, request.sectionId);
      if (section.retiredAt) refuse("already_retired");
      const number = await sectionRevisionOfWorkingText(tx, section.id, { note, actorId, now });
      const [revision] = await tx
        .select({ id: sectionRevisions.id })
        .from(sectionRevisions)
        .where(
          and(eq(sectionRevisions.sectionId, section.id), eq(sectionRevisions.number, number)),
        );
      return { kind: request.kind, sectionId: section.id, sectionRevisionId: revision?.id };
    }
    case "retire_clause": {
      const clause = await clauseOf(tx, standardId, request.clauseId);
      if (clause.retiredAt) refuse("already_retired");
      // Text never adopted is no one's decision yet: it is retired at once, without a call.
      if (!clause.adoptedRevisionId) refuse("not_adopted");
      return { kind: request.kind, clauseId: clause.id };
    }
    case "restore_clause": {
      const clause = await clauseOf(tx, standardId, request.clauseId);
      if (!clause.retiredAt) refuse("not_retired");
      return { kind: request.kind, clauseId: clause.id };
    }
    case "move_clause": {
      const clause = await clauseOf(tx, standardId, request.clauseId);
      if (clause.retiredAt) refuse("clause_retired");
      if (!clause.adoptedRevisionId) refuse("not_adopted");
      const [module] = await tx
        .select()
        .from(modules)
        .where(and(eq(modules.id, request.moduleId), eq(modules.standardId, standardId)));
      if (!module) refuse("unknown_module");
      if (module.id === clause.moduleId) refuse("same_module");
      return { kind: request.kind, clauseId: clause.id, moduleId: request.moduleId };
    }
    case "retire_section": {
      const section = await sectionOf(tx, standardId, request.sectionId);
      if (section.retiredAt) refuse("already_retired");
      if (!section.adoptedRevisionId) refuse("not_adopted");
      return { kind: request.kind, sectionId: section.id };
    }
  }
}
