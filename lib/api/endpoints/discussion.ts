import "server-only";
import { and, desc, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { defineEndpoint, type Endpoint } from "@/lib/api/endpoint";
import { decodeCursor, pageOf, pageQuery, pageSchema } from "@/lib/api/paging";
import { ApiProblem } from "@/lib/api/problem";
import { iso, pageUrl, refParam, slugParam, timestamp } from "@/lib/api/values";
import { users } from "@/lib/auth/schema";
import { displayName } from "@/lib/community/rules";
import type { Executor } from "@/lib/db/client";
import { calls } from "@/lib/decisions/schema";
import { type CommentView, getThread } from "@/lib/discussion/queries";
import { threadKinds } from "@/lib/discussion/rules";
import { comments, threads } from "@/lib/discussion/schema";
import { formatRef, parseRef } from "@/lib/drafting/rules";
import { clauses, standards } from "@/lib/drafting/schema";
import { callThreadPath, draftThreadPath } from "@/lib/paths";

const threadStatuses = ["open", "resolved"] as const;
const objectionStates = ["raised", "withdrawn", "sustained"] as const;

const threadSummary = z.object({
  id: z.uuid(),
  clause: z.string().nullable().describe("The clause's reference, or null for a call's thread."),
  call: z.number().int().nullable().describe("The call an objection was raised on, if any."),
  kind: z.enum(threadKinds),
  status: z.enum(threadStatuses),
  objectionState: z.enum(objectionStates).nullable(),
  title: z.string(),
  quote: z.string().nullable().describe("The words of the clause the thread quotes, if any."),
  openedAt: timestamp,
  author: z.string().describe("The author's name, as the website shows it."),
  commentCount: z.number().int().describe("How many comments, hidden and deleted ones included."),
  url: pageUrl,
});

const comment = z.object({
  id: z.uuid(),
  replyTo: z.uuid().nullable().describe("The comment this one answers; replies nest one level."),
  author: z.string(),
  createdAt: timestamp,
  editedAt: timestamp.nullable(),
  hidden: z.boolean().describe("Hidden by the advisory group: its words are not shown."),
  hiddenReason: z.string().nullable().describe("Why it was hidden, as the website says."),
  deleted: z.boolean().describe("Deleted by its author: its words are not shown."),
  html: z
    .string()
    .nullable()
    .describe("The comment as the website shows it (sanitized HTML); null when hidden or deleted."),
  lang: z.string().describe("The language its author wrote it in."),
  edits: z
    .array(z.object({ html: z.string(), replacedAt: timestamp }))
    .describe("Earlier wordings of an edited comment, oldest first."),
});

const threadDetail = threadSummary.extend({
  resolvedAt: timestamp.nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.string().nullable(),
  comments: pageSchema(comment).describe(
    "The comments, oldest first, paged by `limit` and `cursor`.",
  ),
});

async function standardIdOf(db: Executor, slug: string): Promise<string> {
  const [standard] = await db
    .select({ id: standards.id })
    .from(standards)
    .where(eq(standards.slug, slug));
  if (!standard) throw new ApiProblem("not_found", `No standard "${slug}".`);
  return standard.id;
}

/** The threads of a standard: on its clauses, or held by its calls when they have no clause. */
function selectThreads(db: Executor, standardId: string, where: SQL | undefined) {
  return db
    .select({
      thread: threads,
      authorName: users.name,
      refCode: clauses.refCode,
      refNumber: clauses.refNumber,
      callNumber: calls.number,
      commentCount: sql<number>`(select count(*)::int from ${comments} where ${comments.threadId} = ${threads.id})`,
    })
    .from(threads)
    .innerJoin(users, eq(users.id, threads.createdBy))
    .leftJoin(clauses, eq(clauses.id, threads.clauseId))
    .leftJoin(calls, eq(calls.id, threads.callId))
    .where(
      and(
        or(
          eq(clauses.standardId, standardId),
          and(isNull(threads.clauseId), eq(calls.standardId, standardId)),
        ),
        where,
      ),
    );
}

type ThreadRow = Awaited<ReturnType<typeof selectThreads>>[number];

function summaryOf(row: ThreadRow, slug: string, origin: string) {
  const { thread } = row;
  const clause =
    row.refCode !== null && row.refNumber !== null ? formatRef(row.refCode, row.refNumber) : null;
  const path = clause
    ? draftThreadPath(slug, clause, thread.id)
    : callThreadPath(slug, row.callNumber ?? 0, thread.id);
  return {
    id: thread.id,
    clause,
    call: row.callNumber,
    kind: thread.kind,
    status: thread.status,
    objectionState: thread.objectionState,
    title: thread.title,
    quote: thread.quote,
    openedAt: iso(thread.createdAt),
    author: displayName({ id: thread.createdBy, name: row.authorName }),
    commentCount: row.commentCount,
    url: `${origin}${path}`,
  };
}

const listThreads = defineEndpoint({
  method: "GET",
  path: "/standards/{slug}/threads",
  operationId: "listThreads",
  summary: "List a standard's discussion threads",
  description: "Newest first. Threads on clauses, and objections held by calls without a clause.",
  group: "Discussion",
  params: z.object({ slug: slugParam }),
  query: z.object({
    ...pageQuery,
    clause: refParam.optional().describe("Only the threads on this clause: `ORG-1`."),
    kind: z.enum(threadKinds).optional(),
    status: z.enum(threadStatuses).optional(),
  }),
  response: pageSchema(threadSummary),
  example: { path: "/standards/iotmark/threads?kind=question" },
  handle: async ({ db, params, query, origin }) => {
    const standardId = await standardIdOf(db, params.slug);
    const ref = query.clause ? parseRef(query.clause) : null;
    const after = query.cursor ? decodeCursor(query.cursor, ["string"])[0] : null;
    if (after !== null && !z.uuid().safeParse(after).success) {
      throw new ApiProblem("bad_parameter", "The cursor is not one this list gave.", [
        { name: "cursor", reason: "invalid" },
      ]);
    }
    const rows = await selectThreads(
      db,
      standardId,
      and(
        ref ? and(eq(clauses.refCode, ref.code), eq(clauses.refNumber, ref.number)) : undefined,
        query.kind ? eq(threads.kind, query.kind) : undefined,
        query.status ? eq(threads.status, query.status) : undefined,
        // The last thread's own time, read at full precision rather than carried in the cursor.
        after
          ? sql`(${threads.createdAt}, ${threads.id}) < ((select t.created_at from ${threads} t where t.id = ${after}::uuid), ${after}::uuid)`
          : undefined,
      ),
    )
      // When a thread was opened never changes, so a page never repeats or skips one.
      .orderBy(desc(threads.createdAt), desc(threads.id))
      .limit(query.limit + 1);
    const page = pageOf(rows, query.limit, (row) => [row.thread.id]);
    return { next: page.next, data: page.data.map((row) => summaryOf(row, params.slug, origin)) };
  },
});

/** A thread's comments in one list, oldest first, as replies always follow what they answer. */
function flatten(views: CommentView[]): (CommentView & { replyTo: string | null })[] {
  return views
    .flatMap((view) => [
      { ...view, replyTo: null },
      ...view.replies.map((reply) => ({ ...reply, replyTo: view.id })),
    ])
    .sort(
      (a, b) =>
        a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

const getThreadEndpoint = defineEndpoint({
  method: "GET",
  path: "/standards/{slug}/threads/{thread}",
  operationId: "getThread",
  summary: "A thread with its comments",
  description:
    "Comments as the public sees them: a hidden or deleted comment is listed without its words.",
  group: "Discussion",
  params: z.object({ slug: slugParam, thread: z.uuid().describe("The thread's id.") }),
  query: z.object(pageQuery),
  response: threadDetail,
  // The demo's question thread on ORG-1 (lib/demo/seed-discussion.ts).
  example: { path: "/standards/iotmark/threads/0b7e4d1a-3c2f-4e5a-9b6d-8f1e2a3c4d5e" },
  handle: async ({ db, params, query, origin }) => {
    const standardId = await standardIdOf(db, params.slug);
    const [row] = await selectThreads(db, standardId, eq(threads.id, params.thread));
    // The same reading as the clause and call pages, for an anonymous reader: moderation applies
    // exactly as it does there.
    const view = row ? await getThread(db, params.thread, null) : null;
    if (!row || !view) throw new ApiProblem("not_found", "No such thread in this standard.");
    const all = flatten(view.comments);
    const after = query.cursor ? decodeCursor(query.cursor, ["number", "string"]) : null;
    const rest = after
      ? all.filter(
          (item) =>
            item.createdAt.getTime() > after[0] ||
            (item.createdAt.getTime() === after[0] && item.id > after[1]),
        )
      : all;
    const page = pageOf(rest, query.limit, (item) => [item.createdAt.getTime(), item.id]);
    return {
      ...summaryOf(row, params.slug, origin),
      resolvedAt: iso(view.resolvedAt),
      resolvedBy: view.resolver,
      resolution: view.resolution,
      comments: {
        next: page.next,
        data: page.data.map((item) => ({
          id: item.id,
          replyTo: item.replyTo,
          author: item.author,
          createdAt: iso(item.createdAt),
          editedAt: iso(item.editedAt),
          hidden: item.state === "hidden",
          hiddenReason: item.state === "hidden" ? item.hiddenReason : null,
          deleted: item.state === "deleted",
          html: item.state === "visible" ? item.html : null,
          lang: item.lang,
          edits:
            item.state === "visible"
              ? item.edits.map((edit) => ({ html: edit.html, replacedAt: iso(edit.replacedAt) }))
              : [],
        })),
      },
    };
  },
});

/** Threads and comments on clauses, as the public sees them (hidden comments without their words). */
export const discussionEndpoints: Endpoint[] = [listThreads, getThreadEndpoint];
