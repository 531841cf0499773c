import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { defineEndpoint, type Endpoint } from "@/lib/api/endpoint";
import { logEntry } from "@/lib/api/endpoints/log";
import { decodeCursor, pageOf, pageQuery, pageSchema } from "@/lib/api/paging";
import { ApiProblem } from "@/lib/api/problem";
import { iso, pageUrl, slugParam, timestamp } from "@/lib/api/values";
import { displayName } from "@/lib/community/rules";
import { getCallPage } from "@/lib/decisions/call-page";
import { type CallSummary, selectCalls, summaryOf } from "@/lib/decisions/queries";
import { isFinal, phases } from "@/lib/decisions/rules";
import { callItemKinds, callItemOutcomes, callKind, calls } from "@/lib/decisions/schema";
import { stances } from "@/lib/decisions/tally";
import { standards } from "@/lib/drafting/schema";
import { defaultLocale } from "@/lib/locale";
import { callPath, callThreadPath } from "@/lib/paths";
import { callTimeline } from "@/lib/transparency/queries";

const kinds = callKind.enumValues;
const outcomes = ["adopted", "rejected", "returned", "withdrawn"] as const;

const callSummary = z.object({
  number: z.number().int(),
  kind: z.enum(kinds),
  title: z.string(),
  phase: z.enum(phases as [string, ...string[]]).describe("Where the call stands now."),
  outcome: z.enum(outcomes).nullable().describe("How it ended; null while it is undecided."),
  clause: z.string().nullable().describe("The clause a clause call is about."),
  proposer: z.string(),
  openedAt: timestamp,
  closesAt: timestamp.describe("When its comment period ends."),
  closedAt: timestamp.nullable(),
  decidedAt: timestamp.nullable(),
  url: pageUrl,
});

function summaryFields(call: CallSummary, origin: string): z.input<typeof callSummary> {
  return {
    number: call.number,
    kind: call.kind,
    title: call.title,
    phase: call.phase,
    outcome: isFinal(call.phase) ? call.phase : null,
    clause: call.clauseRef,
    proposer: call.proposer,
    openedAt: iso(call.openedAt),
    closesAt: iso(call.closesAt),
    closedAt: iso(call.closedAt),
    decidedAt: iso(call.decidedAt),
    url: `${origin}${callPath(call.slug, call.number)}`,
  };
}

const listCalls = defineEndpoint({
  method: "GET",
  path: "/standards/{slug}/calls",
  operationId: "listCalls",
  summary: "List a standard's calls for consensus",
  description: "Newest first, as on the calls page.",
  group: "Calls",
  params: z.object({ slug: slugParam }),
  query: z.object({
    ...pageQuery,
    kind: z.enum(kinds).optional(),
    phase: z
      .enum(phases as [string, ...string[]])
      .optional()
      .describe("Only the calls that stand here now: `open`, `escalated_ag`, `adopted`…"),
  }),
  response: pageSchema(callSummary),
  example: { path: "/standards/iotmark/calls?limit=5" },
  handle: async ({ db, params, query, origin }) => {
    const [standard] = await db
      .select({ id: standards.id })
      .from(standards)
      .where(eq(standards.slug, params.slug));
    if (!standard) throw new ApiProblem("not_found", `No standard "${params.slug}".`);
    const before = query.cursor ? decodeCursor(query.cursor, ["number"])[0] : null;
    const rows = await selectCalls(db)
      .where(
        and(
          eq(calls.standardId, standard.id),
          query.kind ? eq(calls.kind, query.kind) : undefined,
          query.phase ? eq(calls.phase, query.phase as (typeof phases)[number]) : undefined,
          before !== null ? lt(calls.number, before) : undefined,
        ),
      )
      // Numbers are unique within a standard.
      .orderBy(desc(calls.number))
      .limit(query.limit + 1);
    const page = pageOf(rows, query.limit, (row) => [row.call.number]);
    return {
      next: page.next,
      data: page.data.map((row) => summaryFields(summaryOf(row, new Map(), defaultLocale), origin)),
    };
  },
});

