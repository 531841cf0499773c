import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { defineEndpoint, type Endpoint } from "@/lib/api/endpoint";
import type { ApiCaller } from "@/lib/api/tokens";
import { iso, pageUrl, refParam, slugParam, timestamp } from "@/lib/api/values";
import type { Database } from "@/lib/db/client";
import { openCall } from "@/lib/decisions/calls";
import { openCallSchema, positionSchema } from "@/lib/decisions/inputs";
import { takePosition } from "@/lib/decisions/positions";
import { callItems, calls } from "@/lib/decisions/schema";
import { stances } from "@/lib/decisions/tally";
import { openThread, reply } from "@/lib/discussion/mutations";
import { threadPlace } from "@/lib/discussion/place";
import { commentBodySchema, openThreadSchema } from "@/lib/discussion/rules";
import { getDraftClause } from "@/lib/drafting/queries";
import { parseRef } from "@/lib/drafting/rules";
import { clauses, standards } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import { locales } from "@/lib/locale";
import { callPath } from "@/lib/paths";

/*
 * What a token may do: open threads and reply (scope `comment`), open calls and take positions
 * (scope `position`). Each endpoint calls the very mutation the web form calls, with the token's
 * owner as the participant, so the same rules, rate limits, notifications and audit entries
 * apply; the router names the token in every audit entry the mutation records.
 */

const GROUP = "Taking part";
/** The demo's one thread with a fixed id (lib/demo/seed-discussion.ts), for the examples. */
const EXAMPLE_THREAD = "0b7e4d1a-3c2f-4e5a-9b6d-8f1e2a3c4d5e";

const threadParam = z.uuid().describe("The thread's id.");
const callNumberParam = z.coerce
  .number()
  .int()
  .min(1)
  .max(1_000_000)
  .describe("The call's number within its standard: `3`.");

/** A write always has a caller: the router refused it otherwise. */
function participantOf(caller: ApiCaller | null) {
  if (!caller) throw new DomainError("unauthenticated");
  return caller.participant;
}

async function standardOf(db: Database, slug: string) {
  const [standard] = await db
    .select({ id: standards.id, slug: standards.slug })
    .from(standards)
    .where(eq(standards.slug, slug));
  if (!standard) throw new DomainError("not_found");
  return standard;
}

async function callOf(db: Database, slug: string, number: number) {
  const standard = await standardOf(db, slug);
  const [call] = await db
    .select({ id: calls.id, kind: calls.kind })
    .from(calls)
    .where(and(eq(calls.standardId, standard.id), eq(calls.number, number)));
  if (!call) throw new DomainError("not_found");
  return call;
}

/** The domain names its fields as the web forms do; the API's bodies name some differently. */
async function withFieldNames<T>(names: Record<string, string>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof DomainError) || Object.keys(error.fieldErrors).length === 0) throw error;
    const renamed = Object.fromEntries(
      Object.entries(error.fieldErrors).map(([name, reason]) => [names[name] ?? name, reason]),
    );
    const again = new DomainError(error.code, renamed);
    throw Object.assign(again, {
      retryAfterSeconds: (error as { retryAfterSeconds?: number }).retryAfterSeconds,
    });
  }
}

/**
 * A last call's changes an objection names, from the clauses' references; a reference the call
 * does not decide is refused as the web form's unknown box would be.
 */
async function itemIdsOf(db: Database, callId: string, refs: string[]): Promise<string[]> {
  if (refs.length === 0) return [];
  const parsed = refs.map(parseRef);
  if (parsed.some((ref) => ref === null)) {
    throw new DomainError("invalid_input", { clauses: "not_in_call" });
  }
  const rows = await db
    .select({ id: callItems.id, code: clauses.refCode, number: clauses.refNumber })
    .from(callItems)
    .innerJoin(clauses, eq(clauses.id, callItems.clauseId))
    .where(
      and(
        eq(callItems.callId, callId),
        inArray(
          clauses.refCode,
          parsed.flatMap((ref) => (ref ? [ref.code] : [])),
        ),
      ),
    );
  return parsed.map((ref) => {
    const row = rows.find((item) => item.code === ref?.code && item.number === ref?.number);
    if (!row) throw new DomainError("invalid_input", { clauses: "not_in_call" });
    return row.id;
  });
}

