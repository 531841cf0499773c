import "server-only";
import { and, asc, eq, max } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import { users } from "@/lib/auth/schema";
import { requireSecretariat } from "@/lib/community/authz";
import { declarationInForce } from "@/lib/community/declarations";
import type { Viewer } from "@/lib/community/viewer";
import type { Database, Transaction } from "@/lib/db/client";
import type { OpenCallInput, PositionInput, VoteInput } from "@/lib/decisions/inputs";
import {
  addDays,
  type Charter,
  defaultCharter,
  hasConflict,
  outcomeOf,
  parseOrganisations,
  type Stance,
  type Vote,
} from "@/lib/decisions/rules";
import {
  appeals,
  calls,
  charters,
  positionReasons,
  positions,
  votes,
} from "@/lib/decisions/schema";
import {
  applyTransition,
  bodyOf,
  type CallRow,
  decide,
  lockCall,
  tellParticipants,
} from "@/lib/decisions/transitions";
import { insertThread } from "@/lib/discussion/mutations";
import { renderComment } from "@/lib/discussion/rules";
import { comments, threads } from "@/lib/discussion/schema";
import { takeRevision } from "@/lib/drafting/mutations";
import { parseRef } from "@/lib/drafting/rules";
import { clauseRevisions, clauses, standards } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import { callPath, callSubjectId } from "@/lib/paths";
import { enforceLimit } from "@/lib/rate-limit";

function requireParticipant(viewer: Viewer | null): Viewer {
  if (!viewer) throw new DomainError("unauthenticated");
  return viewer;
}

export async function charterOf(tx: Transaction | Database, standardId: string): Promise<Charter> {
  const [row] = await tx.select().from(charters).where(eq(charters.standardId, standardId));
  return row
    ? {
        commentPeriodDays: row.commentPeriodDays,
        quorum: row.quorum,
        agDeadlineDays: row.agDeadlineDays,
        appealWindowDays: row.appealWindowDays,
      }
    : defaultCharter;
}

/** The secretariat sets a standard's numbers; calls already open keep the ones they began with. */
export async function setCharter(
  db: Database,
  viewer: Viewer | null,
  standardId: string,
  charter: Charter,
  now = new Date(),
): Promise<void> {
  const actor = await requireSecretariat(db, viewer, "decisions.set_charter");
  await db.transaction(async (tx) => {
    const [standard] = await tx.select().from(standards).where(eq(standards.id, standardId));
    if (!standard) throw new DomainError("not_found");
    await tx
      .insert(charters)
      .values({ standardId, ...charter, updatedBy: actor.id, updatedAt: now })
      .onConflictDoUpdate({
        target: charters.standardId,
        set: { ...charter, updatedBy: actor.id, updatedAt: now },
      });
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      action: "decisions.charter_changed",
      subjectType: "charter",
      subjectId: standard.slug,
      details: { ...charter },
    });
  });
}

/** The revision a clause call decides on: a named one, or a snapshot of the text right now. */
async function subjectRevision(
  tx: Transaction,
  standardId: string,
  input: OpenCallInput,
  actorId: string,
  now: Date,
): Promise<{ clauseId: string; revisionId: string }> {
  const ref = parseRef(input.clauseRef);
  const [clause] = ref
    ? await tx
        .select()
        .from(clauses)
        .where(
          and(
            eq(clauses.standardId, standardId),
            eq(clauses.refCode, ref.code),
            eq(clauses.refNumber, ref.number),
          ),
        )
    : [];
  if (!clause) throw new DomainError("invalid_input", { clauseRef: "unknown_clause" });
  if (clause.retiredAt) throw new DomainError("invalid_input", { clauseRef: "clause_retired" });
  const number =
    input.revision ??
    (await takeRevision(tx, clause.id, {
      kind: "automatic",
      note: `Proposed for adoption: ${input.title}`,
      actorId,
      now,
    }));
  const [revision] = await tx
    .select({ id: clauseRevisions.id })
    .from(clauseRevisions)
    .where(and(eq(clauseRevisions.clauseId, clause.id), eq(clauseRevisions.number, number)));
  if (!revision) throw new DomainError("invalid_input", { revision: "unknown_revision" });
  return { clauseId: clause.id, revisionId: revision.id };
}