const callDetail = callSummary.extend({
  description: z.string(),
  revision: z.number().int().nullable().describe("The clause revision a clause call adopts."),
  heldFrom: z.number().int().nullable().describe("The last call a held change was split from."),
  organisations: z
    .array(z.string())
    .describe("Organisations it concerns: members they name recuse."),
  charter: z.object({
    commentPeriodDays: z.number().int(),
    quorum: z.number().int(),
    agDeadlineDays: z.number().int(),
    appealWindowDays: z.number().int(),
  }),
  agDeadline: timestamp.nullable(),
  agDecision: z.enum(["adopt", "reject", "return"]).nullable(),
  agRationale: z.string().nullable(),
  appealDeadline: timestamp.nullable(),
  rationale: z.string().nullable().describe("Why it ended as it did."),
  items: z
    .array(
      z.object({
        position: z.number().int(),
        kind: z.enum(callItemKinds),
        outcome: z.enum(callItemOutcomes),
        key: z.string().describe("A clause's reference, or a prose section's address name."),
        title: z.string(),
        isSection: z.boolean(),
        module: z.string().nullable(),
        toModule: z.string().nullable().describe("Where a move takes the clause."),
        revision: z.number().int().nullable(),
        escalatedTo: z.number().int().nullable().describe("The call it went on to, alone."),
      }),
    )
    .describe("The changes a call on a set of changes decides, in the document's order."),
  positions: z.array(
    z.object({
      name: z.string(),
      stance: z.enum(stances),
      reason: z.string().nullable().describe("Null when none was given, or when it is hidden."),
      reasonHidden: z.boolean().describe("Hidden by the advisory group, or deleted by its author."),
      objection: z.uuid().nullable().describe("The objection thread an objection opened."),
      takenAt: timestamp,
    }),
  ),
  tally: z.record(z.enum(stances), z.number().int()),
  objections: z.array(
    z.object({
      thread: z.uuid(),
      title: z.string(),
      author: z.string(),
      state: z.enum(["raised", "withdrawn", "sustained"]),
      url: pageUrl,
    }),
  ),
  votes: z.array(
    z.object({
      name: z.string(),
      stage: z.enum(["ag", "sc"]),
      choice: z.enum(["adopt", "reject", "return", "recuse"]),
      rationale: z.string(),
      castAt: timestamp,
      declaration: z
        .object({ text: z.string(), affiliation: z.string(), declaredAt: timestamp })
        .nullable()
        .describe("The voter's conflict-of-interest declaration when the vote was cast."),
    }),
  ),
  recusals: z
    .array(z.object({ name: z.string(), stage: z.enum(["positions", "ag", "sc"]), at: timestamp }))
    .describe("Who stood aside, and where: they leave quorum and majority counts."),
  appeal: z.object({ appellant: z.string(), reason: z.string(), filedAt: timestamp }).nullable(),
  timeline: z.array(logEntry).describe("The call's entries in the transparency log, oldest first."),
});

const getCall = defineEndpoint({
  method: "GET",
  path: "/standards/{slug}/calls/{number}",
  operationId: "getCall",
  summary: "A call with its positions, votes and timeline",
  description: "As its page shows it to the public: hidden reasons are left out.",
  group: "Calls",
  params: z.object({
    slug: slugParam,
    number: z.coerce.number().int().min(1).max(999_999_999).describe("The call's number."),
  }),
  response: callDetail,
  example: { path: "/standards/iotmark/calls/1" },
  handle: async ({ db, params, origin }) => {
    // The page's own reading, for an anonymous reader, so moderation applies as it does there.
    const page = await getCallPage(db, params.slug, params.number, null, defaultLocale);
    if (!page) throw new ApiProblem("not_found", "No such call in this standard.");
    const timeline = await callTimeline(db, params.slug, params.number, defaultLocale);
    const { call } = page;
    return {
      ...summaryFields(call, origin),
      description: call.description,
      revision: page.revision?.number ?? null,
      heldFrom: page.parent?.number ?? null,
      organisations: call.organisations,
      charter: {
        commentPeriodDays: call.charter.commentPeriodDays,
        quorum: call.charter.quorum,
        agDeadlineDays: call.charter.agDeadlineDays,
        appealWindowDays: call.charter.appealWindowDays,
      },
      agDeadline: iso(call.agDeadline),
      agDecision: call.agDecision,
      agRationale: call.agRationale,
      appealDeadline: iso(call.appealDeadline),
      rationale: call.rationale,
      items: (page.changes?.items ?? []).map((item) => ({
        position: item.position,
        kind: item.kind,
        outcome: item.outcome,
        key: item.key,
        title: item.title,
        isSection: item.isSection,
        module: item.moduleCode,
        toModule: item.toModule,
        revision: item.revision,
        escalatedTo: item.escalated?.number ?? null,
      })),
      positions: page.positions.map((position) => ({
        name: position.name,
        stance: position.stance,
        // An anonymous reader's view: a hidden reason is already empty; never send it regardless.
        reason: position.reasonHidden || !position.reason ? null : position.reason,
        reasonHidden: position.reasonHidden,
        objection: position.threadId,
        takenAt: iso(position.takenAt),
      })),
      tally: page.tally,
      objections: page.objections.map((thread) => ({
        thread: thread.id,
        title: thread.title,
        author: thread.author,
        state: thread.objectionState ?? "raised",
        url: `${origin}${callThreadPath(call.slug, call.number, thread.id)}`,
      })),
      votes: page.votes.map((vote) => ({
        name: vote.name,
        stage: vote.stage,
        choice: vote.choice,
        rationale: vote.rationale,
        castAt: iso(vote.castAt),
        declaration: vote.declaration
          ? {
              text: vote.declaration.text,
              affiliation: vote.declaration.affiliation,
              declaredAt: iso(vote.declaration.declaredAt),
            }
          : null,
      })),
      recusals: [
        ...page.positions
          .filter((position) => position.stance === "recuse")
          .map((position) => ({
            name: position.name,
            stage: "positions" as const,
            at: iso(position.takenAt),
          })),
        ...page.votes
          .filter((vote) => vote.choice === "recuse")
          .map((vote) => ({ name: vote.name, stage: vote.stage, at: iso(vote.castAt) })),
      ],
      appeal: page.appeal
        ? {
            appellant: page.appeal.name,
            reason: page.appeal.reason,
            filedAt: iso(page.appeal.filedAt),
          }
        : null,
      // The page's timeline, with the details it shows: words only while moderation allows.
      timeline: timeline.map((entry) => ({
        id: entry.id,
        at: iso(entry.at),
        action: entry.action,
        actor: entry.actorId ? displayName({ id: entry.actorId, name: entry.actorName }) : null,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId,
        details: entry.details,
      })),
    };
  },
});

/** Calls for consensus, with positions, votes and timeline. */
export const callsEndpoints: Endpoint[] = [listCalls, getCall];