const createdThread = z
  .object({
    id: z.uuid().describe("The thread's id, as in /standards/{slug}/threads/{thread}."),
    url: pageUrl,
  })
  .describe("The thread just opened.");

const createdComment = z
  .object({
    id: z.uuid().describe("The reply's id."),
    thread: z.uuid(),
    url: pageUrl,
  })
  .describe("The reply just posted.");

const createdCall = z
  .object({
    number: z.number().int().describe("The call's number within its standard."),
    url: pageUrl,
  })
  .describe("The call just opened.");

const recordedPosition = z
  .object({
    call: z.number().int(),
    stance: z.enum(stances),
    reason: z.string(),
    clauses: z
      .array(z.string())
      .describe("On a last call, the clauses an objection names; empty: the whole call."),
    takenAt: timestamp,
    url: pageUrl,
  })
  .describe("Your position on the call, as recorded.");

const writingLanguage = z
  .enum(locales)
  .optional()
  .describe("The language you write in, when your profile names none: `en`, `fr` or `de`.");

export const writesEndpoints: Endpoint[] = [
  defineEndpoint({
    method: "POST",
    path: "/standards/{slug}/threads",
    operationId: "openThread",
    summary: "Open a thread on a clause of the working draft",
    description:
      "Needs the `comment` scope. Opens a comment, question, editorial note or objection on one clause, as the draft page's form does, with the same limits (10 comments a minute). The public log records it with the token's name.",
    group: GROUP,
    params: z.object({ slug: slugParam }),
    body: z.object({
      clause: refParam,
      kind: openThreadSchema.shape.kind,
      title: openThreadSchema.shape.title.describe("A short title, plain text."),
      text: commentBodySchema.describe("The first comment, in Markdown."),
      quote: openThreadSchema.shape.quote.describe("Words of the clause the thread is about."),
      lang: writingLanguage,
    }),
    response: createdThread,
    status: 201,
    scope: "comment",
    example: {
      path: "/standards/iotmark/threads",
      body: {
        clause: "DATA-1",
        kind: "question",
        title: "Does this cover diagnostics?",
        text: "Are crash reports personal data in the sense of this clause?",
      },
    },
    handle: async ({ db, params, body, caller, origin, now }) => {
      const author = participantOf(caller);
      const standard = await standardOf(db, params.slug);
      const clause = await getDraftClause(db, standard.id, body.clause);
      if (!clause) throw new DomainError("invalid_input", { clause: "unknown_clause" });
      // A program has no editor positions to anchor its quote to: the quote stands alone.
      const { threadId } = await openThread(
        db,
        author,
        clause.id,
        { kind: body.kind, title: body.title, quote: body.quote, body: body.text },
        now,
        body.lang,
      );
      const place = await threadPlace(db, threadId);
      return { id: threadId, url: `${origin}${place.path}` };
    },
  }),
  defineEndpoint({
    method: "POST",
    path: "/standards/{slug}/threads/{thread}/comments",
    operationId: "replyToThread",
    summary: "Reply in a thread",
    description:
      "Needs the `comment` scope. Replies to the thread, or to one of its comments (`parent`; replies nest one level), as the thread's reply form does, with the same limits. The public log records that you replied through the token.",
    group: GROUP,
    params: z.object({ slug: slugParam, thread: threadParam }),
    body: z.object({
      text: commentBodySchema.describe("The reply, in Markdown."),
      parent: z.uuid().optional().describe("The comment this answers; none: the thread."),
      lang: writingLanguage,
    }),
    response: createdComment,
    status: 201,
    scope: "comment",
    example: {
      path: `/standards/iotmark/threads/${EXAMPLE_THREAD}/comments`,
      body: { text: "Crash reports that name the device are, I think." },
    },
    handle: async ({ db, params, body, caller, origin, now }) => {
      const author = participantOf(caller);
      const standard = await standardOf(db, params.slug);
      const place = await threadPlace(db, params.thread);
      if (place.standardId !== standard.id) throw new DomainError("not_found");
      const { commentId } = await withFieldNames({ parentId: "parent", body: "text" }, () =>
        reply(
          db,
          author,
          { threadId: params.thread, parentId: body.parent ?? null, body: body.text },
          now,
          body.lang,
        ),
      );
      return { id: commentId, thread: params.thread, url: `${origin}${place.path}` };
    },
  }),
  defineEndpoint({
    method: "POST",
    path: "/standards/{slug}/calls",
    operationId: "openCall",
    summary: "Open a call for rough consensus",
    description:
      "Needs the `position` scope, which covers taking part in calls: opening one and taking positions. Opens a plain-question call, or a call to adopt a revision of one clause (`kind: clause_revision` with `clause`, and optionally `revision`; none: the working text as it stands), as the new-call form does. It stays open for the standard's comment period.",
    group: GROUP,
    params: z.object({ slug: slugParam }),
    body: z.object({
      kind: z.enum(["question", "clause_revision"]).default("question"),
      title: openCallSchema.shape.title.describe("The question or proposal, in one line."),
      description: openCallSchema.shape.description.describe("What is asked, and why."),
      organisations: openCallSchema.shape.organisations.describe(
        "Organisations you speak for or are paid by in this matter, if any.",
      ),
      clause: refParam.optional().describe("For `clause_revision`: the clause."),
      revision: z
        .number()
        .int()
        .min(1)
        .max(999_999)
        .optional()
        .describe("For `clause_revision`: the revision to adopt; none: the working text."),
    }),
    response: createdCall,
    status: 201,
    scope: "position",
    example: {
      path: "/standards/iotmark/calls",
      body: {
        title: "Should the DATA module cover diagnostics?",
        description: "Crash reports and logs raise questions in several threads.",
      },
    },
    handle: async ({ db, params, body, caller, origin, now }) => {
      const proposer = participantOf(caller);
      const standard = await standardOf(db, params.slug);
      if (body.kind === "clause_revision" && !body.clause) {
        throw new DomainError("invalid_input", { clause: "required" });
      }
      const { number } = await withFieldNames({ clauseRef: "clause" }, () =>
        openCall(
          db,
          proposer,
          standard.id,
          {
            kind: body.kind,
            clauseRef: body.kind === "clause_revision" ? (body.clause ?? "") : "",
            revision: body.kind === "clause_revision" ? (body.revision ?? null) : null,
            title: body.title,
            description: body.description,
            organisations: body.organisations,
          },
          now,
        ),
      );
      return { number, url: `${origin}${callPath(standard.slug, number)}` };
    },
  }),
  defineEndpoint({
    method: "PUT",
    path: "/standards/{slug}/calls/{number}/position",
    operationId: "takePosition",
    summary: "Take or change your position on a call",
    description:
      "Needs the `position` scope. Records your stand while the call is open: support, no objection, object (a reason is required, and opens an objection thread), abstain, or recuse. Sending it again changes it. On a last call, an objection may name the clauses it concerns (`clauses`) and holds back only those.",
    group: GROUP,
    params: z.object({ slug: slugParam, number: callNumberParam }),
    body: z.object({
      stance: positionSchema.shape.stance,
      reason: positionSchema.shape.reason.describe("Why; required to object."),
      clauses: z
        .array(refParam)
        .max(2000)
        .optional()
        .describe("On a last call, the clauses an objection concerns."),
    }),
    response: recordedPosition,
    scope: "position",
    example: {
      path: "/standards/iotmark/calls/3/position",
      body: { stance: "support", reason: "The wording is clear and testable." },
    },
    handle: async ({ db, params, body, caller, origin, now }) => {
      const person = participantOf(caller);
      const call = await callOf(db, params.slug, params.number);
      const refs = body.stance === "object" ? [...new Set(body.clauses ?? [])] : [];
      const itemIds = await itemIdsOf(db, call.id, refs);
      await withFieldNames({ itemIds: "clauses" }, () =>
        takePosition(
          db,
          person,
          call.id,
          {
            stance: body.stance,
            reason: body.reason,
            itemIds,
          },
          now,
        ),
      );
      return {
        call: params.number,
        stance: body.stance,
        reason: body.reason,
        clauses: refs,
        takenAt: iso(now),
        url: `${origin}${callPath(params.slug, params.number)}`,
      };
    },
  }),
];
