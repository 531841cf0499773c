import "server-only";
import { and, asc, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { users } from "@/lib/auth/schema";
import { type QuoteState, resolveQuote } from "@/lib/collab/anchors";
import { badgesOf } from "@/lib/community/queries";
import { displayName, holdsRole, type RoleBadge } from "@/lib/community/rules";
import type { Viewer } from "@/lib/community/viewer";
import type { Executor } from "@/lib/db/client";
import { qualified as q } from "@/lib/db/qualified";
import { commentEdits, comments, threads } from "@/lib/discussion/schema";
import { formatRef } from "@/lib/drafting/rules";
import { clauses, modules } from "@/lib/drafting/schema";

export type CommentView = {
  id: string;
  authorId: string;
  author: string;
  /** The author's roles now, from the memberships in force. */
  authorBadges: RoleBadge[];
  createdAt: Date;
  editedAt: Date | null;
  /** Sanitized HTML, or null when deleted, or hidden from this viewer. */
  html: string | null;
  /** The language its author wrote it in, for the `lang` attribute. */
  lang: string;
  state: "visible" | "deleted" | "hidden";
  hiddenReason: string | null;
  /** The Markdown, for its author to edit. */
  source: string | null;
  edits: { html: string; replacedAt: Date }[];
  replies: CommentView[];
};

export type ThreadView = typeof threads.$inferSelect & {
  /** Where the quoted words are now, when the thread quotes the clause. */
  quoteState: QuoteState | null;
  author: string;
  authorBadges: RoleBadge[];
  resolver: string | null;
  resolverBadges: RoleBadge[];
  comments: CommentView[];
};

/**
 * Every thread on a clause, newest activity first, with its comments, replies, edit histories
 * and the roles of their authors and resolvers: four queries whatever the number of threads or
 * comments.
 */
export function listThreads(
  db: Executor,
  clauseId: string,
  viewer: Viewer | null,
  yjsState: Uint8Array | null = null,
): Promise<ThreadView[]> {
  return threadsWhere(db, eq(threads.clauseId, clauseId), viewer, yjsState);
}

/** The objection threads raised on a call, wherever they live (its clause or the call). */
export function listCallThreads(
  db: Executor,
  callId: string,
  viewer: Viewer | null,
): Promise<ThreadView[]> {
  return threadsWhere(db, eq(threads.callId, callId), viewer, null);
}

/** A review's own discussion, newest activity first. */
export function listReviewThreads(
  db: Executor,
  reviewId: string,
  viewer: Viewer | null,
): Promise<ThreadView[]> {
  return threadsWhere(db, eq(threads.reviewId, reviewId), viewer, null);
}

/** One thread with its comments, as its clause or call page shows it; null when unknown. */
export async function getThread(
  db: Executor,
  threadId: string,
  viewer: Viewer | null,
): Promise<ThreadView | null> {
  const [thread] = await threadsWhere(db, eq(threads.id, threadId), viewer, null);
  return thread ?? null;
}

async function threadsWhere(
  db: Executor,
  where: SQL,
  viewer: Viewer | null,
  yjsState: Uint8Array | null,
): Promise<ThreadView[]> {
  const author = alias(users, "thread_author");
  const resolver = alias(users, "thread_resolver");
  const threadRows = await db
    .select({ thread: threads, authorName: author.name, resolverName: resolver.name })
    .from(threads)
    .innerJoin(author, eq(author.id, threads.createdBy))
    .leftJoin(resolver, eq(resolver.id, threads.resolvedBy))
    .where(where)
    .orderBy(desc(threads.lastActivityAt));
  if (threadRows.length === 0) return [];
  const ids = threadRows.map((row) => row.thread.id);
  const commentRows = await db
    .select({ comment: comments, authorName: users.name })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(inArray(comments.threadId, ids))
    .orderBy(asc(comments.createdAt));
  const editRows = commentRows.some((row) => row.comment.editedAt)
    ? await db
        .select()
        .from(commentEdits)
        .where(
          inArray(
            commentEdits.commentId,
            commentRows.filter((row) => row.comment.editedAt).map((row) => row.comment.id),
          ),
        )
        .orderBy(asc(commentEdits.replacedAt))
    : [];
  const moderator = viewer ? holdsRole(viewer.roles, "advisory_group") : false;
  const badges = await badgesOf(db, [
    ...threadRows.flatMap(({ thread }) => [
      thread.createdBy,
      ...(thread.resolvedBy ? [thread.resolvedBy] : []),
    ]),
    ...commentRows.map((row) => row.comment.authorId),
  ]);

  const views = new Map<string, CommentView & { threadId: string; parentId: string | null }>();
  for (const { comment, authorName } of commentRows) {
    const mayReadHidden = moderator || viewer?.id === comment.authorId;
    const state = comment.deletedAt ? "deleted" : comment.hiddenAt ? "hidden" : "visible";
    const readable = state === "visible" || (state === "hidden" && mayReadHidden);
    views.set(comment.id, {
      id: comment.id,
      threadId: comment.threadId,
      parentId: comment.parentId,
      authorId: comment.authorId,
      author: displayName({ id: comment.authorId, name: authorName }),
      authorBadges: badges.get(comment.authorId) ?? [],
      createdAt: comment.createdAt,
      editedAt: comment.editedAt,
      html: readable ? comment.bodyHtml : null,
      lang: comment.lang,
      state,
      hiddenReason: comment.hiddenReason,
      source: viewer?.id === comment.authorId && state !== "deleted" ? comment.body : null,
      edits: readable
        ? editRows
            .filter((edit) => edit.commentId === comment.id)
            .map(({ bodyHtml, replacedAt }) => ({ html: bodyHtml, replacedAt }))
        : [],
      replies: [],
    });
  }
  for (const view of views.values()) {
    if (view.parentId) views.get(view.parentId)?.replies.push(view);
  }
  return threadRows.map(({ thread, authorName, resolverName }) => ({
    ...thread,
    quoteState: thread.anchor ? resolveQuote(yjsState, thread.anchor) : null,
    author: displayName({ id: thread.createdBy, name: authorName }),
    authorBadges: badges.get(thread.createdBy) ?? [],
    resolver: thread.resolvedBy ? displayName({ id: thread.resolvedBy, name: resolverName }) : null,
    resolverBadges: badges.get(thread.resolvedBy ?? "") ?? [],
    comments: [...views.values()].filter((view) => view.threadId === thread.id && !view.parentId),
  }));
}

/**
 * A reader's own part of the threads `scope` selects (a clause's, or a call's objections), as
 * columns of the query on that clause or call: the objections they raised and may still settle,
 * and the comments they wrote and may edit or delete, with their source. What `threadsWhere`
 * gives that reader alone, for a page drawn for an audience (lib/decisions/member-pages.ts).
 */
export type ThreadsMine = { settle: string[]; sources: Record<string, string> };

export function threadsMineColumns(scope: SQL, userId: string) {
  return {
    settle: sql<
      ThreadsMine["settle"]
    >`coalesce((select json_agg(${q(threads.id)}) from ${threads} where ${scope} and ${q(threads.createdBy)} = ${userId} and ${q(threads.objectionState)} = 'raised'), '[]'::json)`,
    sources: sql<
      ThreadsMine["sources"]
    >`coalesce((select json_object_agg(${q(comments.id)}, ${q(comments.body)}) from ${comments} inner join ${threads} on ${q(threads.id)} = ${q(comments.threadId)} where ${scope} and ${q(comments.authorId)} = ${userId} and ${q(comments.deletedAt)} is null), '{}'::json)`,
    /** A comment of theirs the moderators hid: its words show to them alone. */
    hiddenFromOthers: sql<boolean>`exists (select 1 from ${comments} inner join ${threads} on ${q(threads.id)} = ${q(comments.threadId)} where ${scope} and ${q(comments.authorId)} = ${userId} and ${q(comments.hiddenAt)} is not null and ${q(comments.deletedAt)} is null)`,
  };
}

export type ObjectionRow = {
  threadId: string;
  title: string;
  clauseRef: string;
  moduleCode: string;
  author: string;
  authorBadges: RoleBadge[];
  state: "raised" | "withdrawn" | "sustained";
  status: "open" | "resolved";
  answers: number;
  /** The first answer by someone other than the objector, as its author wrote it. */
  response: string | null;
  lastActivityAt: Date;
};

/**
 * The objections register of a standard, filterable by state and module: one query, and one
 * lookup of the objectors' roles.
 */
export async function listObjections(
  db: Executor,
  standardId: string,
  filters: { state?: "raised" | "withdrawn" | "sustained"; moduleCode?: string },
): Promise<ObjectionRow[]> {
  const rows = await db
    .select({
      threadId: threads.id,
      title: threads.title,
      refCode: clauses.refCode,
      refNumber: clauses.refNumber,
      moduleCode: modules.code,
      authorId: threads.createdBy,
      authorName: users.name,
      state: threads.objectionState,
      status: threads.status,
      lastActivityAt: threads.lastActivityAt,
      answers: sql<number>`(select count(*)::int from ${comments} where ${comments.threadId} = ${threads.id} and ${comments.authorId} <> ${threads.createdBy} and ${comments.deletedAt} is null)`,
      response: sql<
        string | null
      >`(select ${comments.body} from ${comments} where ${comments.threadId} = ${threads.id} and ${comments.authorId} <> ${threads.createdBy} and ${comments.deletedAt} is null and ${comments.hiddenAt} is null order by ${comments.createdAt} limit 1)`,
    })
    .from(threads)
    .innerJoin(clauses, eq(clauses.id, threads.clauseId))
    .innerJoin(modules, eq(modules.id, clauses.moduleId))
    .innerJoin(users, eq(users.id, threads.createdBy))
    .where(
      and(
        eq(clauses.standardId, standardId),
        eq(threads.kind, "objection"),
        filters.state ? eq(threads.objectionState, filters.state) : undefined,
        filters.moduleCode ? eq(modules.code, filters.moduleCode) : undefined,
      ),
    )
    .orderBy(desc(threads.lastActivityAt));
  const badges = await badgesOf(
    db,
    rows.map((row) => row.authorId),
  );
  return rows.map((row) => ({
    threadId: row.threadId,
    title: row.title,
    clauseRef: formatRef(row.refCode, row.refNumber),
    moduleCode: row.moduleCode,
    author: displayName({ id: row.authorId, name: row.authorName }),
    authorBadges: badges.get(row.authorId) ?? [],
    state: row.state ?? "raised",
    status: row.status,
    answers: row.answers,
    response: row.response,
    lastActivityAt: row.lastActivityAt,
  }));
}
