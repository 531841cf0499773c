import "server-only";
import { and, desc, lt } from "drizzle-orm";
import { z } from "zod";
import { defineEndpoint, type Endpoint } from "@/lib/api/endpoint";
import { numberParam } from "@/lib/api/endpoints/registry-shapes";
import { decodeCursor, pageOf, pageQuery, pageSchema } from "@/lib/api/paging";
import { ApiProblem } from "@/lib/api/problem";
import { iso, pageUrl, timestamp } from "@/lib/api/values";
import {
  challengeConditions,
  challengeRecord,
  selectChallengeRows,
} from "@/lib/challenges/queries";
import { challengeKinds, challengePhases, responseKinds, verdicts } from "@/lib/challenges/rules";
import { challenges } from "@/lib/challenges/schema";
import { displayName } from "@/lib/community/rules";
import { challengePath, declarationPath } from "@/lib/paths";
import { challengeTimeline } from "@/lib/transparency/challenge-timeline";

/*
 * Challenges and misuse reports, as their public log and record pages show them to someone not
 * signed in, whoever asks: a challenger who asked for their name to be withheld is "a member of
 * the public" here too, in the record and in its timeline alike.
 */

const phase = z
  .enum(challengePhases as [string, ...string[]])
  .describe("Where the due process stands: responding, escalated_ag, … or a final outcome.");

const kind = z
  .enum(challengeKinds)
  .describe("A challenge of a listing, or a report of the mark shown without one.");

const standardRef = z.object({ slug: z.string(), name: z.string() });
const organisationRef = z.object({ slug: z.string(), name: z.string() }).nullable();

const listChallenges = defineEndpoint({
  method: "GET",
  path: "/challenges",
  operationId: "listChallenges",
  summary: "List challenges and misuse reports",
  description:
    "Every one, in every state, newest first, with the log page's filters. Nothing here names who filed.",
  group: "Challenges",
  query: z.object({
    state: z
      .enum(["open", "closed", ...challengePhases] as [string, ...string[]])
      .optional()
      .describe("`open` (still waiting on someone), `closed` (decided or withdrawn), or a phase."),
    standard: z.string().trim().min(1).max(100).optional().describe("A standard's slug."),
    organisation: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe("The challenged organisation's slug."),
    ...pageQuery,
  }),
  response: pageSchema(
    z.object({
      number: z.number().int(),
      kind,
      phase,
      filedAt: timestamp,
      decidedAt: timestamp.nullable(),
      clauses: z.array(z.string()).describe("The clauses it concerns, by reference."),
      standard: standardRef,
      declaration: z
        .object({ number: z.number().int(), product: z.string().nullable() })
        .nullable()
        .describe("The declaration challenged; null for a misuse report."),
      organisation: organisationRef,
      subjectName: z.string().nullable().describe("Who a misuse report says shows the mark."),
      url: pageUrl,
    }),
  ),
  example: { path: "/challenges?state=closed" },
  handle: async ({ db, query, origin }) => {
    const after = query.cursor ? decodeCursor(query.cursor, ["number"])[0] : null;
    const rows = await selectChallengeRows(db)
      .where(
        and(
          ...challengeConditions({
            state: query.state as Parameters<typeof challengeConditions>[0]["state"],
            standard: query.standard,
            organisation: query.organisation,
          }),
          after === null ? undefined : lt(challenges.number, after),
        ),
      )
      // Numbers are given at filing, so this is the log's newest-first, and never shifts.
      .orderBy(desc(challenges.number))
      .limit(query.limit + 1);
    const page = pageOf(rows, query.limit, (row) => [row.number]);
    return {
      next: page.next,
      data: page.data.map((row) => ({
        number: row.number,
        kind: row.kind,
        phase: row.phase,
        filedAt: iso(row.filedAt),
        decidedAt: iso(row.decidedAt),
        clauses: row.clauses,
        standard: { slug: row.standardSlug, name: row.standardName },
        declaration:
          row.declarationNumber === null
            ? null
            : { number: row.declarationNumber, product: row.product },
        organisation:
          row.organisationSlug === null || row.organisationName === null
            ? null
            : { slug: row.organisationSlug, name: row.organisationName },
        subjectName: row.subjectName,
        url: `${origin}${challengePath(row.number)}`,
      })),
    };
  },
});

