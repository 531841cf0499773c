import "server-only";
import { and, asc, count, desc, eq, inArray, notExists, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { users } from "@/lib/auth/schema";
import { badgesOf } from "@/lib/community/queries";
import { displayName, holdsRole, type RoleBadge } from "@/lib/community/rules";
import type { Viewer } from "@/lib/community/viewer";
import type { Executor } from "@/lib/db/client";
import { votingStage } from "@/lib/decisions/rules";
import { callItems, calls, votes } from "@/lib/decisions/schema";
import { threads } from "@/lib/discussion/schema";
import { formatRef } from "@/lib/drafting/rules";
import { clauseRevisions, clauses, standards } from "@/lib/drafting/schema";
import { renderMessage } from "@/lib/i18n";
import { defaultLocale, type Locale } from "@/lib/locale";

const proposer = alias(users, "proposer");

const callColumns = {
  call: calls,
  slug: standards.slug,
  standardName: standards.name,
  refCode: clauses.refCode,
  refNumber: clauses.refNumber,
  proposerName: proposer.name,
};

type CallRow = {
  call: typeof calls.$inferSelect;
  slug: string;
  standardName: string;
  refCode: string | null;
  refNumber: number | null;
  proposerName: string | null;
};

/** A call as its lists and pages show it, worded for a reader of `locale`. */
export function summaryOf(row: CallRow, badges: Map<string, RoleBadge[]>, locale: Locale) {
  const { rationaleMessage, ...call } = row.call;
  return {
    ...call,
    // People's words, or Hum's own reason worded from the catalogue in the reader's language.
    rationale: rationaleMessage ? renderMessage(rationaleMessage, locale) : call.rationale,
    slug: row.slug,
    standardName: row.standardName,
    clauseRef:
      row.refCode !== null && row.refNumber !== null ? formatRef(row.refCode, row.refNumber) : null,
    proposer: displayName({ id: row.call.openedBy, name: row.proposerName }),
    proposerBadges: badges.get(row.call.openedBy) ?? [],
  };
}
export type CallSummary = ReturnType<typeof summaryOf>;

/** Calls with their proposers' roles, looked up once for the whole list. */
async function summariesOf(
  db: Executor,
  rows: CallRow[],
  locale: Locale,
): Promise<(CallSummary & { changeCount: number })[]> {
  const badges = await badgesOf(
    db,
    rows.map((row) => row.call.openedBy),
  );
  // How many changes each call on a set of changes decides, counted once for the whole list.
  const sets = rows.filter((row) => row.call.kind === "changes").map((row) => row.call.id);
  const counts = new Map(
    (sets.length
      ? await db
          .select({ callId: callItems.callId, count: count() })
          .from(callItems)
          .where(inArray(callItems.callId, sets))
          .groupBy(callItems.callId)
      : []
    ).map((row) => [row.callId, row.count]),
  );
  return rows.map((row) => ({
    ...summaryOf(row, badges, locale),
    changeCount: counts.get(row.call.id) ?? 0,
  }));
}

export function selectCalls(db: Executor) {
  return db
    .select(callColumns)
    .from(calls)
    .innerJoin(standards, eq(standards.id, calls.standardId))
    .innerJoin(proposer, eq(proposer.id, calls.openedBy))
    .leftJoin(clauses, eq(clauses.id, calls.clauseId));
}

/** Every call of a standard, newest first, worded for a reader of `locale`. */
export async function listCalls(
  db: Executor,
  standardId: string,
  locale: Locale = defaultLocale,
): Promise<CallSummary[]> {
  const rows = await selectCalls(db)
    .where(eq(calls.standardId, standardId))
    .orderBy(desc(calls.number));
  return summariesOf(db, rows, locale);
}

/** The calls that shaped a clause, and the revision they adopted last: its decision trail. */
export async function decisionTrail(
  db: Executor,
  clauseId: string,
  locale: Locale = defaultLocale,
) {
  // Its own calls, and the calls on a set of changes that include it.
  const rows = await selectCalls(db)
    .where(
      or(
        eq(calls.clauseId, clauseId),
        inArray(
          calls.id,
          db
            .select({ id: callItems.callId })
            .from(callItems)
            .where(eq(callItems.clauseId, clauseId)),
        ),
      ),
    )
    .orderBy(desc(calls.number));
  const [adopted] = await db
    .select({ number: clauseRevisions.number })
    .from(clauses)
    .innerJoin(clauseRevisions, eq(clauseRevisions.id, clauses.adoptedRevisionId))
    .where(eq(clauses.id, clauseId));
  return { calls: await summariesOf(db, rows, locale), adoptedRevision: adopted?.number ?? null };
}

/** Calls waiting for the AG or the SC, oldest first, with who has voted at the current stage. */
export async function listEscalated(
  db: Executor,
  locale: Locale = defaultLocale,
): Promise<(CallSummary & { voterIds: string[] })[]> {
  const rows = await selectCalls(db)
    .where(inArray(calls.phase, ["escalated_ag", "escalated_sc", "appealed"]))
    .orderBy(asc(calls.closedAt));
  const ids = rows.map((row) => row.call.id);
  const cast = ids.length
    ? await db
        .select({ callId: votes.callId, stage: votes.stage, userId: votes.userId })
        .from(votes)
        .where(inArray(votes.callId, ids))
    : [];
  return (await summariesOf(db, rows, locale)).map((call) => ({
    ...call,
    voterIds: cast
      .filter((vote) => vote.callId === call.id && vote.stage === votingStage(call.phase))
      .map((vote) => vote.userId),
  }));
}

/** What needs this member's vote now: escalated calls of their group they have not voted on. */
export async function waitingFor(
  db: Executor,
  viewer: Viewer,
  locale: Locale = defaultLocale,
): Promise<CallSummary[]> {
  const phases = [
    ...(holdsRole(viewer.roles, "advisory_group") ? (["escalated_ag"] as const) : []),
    ...(holdsRole(viewer.roles, "steering_committee")
      ? (["escalated_sc", "appealed"] as const)
      : []),
  ];
  if (phases.length === 0) return [];
  const rows = await selectCalls(db)
    .where(
      and(
        inArray(calls.phase, phases),
        notExists(
          db
            .select({ id: votes.id })
            .from(votes)
            .where(and(eq(votes.callId, calls.id), eq(votes.userId, viewer.id))),
        ),
      ),
    )
    .orderBy(asc(calls.agDeadline), asc(calls.closedAt));
  // An AG vote and an SC vote are separate stages; a member of both may owe each once.
  return summariesOf(db, rows, locale);
}

/** The objections raised on each call, for the queues. */
export async function objectionsOf(db: Executor, callIds: string[]) {
  const byCall = new Map<
    string,
    {
      id: string;
      title: string;
      author: string;
      authorBadges: RoleBadge[];
      state: "raised" | "withdrawn" | "sustained";
    }[]
  >();
  if (callIds.length === 0) return byCall;
  const rows = await db
    .select({ thread: threads, authorName: users.name })
    .from(threads)
    .innerJoin(users, eq(users.id, threads.createdBy))
    .where(and(inArray(threads.callId, callIds), eq(threads.kind, "objection")))
    .orderBy(asc(threads.createdAt));
  const badges = await badgesOf(
    db,
    rows.map((row) => row.thread.createdBy),
  );
  for (const { thread, authorName } of rows) {
    if (!thread.callId) continue;
    const list = byCall.get(thread.callId) ?? [];
    list.push({
      id: thread.id,
      title: thread.title,
      author: displayName({ id: thread.createdBy, name: authorName }),
      authorBadges: badges.get(thread.createdBy) ?? [],
      state: thread.objectionState ?? "raised",
    });
    byCall.set(thread.callId, list);
  }
  return byCall;
}
