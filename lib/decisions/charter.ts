import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Secretariat } from "@/lib/community/authz";
import type { Database, Executor, Transaction } from "@/lib/db/client";
import { type Charter, charterWithDefaults, defaultCharter } from "@/lib/decisions/rules";
import { calls, charters } from "@/lib/decisions/schema";
import { clauses, levels, sections, standards } from "@/lib/drafting/schema";
import { DomainError, type FieldErrors } from "@/lib/errors";
import { callSubjectId } from "@/lib/paths";

/** The numbers a standard's calls run on, as its community last decided them. */
export async function charterOf(tx: Executor, standardId: string): Promise<Charter> {
  const [row] = await tx.select().from(charters).where(eq(charters.standardId, standardId));
  return row
    ? {
        commentPeriodDays: row.commentPeriodDays,
        quorum: row.quorum,
        agDeadlineDays: row.agDeadlineDays,
        appealWindowDays: row.appealWindowDays,
        listingTermMonths: row.listingTermMonths,
        transitionDays: row.transitionDays,
        declarationReview: row.declarationReview,
        challengeResponseDays: row.challengeResponseDays,
        challengeOnBadge: row.challengeOnBadge,
        relistingBanDays: row.relistingBanDays,
      }
    : defaultCharter;
}

/** Declaration reviews are "none", "all", or from one of the standard's own levels up. */
export async function reviewSettingProblems(
  tx: Executor,
  standardId: string,
  charter: Charter,
): Promise<FieldErrors> {
  const setting = charter.declarationReview;
  if (setting === "none" || setting === "all") return {};
  const [level] = await tx
    .select({ id: levels.id })
    .from(levels)
    .where(and(eq(levels.standardId, standardId), eq(levels.name, setting)));
  return level ? {} : { declarationReview: "unknown_level" };
}

/** Whether the community has adopted anything yet: until then there is no one to ask. */
export async function hasAdoptedText(tx: Executor, standardId: string): Promise<boolean> {
  const [clause] = await tx
    .select({ id: clauses.id })
    .from(clauses)
    .where(and(eq(clauses.standardId, standardId), isNotNull(clauses.adoptedRevisionId)))
    .limit(1);
  if (clause) return true;
  const [section] = await tx
    .select({ id: sections.id })
    .from(sections)
    .where(and(eq(sections.standardId, standardId), isNotNull(sections.adoptedRevisionId)))
    .limit(1);
  if (section) return true;
  const [call] = await tx
    .select({ id: calls.id })
    .from(calls)
    .where(and(eq(calls.standardId, standardId), eq(calls.phase, "adopted")))
    .limit(1);
  return call !== undefined;
}

/**
 * The numbers a secretariat may set alone for a new standard: no looser than Hum's defaults,
 * so a founding text cannot be pushed through on a quorum of one or a short period.
 */
export function foundingCharterProblems(charter: Charter): FieldErrors {
  const problems: FieldErrors = {};
  if (charter.commentPeriodDays < defaultCharter.commentPeriodDays) {
    problems.commentPeriodDays = "too_small";
  }
  if (charter.quorum < defaultCharter.quorum) problems.quorum = "too_small";
  if (charter.appealWindowDays < defaultCharter.appealWindowDays) {
    problems.appealWindowDays = "too_small";
  }
  return problems;
}

async function writeCharter(
  tx: Transaction,
  standardId: string,
  charter: Charter,
  by: { actorId: string | null; now: Date; call?: string },
): Promise<void> {
  const [standard] = await tx.select().from(standards).where(eq(standards.id, standardId));
  if (!standard) throw new DomainError("not_found");
  const row = { ...charter, updatedBy: by.actorId, updatedAt: by.now };
  await tx
    .insert(charters)
    .values({ standardId, ...row })
    .onConflictDoUpdate({ target: charters.standardId, set: row });
  await recordAudit(tx, {
    at: by.now,
    actorId: by.actorId,
    action: "decisions.charter_changed",
    subjectType: "charter",
    subjectId: standard.slug,
    details: { ...charter, ...(by.call ? { call: by.call } : {}) },
  });
}

/**
 * The first numbers of a new standard, set by its secretariat before the community has adopted
 * anything (there is no community yet to call). From the first adoption on, the charter changes
 * only by a call (lib/decisions/charter-calls.ts).
 */
export async function setFoundingCharter(
  db: Database,
  actor: Secretariat,
  standardId: string,
  charter: Charter,
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    if (await hasAdoptedText(tx, standardId)) {
      throw new DomainError("invalid_input", { charter: "needs_call" });
    }
    const problems = {
      ...foundingCharterProblems(charter),
      ...(await reviewSettingProblems(tx, standardId, charter)),
    };
    if (Object.keys(problems).length > 0) throw new DomainError("invalid_input", problems);
    await writeCharter(tx, standardId, charter, { actorId: actor.id, now });
  });
}

/**
 * An adopted charter call puts its numbers in force; calls already open keep their copy. A
 * proposal made before the mark's terms existed does not name them: those stay as they are.
 */
export async function applyCharterCall(
  tx: Transaction,
  call: {
    standardId: string;
    slug: string;
    number: number;
    proposedCharter: Partial<Charter> | null;
  },
  now: Date,
): Promise<void> {
  if (!call.proposedCharter) return;
  const current = await charterOf(tx, call.standardId);
  await writeCharter(
    tx,
    call.standardId,
    charterWithDefaults({ ...current, ...call.proposedCharter }),
    {
      actorId: null,
      now,
      call: callSubjectId(call.slug, call.number),
    },
  );
}
