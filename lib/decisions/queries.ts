import "server-only";
import { and, asc, desc, eq, inArray, notExists } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { listAudit } from "@/lib/audit/queries";
import { users } from "@/lib/auth/schema";
import { badgesOf } from "@/lib/community/queries";
import { displayName, holdsRole, type RoleBadge } from "@/lib/community/rules";
import { conflictDeclarations } from "@/lib/community/schema";
import type { Viewer } from "@/lib/community/viewer";
import type { Database, Executor } from "@/lib/db/client";
import { hasConflict, quorumCount, type Stance, stances, votingStage } from "@/lib/decisions/rules";
import { appeals, calls, positions, votes } from "@/lib/decisions/schema";
import {
  commentTexts,
  copyKey,
  positionReasonTexts,
  withdrawnCopies,
} from "@/lib/discussion/moderation";
import { listCallThreads } from "@/lib/discussion/queries";
import { threads } from "@/lib/discussion/schema";
import { formatRef } from "@/lib/drafting/rules";
import { clauseRevisions, clauses, clauseTexts, standards } from "@/lib/drafting/schema";
import { callSubjectId } from "@/lib/paths";

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

function summaryOf(row: CallRow, badges: Map<string, RoleBadge[]>) {
  return {
    ...row.call,
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
async function summariesOf(db: Executor, rows: CallRow[]): Promise<CallSummary[]> {
  const badges = await badgesOf(
    db,
    rows.map((row) => row.call.openedBy),
  );
  return rows.map((row) => summaryOf(row, badges));
}

function selectCalls(db: Executor) {
  return db
    .select(callColumns)
    .from(calls)
    .innerJoin(standards, eq(standards.id, calls.standardId))
    .innerJoin(proposer, eq(proposer.id, calls.openedBy))
    .leftJoin(clauses, eq(clauses.id, calls.clauseId));
}

/** Every call of a standard, newest first. */
export async function listCalls(db: Executor, standardId: string): Promise<CallSummary[]> {
  const rows = await selectCalls(db)
    .where(eq(calls.standardId, standardId))
    .orderBy(desc(calls.number));
  return summariesOf(db, rows);
}

/** The calls that shaped a clause, and the revision they adopted last: its decision trail. */
export async function decisionTrail(db: Executor, clauseId: string) {
  const rows = await selectCalls(db)
    .where(eq(calls.clauseId, clauseId))
    .orderBy(desc(calls.number));
  const [adopted] = await db
    .select({ number: clauseRevisions.number })
    .from(clauses)
    .innerJoin(clauseRevisions, eq(clauseRevisions.id, clauses.adoptedRevisionId))
    .where(eq(clauses.id, clauseId));
  return { calls: await summariesOf(db, rows), adoptedRevision: adopted?.number ?? null };
}

/** Calls waiting for the AG or the SC, oldest first, with who has voted at the current stage. */
export async function listEscalated(
  db: Executor,
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
  return (await summariesOf(db, rows)).map((call) => ({
    ...call,
    voterIds: cast
      .filter((vote) => vote.callId === call.id && vote.stage === votingStage(call.phase))
      .map((vote) => vote.userId),
  }));
}

/** What needs this member's vote now: escalated calls of their group they have not voted on. */
export async function waitingFor(db: Executor, viewer: Viewer): Promise<CallSummary[]> {
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
  return summariesOf(db, rows);
}

export type PositionView = {
  userId: string;
  name: string;
  /** Roles from the memberships in force, shown beside the name. */
  badges: RoleBadge[];
  stance: Stance;
  /** Empty when the reason's comment is hidden or deleted and this viewer may not read it. */
  reason: string;
  /** The reason was hidden by the advisory group (or deleted by its author). */
  reasonHidden: boolean;
  /** A reason other than an objection's, which the advisory group hides here (not in a thread). */
  reasonId: string | null;
  threadId: string | null;
  takenAt: Date;
};

export type VoteView = {
  userId: string;
  name: string;
  badges: RoleBadge[];
  stage: "ag" | "sc";
  choice: "adopt" | "reject" | "return" | "recuse";
  rationale: string;
  castAt: Date;
  /** The voter's conflict-of-interest declaration when the vote was cast; null: none declared. */
  declaration: { id: string; text: string; affiliation: string; declaredAt: Date } | null;
};

/**
 * An objection's reason is a comment, and shows only as the comment would: not once moderators
 * hid it or its author deleted it, except to moderators and the author, as in the thread. Any
 * other stand's reason is a position reason, hidden the same way. Positions taken before they
 * named their comment are matched to it by author and words.
 */
async function withModeratedReasons(
  db: Executor,
  rows: (typeof positions.$inferSelect & { name: string; badges: RoleBadge[] })[],
  viewer: Viewer | null,
): Promise<PositionView[]> {
  const named = await commentTexts(
    db,
    rows.map((row) => row.commentId),
  );
  const given = await positionReasonTexts(
    db,
    rows.map((row) => row.reasonId),
  );
  const legacy = await withdrawnCopies(
    db,
    rows
      .filter((row) => !row.commentId && row.threadId && row.reason)
      .map((row) => ({ authorId: row.userId, body: row.reason })),
  );
  const moderator = viewer ? holdsRole(viewer.roles, "advisory_group") : false;
  return rows.map(({ commentId, ...row }) => {
    const comment = commentId
      ? named.get(commentId)
      : row.reasonId
        ? given.get(row.reasonId)
        : undefined;
    const hidden = comment
      ? !comment.public
      : !commentId && !row.reasonId && legacy.has(copyKey(row.userId, row.reason));
    const reason = comment ? comment.body : row.reason;
    const mayRead = !hidden || moderator || viewer?.id === row.userId;
    return { ...row, reason: mayRead ? reason : "", reasonHidden: hidden };
  });
}

/** Everything a call page shows, and what the viewer may do on it. */
export async function getCallPage(
  db: Database,
  slug: string,
  number: number,
  viewer: Viewer | null,
) {
  const [row] = await selectCalls(db).where(
    and(eq(standards.slug, slug), eq(calls.number, number)),
  );
  if (!row) return null;
  const call = summaryOf(row, new Map());
  const [revision] = call.revisionId
    ? await db.select().from(clauseRevisions).where(eq(clauseRevisions.id, call.revisionId))
    : [];
  const [working] = call.clauseId
    ? await db
        .select({ plainText: clauseTexts.plainText })
        .from(clauseTexts)
        .where(eq(clauseTexts.clauseId, call.clauseId))
    : [];
  const positionRows = await db
    .select({ position: positions, name: users.name })
    .from(positions)
    .innerJoin(users, eq(users.id, positions.userId))
    .where(eq(positions.callId, call.id))
    .orderBy(asc(positions.takenAt));
  const voteRows = await db
    .select({ vote: votes, name: users.name, declaration: conflictDeclarations })
    .from(votes)
    .innerJoin(users, eq(users.id, votes.userId))
    .leftJoin(conflictDeclarations, eq(conflictDeclarations.id, votes.declarationId))
    .where(eq(votes.callId, call.id))
    .orderBy(asc(votes.castAt));
  const [appeal] = await db
    .select({ appeal: appeals, name: users.name })
    .from(appeals)
    .innerJoin(users, eq(users.id, appeals.appellantId))
    .where(eq(appeals.callId, call.id));
  const [objections, timeline, me] = await Promise.all([
    listCallThreads(db, call.id, viewer),
    listAudit(db, { subjectType: "call", subjectId: callSubjectId(slug, number) }, 500),
    viewer ? db.select().from(users).where(eq(users.id, viewer.id)) : Promise.resolve([]),
  ]);
  const badges = await badgesOf(db, [
    call.openedBy,
    ...timeline.rows.flatMap((entry) => (entry.actorId ? [entry.actorId] : [])),
    ...(appeal ? [appeal.appeal.appellantId] : []),
    ...positionRows.map((row) => row.position.userId),
    ...voteRows.map((row) => row.vote.userId),
  ]);
  const positionViews = await withModeratedReasons(
    db,
    positionRows.map(({ position, name }) => ({
      ...position,
      name: displayName({ id: position.userId, name }),
      badges: badges.get(position.userId) ?? [],
    })),
    viewer,
  );
  const voteViews: VoteView[] = voteRows.map(({ vote, name, declaration }) => ({
    ...vote,
    name: displayName({ id: vote.userId, name }),
    badges: badges.get(vote.userId) ?? [],
    declaration: declaration
      ? {
          id: declaration.id,
          text: declaration.text,
          affiliation: declaration.affiliation,
          declaredAt: declaration.declaredAt,
        }
      : null,
  }));
  const tally = Object.fromEntries(
    stances.map((stance) => [stance, positionViews.filter((p) => p.stance === stance).length]),
  ) as Record<Stance, number>;
  const stage = votingStage(call.phase);
  const group = stage === "ag" ? "advisory_group" : "steering_committee";
  const mayVote =
    Boolean(viewer && stage && holdsRole(viewer.roles, group)) &&
    !voteViews.some((vote) => vote.stage === stage && vote.userId === viewer?.id);
  const profile = me[0];
  return {
    call: { ...call, proposerBadges: badges.get(call.openedBy) ?? [] },
    revision: revision ?? null,
    workingText: working?.plainText ?? null,
    positions: positionViews,
    tally,
    quorum: quorumCount(positionViews.map((p) => p.stance)),
    votes: voteViews,
    appeal: appeal
      ? {
          ...appeal.appeal,
          name: displayName({ id: appeal.appeal.appellantId, name: appeal.name }),
          badges: badges.get(appeal.appeal.appellantId) ?? [],
        }
      : null,
    objections: objections.filter((thread) => thread.kind === "objection"),
    timeline: timeline.rows.reverse().map((entry) => ({
      ...entry,
      actorBadges: (entry.actorId && badges.get(entry.actorId)) || [],
    })),
    viewer: {
      position: positionViews.find((p) => p.userId === viewer?.id) ?? null,
      voteStage: mayVote ? stage : null,
      conflicted: profile ? hasConflict(profile, call.organisations) : false,
      isProposer: viewer?.id === call.openedBy,
    },
  };
}
export type CallPage = NonNullable<Awaited<ReturnType<typeof getCallPage>>>;

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