/** Anyone signed in opens a call; it takes the charter's numbers as they are now. */
export async function openCall(
  db: Database,
  viewer: Viewer | null,
  standardId: string,
  input: OpenCallInput,
  now = new Date(),
): Promise<{ id: string; number: number }> {
  const proposer = requireParticipant(viewer);
  return db.transaction(async (tx) => {
    const subject =
      input.kind === "clause_revision"
        ? await subjectRevision(tx, standardId, input, proposer.id, now)
        : { clauseId: null, revisionId: null };
    return insertCall(tx, proposer.id, standardId, { ...input, ...subject, releaseId: null }, now);
  });
}

export type NewCall = {
  kind: "clause_revision" | "question" | "release";
  title: string;
  description: string;
  organisations: string;
  clauseId: string | null;
  revisionId: string | null;
  releaseId: string | null;
};

/**
 * Opens a call in the caller's transaction, with the charter as it is now: its number, audit
 * entry and notifications. Callers have checked the subject (a revision, a release candidate).
 */
export async function insertCall(
  tx: Transaction,
  proposerId: string,
  standardId: string,
  input: NewCall,
  now: Date,
): Promise<{ id: string; number: number }> {
  await enforceLimit(tx, "call", proposerId, now);
  // One call at a time per standard takes the next number.
  const [standard] = await tx
    .select()
    .from(standards)
    .where(eq(standards.id, standardId))
    .for("update");
  if (!standard) throw new DomainError("not_found");
  const charter = await charterOf(tx, standardId);
  const [last] = await tx
    .select({ number: max(calls.number) })
    .from(calls)
    .where(eq(calls.standardId, standardId));
  const number = (last?.number ?? 0) + 1;
  const [call] = await tx
    .insert(calls)
    .values({
      standardId,
      number,
      kind: input.kind,
      title: input.title,
      description: input.description,
      clauseId: input.clauseId,
      revisionId: input.revisionId,
      releaseId: input.releaseId,
      organisations: parseOrganisations(input.organisations),
      charter,
      openedBy: proposerId,
      openedAt: now,
      closesAt: addDays(now, charter.commentPeriodDays),
    })
    .returning();
  if (!call) throw new DomainError("internal");
  await recordAudit(tx, {
    at: now,
    actorId: proposerId,
    action: "decisions.call_opened",
    subjectType: "call",
    subjectId: callSubjectId(standard.slug, number),
    // The title, description and organisations are read from the call itself when shown.
    details: { kind: input.kind, closes: call.closesAt.toISOString() },
  });
  await tellParticipants(tx, { ...call, slug: standard.slug }, "call_opened", {
    callId: call.id,
    actorId: proposerId,
    subject: `Call ${number} · ${input.title}`,
    path: callPath(standard.slug, number),
    at: now,
    excerpt: input.description || input.title,
  });
  return { id: call.id, number };
}

/**
 * One current position per person. An objection opens a thread (or re-raises the one this person
 * raised before); moving away from "object" withdraws it, so it no longer blocks consensus.
 */
