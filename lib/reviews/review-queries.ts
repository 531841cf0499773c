import "server-only";
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, sql } from "drizzle-orm";
import { auditLog } from "@/lib/audit/schema";
import { challenges } from "@/lib/challenges/schema";
import type { Executor } from "@/lib/db/client";
import { type Phase, waitingPhases } from "@/lib/decisions/rules";
import { appeals, calls } from "@/lib/decisions/schema";
import { standards } from "@/lib/drafting/schema";
import { declarationEvidence, declarations, evidenceLinks } from "@/lib/registry/schema";
import { reviews, surveys } from "@/lib/reviews/schema";

/** Where a review stands: gathering evidence, its conclusions before the community, or done. */
export type ReviewState = "in_progress" | "conclusions_proposed" | "concluded";

const waiting = sql.join(
  waitingPhases.map((phase) => sql`${phase}`),
  sql`, `,
);
/** The review's call still waiting for its outcome, if any: the conclusions are before it. */
const pendingCall = sql<boolean>`exists (select 1 from ${calls} where ${calls.reviewId} = ${reviews.id} and ${calls.phase} in (${waiting}))`;

function stateOf(row: { concludedAt: Date | null; pending: boolean }): ReviewState {
  if (row.concludedAt) return "concluded";
  return row.pending ? "conclusions_proposed" : "in_progress";
}

export type ReviewSummary = {
  id: string;
  number: number;
  title: string;
  periodStart: Date;
  periodEnd: Date;
  concludedAt: Date | null;
  state: ReviewState;
};

/** A standard's reviews, newest first. */
export async function listReviews(db: Executor, standardId: string): Promise<ReviewSummary[]> {
  const rows = await db
    .select({
      id: reviews.id,
      number: reviews.number,
      title: reviews.title,
      periodStart: reviews.periodStart,
      periodEnd: reviews.periodEnd,
      concludedAt: reviews.concludedAt,
      pending: pendingCall,
    })
    .from(reviews)
    .where(eq(reviews.standardId, standardId))
    .orderBy(desc(reviews.number));
  return rows.map(({ pending, ...row }) => ({ ...row, state: stateOf({ ...row, pending }) }));
}

/** The latest review whose conclusions the community adopted, for the standard's page. */
export async function latestConcludedReview(
  db: Executor,
  standardId: string,
): Promise<{ number: number; title: string; concludedAt: Date } | null> {
  const [row] = await db
    .select({ number: reviews.number, title: reviews.title, concludedAt: reviews.concludedAt })
    .from(reviews)
    .where(and(eq(reviews.standardId, standardId), isNotNull(reviews.concludedAt)))
    .orderBy(desc(reviews.concludedAt))
    .limit(1);
  return row?.concludedAt ? { ...row, concludedAt: row.concludedAt } : null;
}

export type ReviewCall = { number: number; phase: Phase; openedAt: Date; decidedAt: Date | null };
export type ReviewSurvey = {
  number: number;
  title: string;
  audience: string;
  state: string;
  opensAt: Date;
  closesAt: Date;
  /** Results are public once it closed, or once the secretariat published them. */
  resultsPublic: boolean;
};

export type ReviewPage = {
  review: typeof reviews.$inferSelect;
  standard: { id: string; slug: string; name: string };
  state: ReviewState;
  /** Every call on its conclusions, newest first: an earlier one may have been rejected. */
  calls: ReviewCall[];
  surveys: ReviewSurvey[];
};

