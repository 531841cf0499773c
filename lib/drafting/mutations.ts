import "server-only";
import { and, asc, desc, eq, gt, lt, max } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Participant } from "@/lib/community/authz";
import type { Database, Transaction } from "@/lib/db/client";
import { canonicalFields } from "@/lib/drafting/canonical-text";
import { type ClauseFields, clausePlainText, emptyRichText } from "@/lib/drafting/rich-text";
import { authorsSince, type ClauseMetaInput, formatRef, nextRefNumber } from "@/lib/drafting/rules";
import {
  clauseEdits,
  clauseRevisions,
  clauses,
  clauseTexts,
  levels,
  modules,
  standards,
} from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import { enforceLimit } from "@/lib/rate-limit";

type RevisionKind = (typeof clauseRevisions.$inferInsert)["kind"];

async function resolveAxes(
  tx: Transaction,
  standardId: string,
  input: Pick<ClauseMetaInput, "moduleCode" | "level">,
) {
  const [module] = await tx
    .select()
    .from(modules)
    .where(and(eq(modules.standardId, standardId), eq(modules.code, input.moduleCode)));
  if (!module) throw new DomainError("invalid_input", { moduleCode: "unknown_module" });
  if (input.level === "") return { module, levelId: null };
  const [level] = await tx
    .select()
    .from(levels)
    .where(and(eq(levels.standardId, standardId), eq(levels.name, input.level)));
  if (!level) throw new DomainError("invalid_input", { level: "unknown_level" });
  return { module, levelId: level.id };
}

/**
 * Snapshots a clause's current text and structure as its next revision, crediting everyone
 * who edited the text since the previous one. The text is recorded in stored form, whatever
 * form the working copy or an older revision being restored has it in.
 */
export async function takeRevision(
  tx: Transaction,
  clauseId: string,
  revision: {
    kind: RevisionKind;
    note: string;
    actorId: string | null;
    now?: Date;
    /** The text to record, when it is not (yet) the stored working copy. */
    fields?: ClauseFields;
  },
): Promise<number> {
  const [clause] = await tx.select().from(clauses).where(eq(clauses.id, clauseId));
  const [text] = await tx.select().from(clauseTexts).where(eq(clauseTexts.clauseId, clauseId));
  if (!clause || !text) throw new DomainError("not_found");
  const [previous] = await tx
    .select({ number: clauseRevisions.number, createdAt: clauseRevisions.createdAt })
    .from(clauseRevisions)
    .where(eq(clauseRevisions.clauseId, clauseId))
    .orderBy(desc(clauseRevisions.number))
    .limit(1);
  const edits = await tx.select().from(clauseEdits).where(eq(clauseEdits.clauseId, clauseId));
  const number = (previous?.number ?? 0) + 1;
  const fields = canonicalFields(
    revision.fields ?? { body: text.body, assessment: text.assessment, examples: text.examples },
  );
  await tx.insert(clauseRevisions).values({
    clauseId,
    number,
    kind: revision.kind,
    note: revision.note,
    title: clause.title,
    strength: clause.strength,
    levelId: clause.levelId,
    ...fields,
    plainText: revision.fields ? clausePlainText(fields) : text.plainText,
    authorIds: authorsSince(edits, previous?.createdAt ?? null),
    createdBy: revision.actorId,
    ...(revision.now ? { createdAt: revision.now } : {}),
  });
  return number;
}

export async function createClause(
  db: Database,
  author: Participant,
  input: ClauseMetaInput & { standardSlug: string; fields?: ClauseFields },
  now = new Date(),
): Promise<{ clauseId: string; ref: string }> {
  return db.transaction(async (tx) => {
    const [standard] = await tx
      .select()
      .from(standards)
      .where(eq(standards.slug, input.standardSlug));
    if (!standard) throw new DomainError("not_found");
    await enforceLimit(tx, "clause", author.id);
    const { module, levelId } = await resolveAxes(tx, standard.id, input);
    const used = await tx
      .select({ number: clauses.refNumber })
      .from(clauses)
      .where(and(eq(clauses.standardId, standard.id), eq(clauses.refCode, module.code)));
    const refNumber = nextRefNumber(used.map((row) => row.number));
    const [last] = await tx
      .select({ position: max(clauses.position) })
      .from(clauses)
      .where(eq(clauses.moduleId, module.id));
    const [clause] = await tx
      .insert(clauses)
      .values({
        standardId: standard.id,
        moduleId: module.id,
        refCode: module.code,
        refNumber,
        title: input.title,
        levelId,
        strength: input.strength,
        position: (last?.position ?? -1) + 1,
        createdBy: author.id,
        createdAt: now,
      })
      .returning({ id: clauses.id });
    if (!clause) throw new DomainError("internal");
    const fields = canonicalFields(
      input.fields ?? {
        body: emptyRichText(),
        assessment: emptyRichText(),
        examples: emptyRichText(),
      },
    );
    await tx
      .insert(clauseTexts)
      .values({ clauseId: clause.id, ...fields, plainText: clausePlainText(fields) });
    const ref = formatRef(module.code, refNumber);
    await takeRevision(tx, clause.id, {
      kind: "automatic",
      note: "Clause added",
      actorId: author.id,
      now,
    });
    await recordAudit(tx, {
      at: now,
      actorId: author.id,
      action: "drafting.clause_added",
      subjectType: "clause",
      subjectId: ref,
      details: { standard: standard.slug, title: input.title, strength: input.strength },
    });
    return { clauseId: clause.id, ref };
  });
}