export async function takePosition(
  db: Database,
  viewer: Viewer | null,
  callId: string,
  input: PositionInput,
  now = new Date(),
): Promise<void> {
  const person = requireParticipant(viewer);
  if (input.stance === "object" && !input.reason.trim()) {
    throw new DomainError("invalid_input", { reason: "required" });
  }
  await db.transaction(async (tx) => {
    const call = await lockCall(tx, callId);
    decide(call, { type: "position" }, now);
    await enforceLimit(tx, "position", person.id, now);
    const [previous] = await tx
      .select()
      .from(positions)
      .where(and(eq(positions.callId, callId), eq(positions.userId, person.id)));
    let threadId = previous?.threadId ?? null;
    // The comment that carries an objection's reason: shown (and hidden) through moderation.
    let commentId: string | null = null;
    if (input.stance === "object") {
      if (threadId) {
        commentId = await reraise(tx, threadId, person.id, input.reason, now);
      } else {
        threadId = await insertThread(
          tx,
          person.id,
          { clauseId: call.clauseId, callId },
          {
            kind: "objection",
            title: `Objection to call ${call.number}: ${call.title}`.slice(0, 160),
            quote: null,
            body: input.reason,
          },
          now,
        );
        commentId = await openingComment(tx, threadId);
      }
    } else if (previous?.stance === "object" && threadId) {
      await tx
        .update(threads)
        .set({ objectionState: "withdrawn", lastActivityAt: now })
        .where(and(eq(threads.id, threadId), eq(threads.objectionState, "raised")));
    }
    // Any other stand's reason gets a row of its own, which moderators may hide like a comment.
    const reasonId =
      input.stance !== "object" && input.reason
        ? await insertReason(tx, { callId, authorId: person.id, ...input, now })
        : null;
    await tx
      .insert(positions)
      .values({
        callId,
        userId: person.id,
        stance: input.stance,
        reason: input.reason,
        threadId,
        commentId,
        reasonId,
        takenAt: now,
      })
      .onConflictDoUpdate({
        target: [positions.callId, positions.userId],
        set: {
          stance: input.stance,
          reason: input.reason,
          threadId,
          commentId,
          reasonId,
          takenAt: now,
        },
      });
    await recordAudit(tx, {
      at: now,
      actorId: person.id,
      action: "decisions.position_taken",
      subjectType: "call",
      subjectId: callSubjectId(call.slug, call.number),
      // Reasons are comments or position reasons, which moderators may hide: the permanent
      // record names them instead of copying their words.
      details: {
        stance: input.stance,
        ...(commentId ? { comment: commentId } : {}),
        ...(reasonId ? { positionReason: reasonId } : {}),
        ...(previous ? { previously: previous.stance } : {}),
      },
    });
  });
}

async function insertReason(
  tx: Transaction,
  reason: { callId: string; authorId: string; stance: Stance; reason: string; now: Date },
): Promise<string> {
  const [row] = await tx
    .insert(positionReasons)
    .values({
      callId: reason.callId,
      authorId: reason.authorId,
      stance: reason.stance,
      body: reason.reason,
      givenAt: reason.now,
    })
    .returning({ id: positionReasons.id });
  if (!row) throw new DomainError("internal");
  return row.id;
}

/** The first comment of a thread just opened: an objection's reason. */
async function openingComment(tx: Transaction, threadId: string): Promise<string> {
  const [first] = await tx
    .select({ id: comments.id })
    .from(comments)
    .where(eq(comments.threadId, threadId))
    .orderBy(asc(comments.createdAt))
    .limit(1);
  if (!first) throw new DomainError("internal");
  return first.id;
}

/**
 * Objecting again re-raises one's earlier objection thread, with the new reason as a reply;
 * returns that reply's id.
 */
async function reraise(
  tx: Transaction,
  threadId: string,
  authorId: string,
  reason: string,
  now: Date,
): Promise<string> {
  await enforceLimit(tx, "comment", authorId, now); // the new reason is a comment like any other
  await tx
    .update(threads)
    .set({
      objectionState: "raised",
      status: "open",
      resolvedAt: null,
      resolvedBy: null,
      resolution: null,
      lastActivityAt: now,
    })
    .where(eq(threads.id, threadId));
  const [comment] = await tx
    .insert(comments)
    .values({ threadId, authorId, body: reason, bodyHtml: renderComment(reason), createdAt: now })
    .returning({ id: comments.id });
  if (!comment) throw new DomainError("internal");
  return comment.id;
}