/** One review, by its standard's slug and its number, with its calls and surveys. */
export async function getReview(
  db: Executor,
  standardSlug: string,
  number: number,
): Promise<ReviewPage | null> {
  const [row] = await db
    .select({
      review: reviews,
      standard: { id: standards.id, slug: standards.slug, name: standards.name },
    })
    .from(reviews)
    .innerJoin(standards, eq(standards.id, reviews.standardId))
    .where(and(eq(standards.slug, standardSlug), eq(reviews.number, number)));
  if (!row) return null;
  const [callRows, surveyRows] = await Promise.all([
    db
      .select({
        number: calls.number,
        phase: calls.phase,
        openedAt: calls.openedAt,
        decidedAt: calls.decidedAt,
      })
      .from(calls)
      .where(eq(calls.reviewId, row.review.id))
      .orderBy(desc(calls.number)),
    db
      .select({
        number: surveys.number,
        title: surveys.title,
        audience: surveys.audience,
        state: surveys.state,
        opensAt: surveys.opensAt,
        closesAt: surveys.closesAt,
        resultsPublishedAt: surveys.resultsPublishedAt,
      })
      .from(surveys)
      .where(eq(surveys.reviewId, row.review.id))
      .orderBy(asc(surveys.number)),
  ]);
  const pending = callRows.some((call) =>
    (waitingPhases as readonly string[]).includes(call.phase),
  );
  return {
    ...row,
    state: stateOf({ concludedAt: row.review.concludedAt, pending }),
    calls: callRows,
    surveys: surveyRows.map(({ resultsPublishedAt, ...survey }) => ({
      ...survey,
      resultsPublic: survey.state === "closed" || resultsPublishedAt !== null,
    })),
  };
}

export type ReviewFigures = {
  declarations: {
    listed: number;
    lapsed: number;
    struckOff: number;
    withdrawn: number;
    /** Declarations listed in the period, by the levels they claim (one per level claimed). */
    listedByLevel: { level: string; count: number }[];
  };
  challenges: { filed: number; decided: { outcome: string; count: number }[] };
  calls: {
    opened: number;
    decided: { outcome: string; count: number }[];
    escalated: number;
    appealed: number;
  };
  participantsActive: number;
  evidence: { brokenNow: number; brokeInPeriod: number };
};

const count = sql<number>`count(*)::int`;

/**
 * What Hum's own record says of a standard's mark over [start, end): one query per group of
 * figures, whatever the number of rows. Registry and call transitions are read from the audit
 * log, which keeps every change (a row's state is only its latest).
 */
