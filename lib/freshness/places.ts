import "server-only";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { auditLog } from "@/lib/audit/schema";
import type { Executor } from "@/lib/db/client";
import { calls } from "@/lib/decisions/schema";
import { comments, threads } from "@/lib/discussion/schema";
import { formatRef, parseRef } from "@/lib/drafting/rules";
import { clauses, sections, standards } from "@/lib/drafting/schema";
import { type Announcement, type Place, tagsOfAudit, tagsOfPlace } from "@/lib/freshness/changes";
import { everything, registryTag } from "@/lib/http/front-tags";

/*
 * Where announced changes happened, read in a few queries per batch however many there are (an
 * import announces thousands at once), and the tags they touch.
 */

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** "iotmark/42": how calls and sections are named in the log. */
const scoped = /^([a-z0-9-]+)\/(.+)$/;

const unique = <T>(values: T[]) => [...new Set(values)];

/** Threads by id: on a clause, on a call, or both (an objection to a clause's call). */
async function threadPlaces(db: Executor, threadIds: string[]): Promise<Map<string, Place[]>> {
  const ids = unique(threadIds.filter((id) => uuid.test(id)));
  const found = new Map<string, Place[]>();
  if (ids.length === 0) return found;
  const rows = await db
    .select({
      id: threads.id,
      slug: standards.slug,
      refCode: clauses.refCode,
      refNumber: clauses.refNumber,
      call: calls.number,
    })
    .from(threads)
    .leftJoin(clauses, eq(clauses.id, threads.clauseId))
    .leftJoin(calls, eq(calls.id, threads.callId))
    .innerJoin(
      standards,
      eq(standards.id, sql`coalesce(${clauses.standardId}, ${calls.standardId})`),
    )
    .where(inArray(threads.id, ids));
  for (const row of rows) {
    const places: Place[] = [];
    if (row.refCode !== null && row.refNumber !== null) {
      places.push({ standard: row.slug, clause: formatRef(row.refCode, row.refNumber) });
    }
    if (row.call !== null) places.push({ standard: row.slug, call: row.call });
    found.set(row.id, places);
  }
  return found;
}

async function commentThreads(db: Executor, commentIds: string[]): Promise<Map<string, string>> {
  const ids = unique(commentIds.filter((id) => uuid.test(id)));
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: comments.id, thread: comments.threadId })
    .from(comments)
    .where(inArray(comments.id, ids));
  return new Map(rows.map((row) => [row.id, row.thread]));
}

/** Clauses by reference, in whichever standards have one by that reference. */
async function clausesByRef(db: Executor, refs: string[]): Promise<Map<string, Place[]>> {
  const parsed = unique(refs).flatMap((ref) => {
    const found = parseRef(ref);
    return found ? [found] : [];
  });
  const byRef = new Map<string, Place[]>();
  if (parsed.length === 0) return byRef;
  const rows = await db
    .select({ slug: standards.slug, code: clauses.refCode, number: clauses.refNumber })
    .from(clauses)
    .innerJoin(standards, eq(standards.id, clauses.standardId))
    .where(
      or(
        ...parsed.map((ref) =>
          and(eq(clauses.refCode, ref.code), eq(clauses.refNumber, ref.number)),
        ),
      ),
    );
  for (const row of rows) {
    const ref = formatRef(row.code, row.number);
    byRef.set(ref, [...(byRef.get(ref) ?? []), { standard: row.slug, clause: ref }]);
  }
  return byRef;
}

async function clausesById(db: Executor, ids: string[]): Promise<Place[]> {
  const valid = unique(ids.filter((id) => uuid.test(id)));
  if (valid.length === 0) return [];
  const rows = await db
    .select({ slug: standards.slug, code: clauses.refCode, number: clauses.refNumber })
    .from(clauses)
    .innerJoin(standards, eq(standards.id, clauses.standardId))
    .where(inArray(clauses.id, valid));
  return rows.map((row) => ({ standard: row.slug, clause: formatRef(row.code, row.number) }));
}

