import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import { currentAuditVia } from "@/lib/audit/via";
import type { GroupMember, Participant } from "@/lib/community/authz";
import type { Database, Transaction } from "@/lib/db/client";
import { threadPlace } from "@/lib/discussion/place";
import { canResolve, type OpenThreadInput, renderComment } from "@/lib/discussion/rules";
import { commentEdits, comments, threads } from "@/lib/discussion/schema";
import { clauses } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import { defaultLocale, type Locale } from "@/lib/locale";
import { mentionedPeople, notifyThreadActivity } from "@/lib/notifications/mutations";
import { enforceLimit } from "@/lib/rate-limit";
import { reviews } from "@/lib/reviews/schema";

/**
 * Where a new thread goes: a clause, a call, or both (an objection to a clause's call), or a
 * review's own discussion.
 */
export type NewThreadPlace = { clauseId: string | null; callId: string | null; reviewId?: string };

/**
 * The language a person writes in, stored with their words (a `lang` attribute, so that screen
 * readers pronounce them right): the one on their profile, else the page's they wrote on.
 */
export function writingLanguage(author: { language: Locale | null }, pageLocale?: Locale): Locale {
  return author.language ?? pageLocale ?? defaultLocale;
}

/** `lang`: the page's language, for an author who chose none on their profile. */
export async function openThread(
  db: Database,
  author: Participant,
  clauseId: string,
  input: OpenThreadInput,
  now = new Date(),
  lang?: Locale,
): Promise<{ threadId: string }> {
  return db.transaction(async (tx) => {
    const [clause] = await tx
      .select({ id: clauses.id })
      .from(clauses)
      .where(eq(clauses.id, clauseId));
    if (!clause) throw new DomainError("not_found");
    const place = { clauseId, callId: null };
    const language = writingLanguage(author, lang);
    const languages = { title: language, body: language };
    return { threadId: await insertThread(tx, author.id, place, input, now, languages) };
  });
}

/** Anyone signed in opens a thread in a review's own discussion. */
export async function openReviewThread(
  db: Database,
  author: Participant,
  reviewId: string,
  input: OpenThreadInput,
  now = new Date(),
  lang?: Locale,
): Promise<{ threadId: string }> {
  return db.transaction(async (tx) => {
    const [review] = await tx
      .select({ id: reviews.id })
      .from(reviews)
      .where(eq(reviews.id, reviewId));
    if (!review) throw new DomainError("not_found");
    // A review's discussion is comments and questions: objections belong to its call.
    if (input.kind === "objection") throw new DomainError("invalid_input", { kind: "invalid" });
    const language = writingLanguage(author, lang);
    const place = { clauseId: null, callId: null, reviewId };
    const languages = { title: language, body: language };
    return { threadId: await insertThread(tx, author.id, place, input, now, languages) };
  });
}

/**
 * Opens a thread inside the caller's transaction: its first comment, watchers and audit entry.
 * `lang`: the languages of its title and of its first comment (`writingLanguage`); they differ
 * where Hum words the title (an objection's).
 */
export async function insertThread(
  tx: Transaction,
  authorId: string,
  place: NewThreadPlace,
  input: OpenThreadInput,
  now: Date,
  lang: { title: Locale; body: Locale } = { title: defaultLocale, body: defaultLocale },
  /** A fixed id, for the demo's thread that documentation examples link to; random otherwise. */
  id?: string,
): Promise<string> {
  await enforceLimit(tx, "comment", authorId, now);
  const [thread] = await tx
    .insert(threads)
    .values({
      ...(id ? { id } : {}),
      clauseId: place.clauseId,
      callId: place.callId,
      reviewId: place.reviewId ?? null,
      kind: input.kind,
      title: input.title,
      lang: lang.title,
      quote: input.quote,
      anchor: input.quote ? (input.anchor ?? null) : null,
      objectionState: input.kind === "objection" ? "raised" : null,
      createdBy: authorId,
      createdAt: now,
      lastActivityAt: now,
    })
    .returning({ id: threads.id });
  if (!thread) throw new DomainError("internal");
  const [opening] = await tx
    .insert(comments)
    .values({
      threadId: thread.id,
      authorId,
      body: input.body,
      bodyHtml: renderComment(input.body),
      lang: lang.body,
      createdAt: now,
    })
    .returning({ id: comments.id });
  if (!opening) throw new DomainError("internal");
  const placed = await threadPlace(tx, thread.id);
  await notifyThreadActivity(tx, {
    thread: { id: thread.id, title: input.title, ...placed },
    actorId: authorId,
    kind: "thread_opened",
    commentId: opening.id,
    at: now,
    mentionedIds: await mentionedPeople(tx, input.body),
  });
  await recordAudit(tx, {
    at: now,
    actorId: authorId,
    action: input.kind === "objection" ? "discussion.objection_raised" : "discussion.thread_opened",
    ...placed.audit,
    details: { thread: thread.id, kind: input.kind }, // the title is read from the thread
  });
  return thread.id;
}

async function lockThread(tx: Transaction, threadId: string) {
  const [thread] = await tx.select().from(threads).where(eq(threads.id, threadId)).for("update");
  if (!thread) throw new DomainError("not_found");
  return thread;
}

/**
 * A reply to the thread, or to one of its top-level comments (replies nest one level). `lang`:
 * the page's language, for an author who chose none on their profile.
 */