const getChallenge = defineEndpoint({
  method: "GET",
  path: "/challenges/{number}",
  operationId: "getChallenge",
  summary: "A challenge's public record",
  description:
    "The filing, the declarant's response, the votes with their rationales, the appeal, the outcome, and the timeline from the transparency log. A withheld challenger's name is never given.",
  group: "Challenges",
  params: z.object({ number: numberParam.describe("A challenge's number.") }),
  response: z.object({
    number: z.number().int(),
    kind,
    phase,
    standard: standardRef,
    filer: z
      .string()
      .nullable()
      .describe("Who filed; null when they asked for their name to be withheld."),
    withheld: z.boolean(),
    filedAt: timestamp,
    clauses: z.array(z.string()),
    reason: z.string(),
    evidence: z.array(z.string()),
    declaration: z
      .object({
        number: z.number().int(),
        version: z.number().int().nullable().describe("The version challenged."),
        latestVersion: z.number().int(),
        product: z.string().nullable(),
        state: z.string(),
        relistingBarredUntil: timestamp.nullable(),
        url: pageUrl,
      })
      .nullable(),
    organisation: organisationRef,
    misuse: z
      .object({
        subjectName: z.string().nullable(),
        seenAt: z.string().nullable(),
        subjectUrl: z.string().nullable(),
      })
      .describe("For a misuse report: who shows the mark, where and when."),
    deadlines: z.object({
      response: timestamp.nullable(),
      ag: timestamp.nullable(),
      appeal: timestamp.nullable(),
    }),
    response: z
      .object({
        kind: z.enum(responseKinds),
        text: z.string(),
        evidence: z.array(z.string()),
        by: z.string().nullable(),
        at: timestamp.nullable(),
        cureVersion: z.number().int().nullable(),
      })
      .nullable(),
    votes: z.array(
      z.object({
        stage: z.enum(["ag", "sc"]),
        voter: z.string(),
        choice: z.enum([...verdicts, "recuse"]),
        rationale: z.string(),
        castAt: timestamp,
      }),
    ),
    appeal: z
      .object({
        party: z.enum(["challenger", "declarant"]),
        reason: z.string(),
        filedAt: timestamp,
      })
      .nullable(),
    agDecision: z.enum(verdicts).nullable(),
    agRationale: z.string().nullable(),
    outcome: z
      .object({ rationale: z.string().nullable(), decidedAt: timestamp.nullable() })
      .describe("The final decision's rationale, once decided."),
    timeline: z
      .array(
        z.object({
          id: z.number().int(),
          at: timestamp,
          action: z.string().describe("The transparency log's action, as in the log."),
          actor: z.string().nullable().describe("Who did it; null for Hum or a withheld name."),
          details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
          hiddenText: z.boolean().describe("Words were left out because moderators hid them."),
        }),
      )
      .describe(
        "The record in the transparency log, oldest first, as the challenge's page shows it.",
      ),
    url: pageUrl,
  }),
  example: { path: "/challenges/3" },
  handle: async ({ db, params, origin, now }) => {
    // Read as the public reads it, whoever holds the token: no viewer sees a withheld name here.
    const record = await challengeRecord(db, params.number, null, now);
    if (!record) throw new ApiProblem("not_found", `No challenge ${params.number}.`);
    const timeline = await challengeTimeline(db, record);
    return {
      number: record.number,
      kind: record.kind,
      phase: record.phase,
      standard: record.standard,
      filer: record.filerName,
      withheld: record.withheld,
      filedAt: iso(record.filedAt),
      clauses: record.clauses,
      reason: record.reason,
      evidence: record.evidence,
      declaration: record.declaration && {
        ...record.declaration,
        relistingBarredUntil: iso(record.declaration.relistingBarredUntil),
        url: `${origin}${declarationPath(record.declaration.number)}`,
      },
      organisation: record.organisation,
      misuse: record.misuse,
      deadlines: {
        response: iso(record.deadlines.response),
        ag: iso(record.deadlines.ag),
        appeal: iso(record.deadlines.appeal),
      },
      response: record.response && { ...record.response, at: iso(record.response.at) },
      votes: record.votes.map((vote) => ({
        stage: vote.stage,
        voter: vote.voterName,
        choice: vote.choice,
        rationale: vote.rationale,
        castAt: iso(vote.castAt),
      })),
      appeal: record.appeal && { ...record.appeal, filedAt: iso(record.appeal.filedAt) },
      agDecision: record.agDecision,
      agRationale: record.agRationale,
      outcome: { rationale: record.rationale, decidedAt: iso(record.decidedAt) },
      timeline: timeline.map((entry) => ({
        id: entry.id,
        at: iso(entry.at),
        action: entry.action,
        actor: entry.actorId ? displayName({ id: entry.actorId, name: entry.actorName }) : null,
        details: entry.details,
        hiddenText: entry.hiddenText,
      })),
      url: `${origin}${challengePath(record.number)}`,
    };
  },
});

/** Challenges of listings and reports of the mark's misuse. */
export const challengesEndpoints: Endpoint[] = [listChallenges, getChallenge];