async function sectionsById(db: Executor, ids: string[]): Promise<Place[]> {
  const valid = unique(ids.filter((id) => uuid.test(id)));
  if (valid.length === 0) return [];
  const rows = await db
    .select({ slug: standards.slug, section: sections.slug })
    .from(sections)
    .innerJoin(standards, eq(standards.id, sections.standardId))
    .where(inArray(sections.id, valid));
  return rows.map((row) => ({ standard: row.slug, section: row.section }));
}

/** A call or section named "standard/…" in the log. */
function scopedPlace(kind: "call" | "section", subject: unknown): Place[] {
  const match = typeof subject === "string" ? scoped.exec(subject) : null;
  if (!match?.[1] || !match[2]) return [];
  if (kind === "section") return [{ standard: match[1], section: match[2] }];
  return /^\d{1,9}$/.test(match[2]) ? [{ standard: match[1], call: Number(match[2]) }] : [];
}

/** The tags touched by a batch of announcements, in at most seven queries. */
export async function tagsOfAnnouncements(
  db: Executor,
  announcements: Announcement[],
): Promise<string[]> {
  const tags = new Set<string>();
  const ofKind = (kind: Announcement["kind"]) =>
    announcements.filter((a) => a.kind === kind).map((a) => a.id);
  if (ofKind("registry").length) tags.add(registryTag);

  const auditIds = ofKind("audit").filter((id) => /^\d{1,18}$/.test(id));
  const entries = auditIds.length
    ? await db
        .select({
          action: auditLog.action,
          subjectType: auditLog.subjectType,
          subjectId: auditLog.subjectId,
          details: auditLog.details,
        })
        .from(auditLog)
        .where(inArray(auditLog.id, auditIds.map(Number)))
    : [];
  // An entry committed is there to read; one that is not was rolled back, or is a mistake.
  if (entries.length < auditIds.length) tags.add(everything);

  const detail = (details: unknown, key: string) =>
    details && typeof details === "object" ? (details as Record<string, unknown>)[key] : undefined;
  const commentIds = entries.filter((e) => e.subjectType === "comment").map((e) => e.subjectId);
  const threadOfComment = await commentThreads(db, commentIds);
  const threadIds = [
    ...ofKind("thread"),
    ...threadOfComment.values(),
    ...entries.flatMap((e) => {
      const thread = detail(e.details, "thread");
      return typeof thread === "string" ? [thread] : [];
    }),
  ];
  const [ofThread, ofRef, changedClauses, changedSections] = await Promise.all([
    threadPlaces(db, threadIds),
    clausesByRef(
      db,
      entries.filter((e) => e.subjectType === "clause").map((e) => e.subjectId),
    ),
    clausesById(db, ofKind("clause")),
    sectionsById(db, ofKind("section")),
  ]);

  for (const place of [...changedClauses, ...changedSections, ...ofThread.values()].flat()) {
    for (const tag of tagsOfPlace(place)) tags.add(tag);
  }
  for (const entry of entries) {
    const places: Place[] = [];
    if (entry.subjectType === "clause") places.push(...(ofRef.get(entry.subjectId) ?? []));
    if (entry.subjectType === "section") places.push(...scopedPlace("section", entry.subjectId));
    if (entry.subjectType === "call") places.push(...scopedPlace("call", entry.subjectId));
    if (entry.subjectType === "standard") places.push({ standard: entry.subjectId });
    if (entry.subjectType === "comment") {
      places.push(...(ofThread.get(threadOfComment.get(entry.subjectId) ?? "") ?? []));
    }
    places.push(...scopedPlace("call", detail(entry.details, "call")));
    const thread = detail(entry.details, "thread");
    if (typeof thread === "string") places.push(...(ofThread.get(thread) ?? []));
    for (const tag of tagsOfAudit(entry.action, places)) tags.add(tag);
  }
  return tags.has(everything) ? [everything] : [...tags];
}