export async function lockClause(tx: Transaction, clauseId: string) {
  const [clause] = await tx.select().from(clauses).where(eq(clauses.id, clauseId)).for("update");
  if (!clause) throw new DomainError("not_found");
  return clause;
}

/**
 * Changes title, module, level or strength; the text before the change is kept as a revision.
 * Moving a clause the community adopted to another module is the community's decision: that
 * goes through a call (lib/decisions/structure.ts), never through here.
 */
export async function updateClauseMeta(
  db: Database,
  author: Participant,
  clauseId: string,
  input: ClauseMetaInput,
): Promise<void> {
  await db.transaction((tx) => updateClauseMetaIn(tx, author, clauseId, input));
}

/** `updateClauseMeta` in the caller's transaction. */
export async function updateClauseMetaIn(
  tx: Transaction,
  author: Participant,
  clauseId: string,
  input: ClauseMetaInput,
): Promise<void> {
  const clause = await lockClause(tx, clauseId);
  if (clause.retiredAt) throw new DomainError("conflict");
  await enforceLimit(tx, "drafting", author.id);
  const { module, levelId } = await resolveAxes(tx, clause.standardId, input);
  const moving = module.id !== clause.moduleId;
  if (moving && clause.adoptedRevisionId) {
    throw new DomainError("invalid_input", { moduleCode: "needs_call" });
  }
  await takeRevision(tx, clauseId, {
    kind: "automatic",
    note: "Before a change of structure",
    actorId: author.id,
  });
  let position = clause.position;
  if (moving) {
    const [last] = await tx
      .select({ position: max(clauses.position) })
      .from(clauses)
      .where(eq(clauses.moduleId, module.id));
    position = (last?.position ?? -1) + 1;
  }
  await tx
    .update(clauses)
    .set({ title: input.title, moduleId: module.id, levelId, strength: input.strength, position })
    .where(eq(clauses.id, clauseId));
  await recordAudit(tx, {
    actorId: author.id,
    action: "drafting.clause_changed",
    subjectType: "clause",
    subjectId: formatRef(clause.refCode, clause.refNumber),
    details: {
      title: input.title,
      module: input.moduleCode,
      level: input.level || null,
      strength: input.strength,
    },
  });
}

/** Swaps a clause with its neighbour in the module. */
export async function moveClause(
  db: Database,
  author: Participant,
  clauseId: string,
  direction: "up" | "down",
): Promise<void> {
  await db.transaction(async (tx) => {
    const clause = await lockClause(tx, clauseId);
    const [neighbour] = await tx
      .select()
      .from(clauses)
      .where(
        and(
          eq(clauses.moduleId, clause.moduleId),
          direction === "up"
            ? lt(clauses.position, clause.position)
            : gt(clauses.position, clause.position),
        ),
      )
      .orderBy(direction === "up" ? desc(clauses.position) : asc(clauses.position))
      .limit(1)
      .for("update");
    if (!neighbour) return; // already first or last
    await enforceLimit(tx, "drafting", author.id);
    await tx.update(clauses).set({ position: clause.position }).where(eq(clauses.id, neighbour.id));
    await tx.update(clauses).set({ position: neighbour.position }).where(eq(clauses.id, clause.id));
    await recordAudit(tx, {
      actorId: author.id,
      action: "drafting.clause_moved",
      subjectType: "clause",
      subjectId: formatRef(clause.refCode, clause.refNumber),
      details: { direction },
    });
  });
}

/** A participant's named snapshot of the clause as it stands. */
export async function saveRevision(
  db: Database,
  author: Participant,
  clauseId: string,
  note: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    const clause = await lockClause(tx, clauseId);
    await enforceLimit(tx, "drafting", author.id);
    const number = await takeRevision(tx, clauseId, { kind: "saved", note, actorId: author.id });
    await recordAudit(tx, {
      actorId: author.id,
      action: "drafting.revision_saved",
      subjectType: "clause",
      subjectId: formatRef(clause.refCode, clause.refNumber),
      details: { revision: number }, // the note stays with the revision, not in the log
    });
    return number;
  });
}