export async function reply(
  db: Database,
  author: Participant,
  input: { threadId: string; parentId: string | null; body: string },
  now = new Date(),
  lang?: Locale,
): Promise<{ commentId: string }> {
  return db.transaction(async (tx) => {
    const { title } = await lockThread(tx, input.threadId);
    let parentId: string | null = null;
    if (input.parentId) {
      const [parent] = await tx.select().from(comments).where(eq(comments.id, input.parentId));
      if (!parent || parent.threadId !== input.threadId) throw new DomainError("not_found");
      if (parent.deletedAt) throw new DomainError("conflict");
      parentId = parent.parentId ?? parent.id; // one level: a reply to a reply joins its parent
    }
    await enforceLimit(tx, "comment", author.id, now);
    const [created] = await tx
      .insert(comments)
      .values({
        threadId: input.threadId,
        parentId,
        authorId: author.id,
        body: input.body,
        bodyHtml: renderComment(input.body),
        lang: writingLanguage(author, lang),
        createdAt: now,
      })
      .returning({ id: comments.id });
    if (!created) throw new DomainError("internal");
    await tx.update(threads).set({ lastActivityAt: now }).where(eq(threads.id, input.threadId));
    const placed = await threadPlace(tx, input.threadId);
    await notifyThreadActivity(tx, {
      thread: { id: input.threadId, title, ...placed },
      actorId: author.id,
      kind: "reply",
      commentId: created.id,
      at: now,
      mentionedIds: await mentionedPeople(tx, input.body),
    });
    // The log records turns of a discussion, not each reply; but every use of an access token's
    // write scope is on the record with the token's name, so a program's reply is.
    if (currentAuditVia()) {
      await recordAudit(tx, {
        at: now,
        actorId: author.id,
        action: "discussion.replied",
        ...placed.audit,
        details: { thread: input.threadId }, // the words stay in the thread, under moderation
      });
    }
    return { commentId: created.id };
  });
}

async function lockComment(tx: Transaction, commentId: string) {
  const [comment] = await tx
    .select()
    .from(comments)
    .where(eq(comments.id, commentId))
    .for("update");
  if (!comment) throw new DomainError("not_found");
  return comment;
}

async function ownComment(tx: Transaction, author: Participant, commentId: string) {
  const comment = await lockComment(tx, commentId);
  if (comment.authorId !== author.id) throw new DomainError("forbidden");
  if (comment.deletedAt) throw new DomainError("conflict");
  return comment;
}

/** Authors edit their own comments; the earlier wording stays in the edit history. */
export async function editComment(
  db: Database,
  author: Participant,
  commentId: string,
  body: string,
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const comment = await ownComment(tx, author, commentId);
    await enforceLimit(tx, "comment", author.id, now);
    await tx
      .insert(commentEdits)
      .values({ commentId, body: comment.body, bodyHtml: comment.bodyHtml, replacedAt: now });
    await tx
      .update(comments)
      .set({ body, bodyHtml: renderComment(body), editedAt: now })
      .where(eq(comments.id, commentId));
  });
}

/** Authors delete their own comments; a tombstone keeps the conversation readable. */
export async function deleteComment(
  db: Database,
  author: Participant,
  commentId: string,
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    await ownComment(tx, author, commentId);
    await tx.update(comments).set({ deletedAt: now }).where(eq(comments.id, commentId));
  });
}

/** Advisory-group members hide abuse, with a reason on the public record. */
export async function hideComment(
  db: Database,
  moderator: GroupMember<"advisory_group">,
  commentId: string,
  reason: string,
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockComment(tx, commentId);
    await tx
      .update(comments)
      .set({ hiddenAt: now, hiddenBy: moderator.id, hiddenReason: reason })
      .where(eq(comments.id, commentId));
    await recordAudit(tx, {
      at: now,
      actorId: moderator.id,
      action: "discussion.comment_hidden",
      subjectType: "comment",
      subjectId: commentId,
      details: { reason },
    });
  });
}

/** Resolving needs a reason; an objection first needs its author's withdrawal or insistence. */
export async function setThreadStatus(
  db: Database,
  actor: Participant,
  threadId: string,
  change: { status: "open" | "resolved"; reason: string },
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const thread = await lockThread(tx, threadId);
    if (thread.status === change.status) throw new DomainError("conflict");
    if (change.status === "resolved" && !canResolve(thread)) {
      throw new DomainError("invalid_input", { reason: "objection_not_settled" });
    }
    await enforceLimit(tx, "comment", actor.id, now);
    await tx
      .update(threads)
      .set(
        change.status === "resolved"
          ? {
              status: "resolved",
              resolvedBy: actor.id,
              resolvedAt: now,
              resolution: change.reason,
              lastActivityAt: now,
            }
          : {
              status: "open",
              resolvedBy: null,
              resolvedAt: null,
              resolution: null,
              lastActivityAt: now,
            },
      )
      .where(eq(threads.id, threadId));
    await recordAudit(tx, {
      at: now,
      actorId: actor.id,
      action:
        change.status === "resolved" ? "discussion.thread_resolved" : "discussion.thread_reopened",
      ...(await threadPlace(tx, threadId)).audit,
      details: { thread: threadId, reason: change.reason },
    });
  });
}

/** Only the objection's author withdraws it or sustains it, after hearing the answers. */
export async function settleObjection(
  db: Database,
  author: Participant,
  threadId: string,
  state: "withdrawn" | "sustained",
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const thread = await lockThread(tx, threadId);
    if (thread.kind !== "objection") throw new DomainError("conflict");
    if (thread.createdBy !== author.id) throw new DomainError("forbidden");
    await tx
      .update(threads)
      .set({ objectionState: state, lastActivityAt: now })
      .where(eq(threads.id, threadId));
    await recordAudit(tx, {
      at: now,
      actorId: author.id,
      action: `discussion.objection_${state}`,
      ...(await threadPlace(tx, threadId)).audit,
      details: { thread: threadId },
    });
  });
}
