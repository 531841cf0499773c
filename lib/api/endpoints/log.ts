import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { defineEndpoint, type Endpoint } from "@/lib/api/endpoint";
import { decodeCursor, pageOf, pageQuery, pageSchema } from "@/lib/api/paging";
import { iso, timestamp } from "@/lib/api/values";
import { type AuditDetails, publicDetails } from "@/lib/audit/rules";
import { auditLog } from "@/lib/audit/schema";
import { users } from "@/lib/auth/schema";
import { displayName } from "@/lib/community/rules";
import { auditConditions } from "@/lib/transparency/queries";

export const auditDetailsSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .describe(
    "The entry's public details: what it concerns (ids, stances, dates, numbers) and words written for the record itself (titles, rationales, reasons given for hiding or resolving). The log never carries a comment's or a position's words; a call's timeline shows them as its page does, only while moderation allows.",
  );

export const logEntry = z.object({
  id: z.number().int(),
  at: timestamp,
  action: z.string().describe("`category.what_happened`, as `decisions.call_opened`."),
  actor: z.string().nullable().describe("Who did it, as the website names them; null: Hum."),
  subjectType: z.string(),
  subjectId: z.string(),
  details: auditDetailsSchema,
});

/**
 * Never a comment's or a position reason's words, even while they are public: moderation could
 * hide them at any moment, and a copy kept by a program could not follow. The thread and call
 * endpoints give them, as the public sees them, and entries name them. Old entries that copied
 * a position's words lose them here for the same reason.
 */
const withoutPeoplesWords = {
  words: () => null,
  reasonWords: () => null,
  withdrawn: () => true,
};

/** An entry as the API gives it: the public details only (lib/audit/rules.ts). */
export function logEntryOf(row: {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details: AuditDetails;
}): z.input<typeof logEntry> {
  return {
    id: row.id,
    at: iso(row.at),
    action: row.action,
    actor: row.actorId ? displayName({ id: row.actorId, name: row.actorName }) : null,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    details: publicDetails(row, withoutPeoplesWords).details,
  };
}

const listLog = defineEndpoint({
  method: "GET",
  path: "/log",
  operationId: "listLog",
  summary: "The transparency log",
  description:
    "Every recorded action, newest first, with the filters of the transparency page. Append-only: a page never repeats or skips an entry.",
  group: "Transparency log",
  query: z.object({
    ...pageQuery,
    action: z
      .string()
      .regex(/^[a-z_]+\.([a-z_]+)?$/)
      .optional()
      .describe(
        "A category with its dot (`decisions.`) or one exact action (`decisions.vote_cast`).",
      ),
    subjectType: z
      .string()
      .regex(/^[a-z_]{1,40}$/)
      .optional()
      .describe("What the entries are about: `call`, `clause`, `comment`, `user`…"),
  }),
  response: pageSchema(logEntry),
  example: { path: "/log?action=decisions.&limit=20" },
  handle: async ({ db, query }) => {
    const before = query.cursor ? decodeCursor(query.cursor, ["number"])[0] : null;
    const conditions = auditConditions(query);
    if (before !== null) conditions.push(lt(auditLog.id, before));
    // One query a page, along the primary key: the actor's name is joined, and the details
    // need nothing more, as they never carry people's words.
    const rows = await db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        actorId: auditLog.actorId,
        actorName: users.name,
        action: auditLog.action,
        subjectType: auditLog.subjectType,
        subjectId: auditLog.subjectId,
        details: auditLog.details,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(and(...conditions))
      .orderBy(desc(auditLog.id))
      .limit(query.limit + 1);
    const page = pageOf(rows, query.limit, (row) => [row.id]);
    return { next: page.next, data: page.data.map(logEntryOf) };
  },
});

/** The transparency log. */
export const logEndpoints: Endpoint[] = [listLog];