export async function reviewFigures(
  db: Executor,
  standardId: string,
  start: Date,
  end: Date,
): Promise<ReviewFigures> {
  const inPeriod = and(gte(auditLog.at, start), lt(auditLog.at, end));
  const [standard] = await db
    .select({ slug: standards.slug })
    .from(standards)
    .where(eq(standards.id, standardId));
  const slug = standard?.slug ?? "";
  const registryActions = [
    "registry.declaration_listed",
    "registry.declaration_lapsed",
    "registry.transition_ended",
    "registry.declaration_struck_off",
    "registry.declaration_withdrawn",
  ];
  const callActions = ["decisions.call_opened", "decisions.escalated_to_ag", "decisions.appealed"];
  const [
    registryRows,
    levelRows,
    challengeRows,
    callLogRows,
    callRows,
    appealRows,
    actorRows,
    evidenceRows,
  ] = await Promise.all([
    db
      .select({ action: auditLog.action, count })
      .from(auditLog)
      .innerJoin(declarations, sql`${declarations.number}::text = ${auditLog.subjectId}`)
      .where(
        and(
          eq(auditLog.subjectType, "declaration"),
          inArray(auditLog.action, registryActions),
          eq(declarations.standardId, standardId),
          inPeriod,
        ),
      )
      .groupBy(auditLog.action),
    db.execute<{ level: string; count: number }>(sql`
        select claim->>'level' as level, count(distinct ${declarations.id})::int as count
        from ${auditLog}
        join ${declarations} on ${declarations.number}::text = ${auditLog.subjectId}
        cross join lateral jsonb_array_elements(coalesce(${declarations.claims}, '[]'::jsonb)) as claim
        where ${auditLog.subjectType} = 'declaration'
          and ${auditLog.action} = 'registry.declaration_listed'
          and ${declarations.standardId} = ${standardId}
          and ${auditLog.at} >= ${start.toISOString()} and ${auditLog.at} < ${end.toISOString()}
        group by 1 order by 1`),
    db
      .select({
        phase: challenges.phase,
        filed: sql<number>`count(*) filter (where ${challenges.filedAt} >= ${start.toISOString()} and ${challenges.filedAt} < ${end.toISOString()})::int`,
        decided: sql<number>`count(*) filter (where ${challenges.decidedAt} >= ${start.toISOString()} and ${challenges.decidedAt} < ${end.toISOString()})::int`,
      })
      .from(challenges)
      .where(eq(challenges.standardId, standardId))
      .groupBy(challenges.phase),
    db
      .select({ action: auditLog.action, count })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.subjectType, "call"),
          inArray(auditLog.action, callActions),
          sql`${auditLog.subjectId} like ${`${slug}/%`}`,
          inPeriod,
        ),
      )
      .groupBy(auditLog.action),
    db
      .select({ phase: calls.phase, count })
      .from(calls)
      .where(
        and(
          eq(calls.standardId, standardId),
          gte(calls.decidedAt, start),
          lt(calls.decidedAt, end),
        ),
      )
      .groupBy(calls.phase),
    db
      .select({ count })
      .from(appeals)
      .innerJoin(calls, eq(calls.id, appeals.callId))
      .where(
        and(
          eq(calls.standardId, standardId),
          gte(appeals.filedAt, start),
          lt(appeals.filedAt, end),
        ),
      ),
    // Anyone who did something on the record, sign-ins and refusals aside.
    db
      .select({ count: sql<number>`count(distinct ${auditLog.actorId})::int` })
      .from(auditLog)
      .where(
        and(
          isNotNull(auditLog.actorId),
          sql`split_part(${auditLog.action}, '.', 1) not in ('auth', 'access')`,
          inPeriod,
        ),
      ),
    db
      .select({
        brokenNow: sql<number>`count(distinct ${evidenceLinks.url})::int`,
        brokeInPeriod: sql<number>`count(distinct ${evidenceLinks.url}) filter (where ${evidenceLinks.changedAt} >= ${start.toISOString()} and ${evidenceLinks.changedAt} < ${end.toISOString()})::int`,
      })
      .from(evidenceLinks)
      .innerJoin(declarationEvidence, eq(declarationEvidence.url, evidenceLinks.url))
      .innerJoin(declarations, eq(declarations.id, declarationEvidence.declarationId))
      .where(and(eq(declarations.standardId, standardId), eq(evidenceLinks.state, "broken"))),
  ]);
  const registry = new Map(registryRows.map((row) => [row.action, row.count]));
  const callLog = new Map(callLogRows.map((row) => [row.action, row.count]));
  return {
    declarations: {
      listed: registry.get("registry.declaration_listed") ?? 0,
      lapsed:
        (registry.get("registry.declaration_lapsed") ?? 0) +
        (registry.get("registry.transition_ended") ?? 0),
      struckOff: registry.get("registry.declaration_struck_off") ?? 0,
      withdrawn: registry.get("registry.declaration_withdrawn") ?? 0,
      listedByLevel: levelRows.rows.map((row) => ({ level: row.level, count: Number(row.count) })),
    },
    challenges: {
      filed: challengeRows.reduce((sum, row) => sum + row.filed, 0),
      decided: challengeRows
        .filter((row) => row.decided > 0)
        .map((row) => ({ outcome: row.phase, count: row.decided })),
    },
    calls: {
      opened: callLog.get("decisions.call_opened") ?? 0,
      decided: callRows.map((row) => ({ outcome: row.phase, count: row.count })),
      escalated: callLog.get("decisions.escalated_to_ag") ?? 0,
      appealed: appealRows[0]?.count ?? 0,
    },
    participantsActive: actorRows[0]?.count ?? 0,
    evidence: {
      brokenNow: evidenceRows[0]?.brokenNow ?? 0,
      brokeInPeriod: evidenceRows[0]?.brokeInPeriod ?? 0,
    },
  };
}
