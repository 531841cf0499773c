import "server-only";
import { and, asc, eq, max } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Transaction } from "@/lib/db/client";
import { type callItemOutcomes, callItems } from "@/lib/decisions/schema";
import { formatRef } from "@/lib/drafting/rules";
import {
  clauseRevisions,
  clauses,
  modules,
  sectionRevisions,
  sections,
} from "@/lib/drafting/schema";
import { callSubjectId } from "@/lib/paths";

type ItemOutcome = (typeof callItemOutcomes)[number];
type Item = typeof callItems.$inferSelect;
type CallRef = { id: string; slug: string; number: number };

/**
 * Settles every change of a call still pending with the call's outcome: an adopted call applies
 * them to the document (each with its own entry in the log), any other outcome leaves the
 * document as it was and records why on each change.
 */
export async function settleChanges(
  tx: Transaction,
  call: CallRef,
  outcome: Exclude<ItemOutcome, "pending" | "escalated">,
  now: Date,
  only?: ReadonlySet<string>,
): Promise<void> {
  const pending = await tx
    .select()
    .from(callItems)
    .where(and(eq(callItems.callId, call.id), eq(callItems.outcome, "pending")))
    .orderBy(asc(callItems.position));
  for (const item of pending) {
    if (only && !only.has(item.id)) continue;
    if (outcome === "adopted") await applyChange(tx, call, item, now);
    await tx.update(callItems).set({ outcome }).where(eq(callItems.id, item.id));
  }
}

/** What one adopted change does to the document, and the log entry that says so. */
async function applyChange(tx: Transaction, call: CallRef, item: Item, now: Date): Promise<void> {
  const through = callSubjectId(call.slug, call.number);
  if (item.clauseId) {
    const [clause] = await tx
      .select()
      .from(clauses)
      .where(eq(clauses.id, item.clauseId))
      .for("update");
    if (!clause) return;
    const subject = {
      subjectType: "clause" as const,
      subjectId: formatRef(clause.refCode, clause.refNumber),
    };
    const log = (action: Parameters<typeof recordAudit>[1]["action"], details = {}) =>
      recordAudit(tx, {
        at: now,
        actorId: null,
        action,
        ...subject,
        details: { call: through, ...details },
      });
    switch (item.kind) {
      case "adopt_clause": {
        if (!item.revisionId) return;
        await tx
          .update(clauses)
          .set({ adoptedRevisionId: item.revisionId })
          .where(eq(clauses.id, clause.id));
        const [revision] = await tx
          .select({ number: clauseRevisions.number })
          .from(clauseRevisions)
          .where(eq(clauseRevisions.id, item.revisionId));
        await log("decisions.revision_adopted", { revision: revision?.number ?? null });
        return;
      }
      case "retire_clause":
        await tx.update(clauses).set({ retiredAt: now }).where(eq(clauses.id, clause.id));
        await log("decisions.clause_retired");
        return;
      case "restore_clause":
        await tx.update(clauses).set({ retiredAt: null }).where(eq(clauses.id, clause.id));
        await log("decisions.clause_restored");
        return;
      case "move_clause": {
        if (!item.moduleId) return;
        const [module] = await tx.select().from(modules).where(eq(modules.id, item.moduleId));
        const position = await endOfModule(tx, item.moduleId);
        await tx
          .update(clauses)
          .set({ moduleId: item.moduleId, position })
          .where(eq(clauses.id, clause.id));
        await log("decisions.clause_moved", { module: module?.code ?? null });
        return;
      }
      default:
        return;
    }
  }
  if (item.sectionId) {
    const [section] = await tx
      .select()
      .from(sections)
      .where(eq(sections.id, item.sectionId))
      .for("update");
    if (!section) return;
    const entry = {
      at: now,
      actorId: null,
      subjectType: "section" as const,
      subjectId: section.slug,
    };
    if (item.kind === "adopt_section" && item.sectionRevisionId) {
      await tx
        .update(sections)
        .set({ adoptedRevisionId: item.sectionRevisionId })
        .where(eq(sections.id, section.id));
      const [revision] = await tx
        .select({ number: sectionRevisions.number })
        .from(sectionRevisions)
        .where(eq(sectionRevisions.id, item.sectionRevisionId));
      await recordAudit(tx, {
        ...entry,
        action: "decisions.section_adopted",
        details: { call: through, revision: revision?.number ?? null },
      });
    }
    if (item.kind === "retire_section") {
      await tx.update(sections).set({ retiredAt: now }).where(eq(sections.id, section.id));
      await recordAudit(tx, {
        ...entry,
        action: "decisions.section_retired",
        details: { call: through },
      });
    }
  }
}

/** The next position at the end of a module, for a clause moved into it. */
async function endOfModule(tx: Transaction, moduleId: string): Promise<number> {
  const [last] = await tx
    .select({ position: max(clauses.position) })
    .from(clauses)
    .where(eq(clauses.moduleId, moduleId));
  return (last?.position ?? 0) + 1;
}
