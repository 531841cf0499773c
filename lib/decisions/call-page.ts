import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import { badgesOf } from "@/lib/community/queries";
import { displayName, holdsRole, type RoleBadge } from "@/lib/community/rules";
import { conflictDeclarations } from "@/lib/community/schema";
import type { Viewer } from "@/lib/community/viewer";
import type { Database, Executor } from "@/lib/db/client";
import { qualified as q } from "@/lib/db/qualified";
import { clauseCallTexts } from "@/lib/decisions/call-changes";
import { callItemsOf } from "@/lib/decisions/call-items";
import { hasConflict } from "@/lib/decisions/organisations";
import { selectCalls, summaryOf } from "@/lib/decisions/queries";
import { votingStage } from "@/lib/decisions/rules";
import { appeals, calls, positionReasons, positions, votes } from "@/lib/decisions/schema";
import { quorumCount, type Stance, stances } from "@/lib/decisions/tally";
import { listCallThreads } from "@/lib/discussion/queries";
import { comments } from "@/lib/discussion/schema";
import { clauseRevisions, standards } from "@/lib/drafting/schema";
import { defaultLocale, type Locale } from "@/lib/locale";
import {
  commentTexts,
  copyKey,
  positionReasonTexts,
  withdrawnCopies,
} from "@/lib/moderation/visibility";

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
  const [named, given, legacy] = await Promise.all([
    commentTexts(
      db,
      rows.map((row) => row.commentId),
    ),
    positionReasonTexts(
      db,
      rows.map((row) => row.reasonId),
    ),
    withdrawnCopies(
      db,
      rows
        .filter((row) => !row.commentId && row.threadId && row.reason)
        .map((row) => ({ authorId: row.userId, body: row.reason })),
    ),
  ]);
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
  locale: Locale = defaultLocale,
) {
  const [row] = await selectCalls(db).where(
    and(eq(standards.slug, slug), eq(calls.number, number)),
  );
  if (!row) return null;
  const call = summaryOf(row, new Map(), locale);
  // What the page shows, read side by side: none of these depends on another.
  const [[revision], changes, [parent], positionRows, voteRows, [appeal]] = await Promise.all([
    call.revisionId
      ? db.select().from(clauseRevisions).where(eq(clauseRevisions.id, call.revisionId))
      : [],
    call.kind === "changes" ? callItemsOf(db, call) : null,
    call.parentCallId
      ? db
          .select({ number: calls.number, title: calls.title })
          .from(calls)
          .where(eq(calls.id, call.parentCallId))
      : [],
    db
      .select({ position: positions, name: users.name })
      .from(positions)
      .innerJoin(users, eq(users.id, positions.userId))
      .where(eq(positions.callId, call.id))
      .orderBy(asc(positions.takenAt)),
    db
      .select({ vote: votes, name: users.name, declaration: conflictDeclarations })
      .from(votes)
      .innerJoin(users, eq(users.id, votes.userId))
      .leftJoin(conflictDeclarations, eq(conflictDeclarations.id, votes.declarationId))
      .where(eq(votes.callId, call.id))
      .orderBy(asc(votes.castAt)),
    db
      .select({ appeal: appeals, name: users.name })
      .from(appeals)
      .innerJoin(users, eq(users.id, appeals.appellantId))
      .where(eq(appeals.callId, call.id)),
  ]);
  const [texts, objections, mine] = await Promise.all([
    revision ? clauseCallTexts(db, call, revision) : null,
    listCallThreads(db, call.id, viewer),
    viewer && !viewer.standIn ? callMine(db, call.id, viewer) : null,
  ]);
  const badges = await badgesOf(db, [
    call.openedBy,
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
  return {
    call: { ...call, proposerBadges: badges.get(call.openedBy) ?? [] },
    revision: revision ?? null,
    /** For a clause call: the proposed text, the adopted text it replaces, the working text. */
    texts,
    /** For a call on a set of changes: each change, and how many objections name none. */
    changes,
    /** The last call a held change was split from. */
    parent: parent ?? null,
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
    /**
     * What the reader may do here, and their own position: null for nobody signed in, and for a
     * page drawn for an audience (their browser has it from the front).
     */
    mine,
  };
}

/** What one reader has said on a call, and what they may do on it. */
export type CallMine = {
  position: { stance: Stance; reason: string; itemIds: string[] } | null;
  voteStage: "ag" | "sc" | null;
  /** They declared a tie to an organisation the call names. */
  conflicted: boolean;
  isProposer: boolean;
  mayAppeal: boolean;
};

/**
 * What one reader has said on a call and may do on it, as columns of a query on `calls`: one
 * query, whether for the page Next.js draws for them or for the front (member-pages.ts).
 */
export function callMineColumns(userId: string) {
  return {
    phase: calls.phase,
    openedBy: calls.openedBy,
    organisations: calls.organisations,
    // The reason as the page shows it: an objection's comment, or the reason given with a stand,
    // as last edited (the position keeps the words first given).
    position: sql<
      CallMine["position"]
    >`(select json_build_object('stance', ${q(positions.stance)}, 'reason', coalesce(${q(comments.body)}, ${q(positionReasons.body)}, ${q(positions.reason)}), 'itemIds', ${q(positions.itemIds)}) from ${positions} left join ${comments} on ${q(comments.id)} = ${q(positions.commentId)} left join ${positionReasons} on ${q(positionReasons.id)} = ${q(positions.reasonId)} where ${q(positions.callId)} = ${q(calls.id)} and ${q(positions.userId)} = ${userId})`,
    // Their reason, hidden or deleted, shows to them alone.
    reasonWithdrawn: sql<boolean>`exists (select 1 from ${positions} left join ${comments} on ${q(comments.id)} = ${q(positions.commentId)} left join ${positionReasons} on ${q(positionReasons.id)} = ${q(positions.reasonId)} where ${q(positions.callId)} = ${q(calls.id)} and ${q(positions.userId)} = ${userId} and (${q(comments.hiddenAt)} is not null or ${q(comments.deletedAt)} is not null or ${q(positionReasons.hiddenAt)} is not null))`,
    // A held change is decided alone, but the positions on it were taken on its last call.
    tookPartInLastCall: sql<boolean>`exists (select 1 from ${positions} where ${q(positions.callId)} = ${q(calls.parentCallId)} and ${q(positions.userId)} = ${userId})`,
    votedAt: sql<
      string[]
    >`coalesce((select json_agg(${q(votes.stage)}) from ${votes} where ${q(votes.callId)} = ${q(calls.id)} and ${q(votes.userId)} = ${userId}), '[]'::json)`,
    // The reader's declarations matter when the call names organisations.
    profile: sql<{
      affiliation: string;
      conflictOfInterest: string;
    } | null>`(select json_build_object('affiliation', ${q(users.affiliation)}, 'conflictOfInterest', ${q(users.conflictOfInterest)}) from ${users} where ${q(users.id)} = ${userId})`,
  };
}

type CallMineRow = Pick<typeof calls.$inferSelect, "phase" | "openedBy" | "organisations"> & {
  position: CallMine["position"];
  reasonWithdrawn: boolean;
  tookPartInLastCall: boolean;
  votedAt: string[];
  profile: { affiliation: string; conflictOfInterest: string } | null;
};

export function callMineOf(row: CallMineRow, viewer: Viewer): CallMine {
  const stage = votingStage(row.phase);
  const group = stage === "ag" ? "advisory_group" : "steering_committee";
  const mayVote = Boolean(stage && holdsRole(viewer.roles, group) && !row.votedAt.includes(stage));
  return {
    position: row.position,
    voteStage: mayVote ? stage : null,
    conflicted: row.profile ? hasConflict(row.profile, row.organisations) : false,
    isProposer: viewer.id === row.openedBy,
    mayAppeal: row.tookPartInLastCall || row.position !== null,
  };
}

export async function callMine(db: Executor, callId: string, viewer: Viewer): Promise<CallMine> {
  const [row] = await db.select(callMineColumns(viewer.id)).from(calls).where(eq(calls.id, callId));
  if (!row) throw new Error(`no call ${callId}`);
  return callMineOf(row, viewer);
}
export type CallPage = NonNullable<Awaited<ReturnType<typeof getCallPage>>>;