export async function withdrawCall(
  db: Database,
  viewer: Viewer | null,
  callId: string,
  reason: string,
  now = new Date(),
): Promise<void> {
  const person = requireParticipant(viewer);
  await db.transaction(async (tx) => {
    const call = await lockCall(tx, callId);
    const result = decide(
      call,
      { type: "withdraw", byProposer: call.openedBy === person.id, reason },
      now,
    );
    if (result.transition) {
      await applyTransition(tx, call, result.state, result.transition, { actorId: person.id, now });
    }
  });
}

/**
 * An AG or SC member votes once per stage, with a rationale. Membership is checked at `now`
 * from the terms themselves, and a declared conflict on the call's organisations allows only
 * a recusal. The vote that completes a majority moves the call on in the same transaction.
 */
export async function castVote(
  db: Database,
  viewer: Viewer | null,
  callId: string,
  input: VoteInput,
  now = new Date(),
): Promise<void> {
  const voter = requireParticipant(viewer);
  await db.transaction(async (tx) => {
    const call = await lockCall(tx, callId);
    const body = await bodyOf(
      tx,
      input.stage === "ag" ? "advisory_group" : "steering_committee",
      now,
    );
    const earlier = await tx
      .select({ voterId: votes.userId, choice: votes.choice, rationale: votes.rationale })
      .from(votes)
      .where(and(eq(votes.callId, callId), eq(votes.stage, input.stage)));
    const [member] = await tx.select().from(users).where(eq(users.id, voter.id));
    const vote: Vote = { voterId: voter.id, choice: input.choice, rationale: input.rationale };
    const result = decide(
      call,
      {
        type: "vote",
        stage: input.stage,
        vote,
        earlier,
        body,
        mustRecuse: member ? hasConflict(member, call.organisations) : false,
      },
      now,
    );
    // The declaration the conflict check just read, so later edits cannot rewrite what held.
    const declaration = await declarationInForce(tx, voter.id, now);
    const [cast] = await tx
      .insert(votes)
      .values({
        callId,
        stage: input.stage,
        userId: voter.id,
        choice: input.choice,
        rationale: input.rationale,
        declarationId: declaration?.id ?? null,
        castAt: now,
      })
      .returning({ id: votes.id });
    await recordAudit(tx, {
      at: now,
      actorId: voter.id,
      action: input.choice === "recuse" ? "decisions.recused" : "decisions.vote_cast",
      subjectType: "call",
      subjectId: callSubjectId(call.slug, call.number),
      // The rationale is read from the vote itself when shown.
      details: {
        stage: input.stage,
        choice: input.choice,
        vote: cast?.id ?? null,
        declaration: declaration?.id ?? null,
      },
    });
    if (result.transition) {
      await applyTransition(tx, call, result.state, result.transition, {
        actorId: null,
        now,
        details: appealOutcome(call, result.state.phase),
      });
    }
  });
}

/** When the SC rules on an appeal, the record says whether it upheld the AG or overturned it. */
function appealOutcome(call: CallRow, phase: string): Record<string, string> {
  if (call.phase !== "appealed" || !call.agDecision) return {};
  const upheld = phase === outcomeOf[call.agDecision];
  return { appeal: upheld ? "upheld" : "overturned" };
}

/** Anyone who took a position may appeal the AG's decision to the SC, once, within the window. */
export async function appealDecision(
  db: Database,
  viewer: Viewer | null,
  callId: string,
  reason: string,
  now = new Date(),
): Promise<void> {
  const person = requireParticipant(viewer);
  await db.transaction(async (tx) => {
    const call = await lockCall(tx, callId);
    const [position] = await tx
      .select()
      .from(positions)
      .where(and(eq(positions.callId, callId), eq(positions.userId, person.id)));
    const result = decide(call, { type: "appeal", tookPosition: Boolean(position), reason }, now);
    await tx.insert(appeals).values({ callId, appellantId: person.id, reason, filedAt: now });
    if (result.transition) {
      // The reason is read from the appeal itself when shown.
      await applyTransition(tx, call, result.state, result.transition, {
        actorId: person.id,
        now,
      });
    }
  });
}
