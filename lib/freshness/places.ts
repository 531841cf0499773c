import "server-only";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { auditLog } from "@/lib/audit/schema";
import type { Executor } from "@/lib/db/client";
import { callItems, calls } from "@/lib/decisions/schema";
import { comments, threads } from "@/lib/discussion/schema";
import { formatRef, parseRef } from "@/lib/drafting/rules";
import { clauses, sections, standards } from "@/lib/drafting/schema";
import { type Announcement, type Place, tagsOfAudit, tagsOfPlace } from "@/lib/freshness/changes";
import { callTag, everything, registryTag, tokensTag } from "@/lib/http/front-tags";
import { reviews } from "@/lib/reviews/schema";

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
    .leftJoin(reviews, eq(reviews.id, threads.reviewId))
    .innerJoin(
      standards,
      eq(
        standards.id,
        sql`coalesce(${clauses.standardId}, ${calls.standardId}, ${reviews.standardId})`,
      ),
    )
    .where(inArray(threads.id, ids));
  for (const row of rows) {
    const places: Place[] = [];
    if (row.refCode !== null && row.refNumber !== null) {
      places.push({ standard: row.slug, clause: formatRef(row.refCode, row.refNumber) });
    }
    if (row.call !== null) places.push({ standard: row.slug, call: row.call });
    // A review's thread shows on its review's page, kept under its standard's tag.
    if (places.length === 0) places.push({ standard: row.slug });
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

/** A clause found: where it is, and its id to find the calls showing it. */
type FoundClause = { id: string; place: Place };

/** Clauses by reference, in whichever standards have one by that reference. */
async function clausesByRef(db: Executor, refs: string[]): Promise<Map<string, FoundClause[]>> {
  const parsed = unique(refs).flatMap((ref) => {
    const found = parseRef(ref);
    return found ? [found] : [];
  });
  const byRef = new Map<string, FoundClause[]>();
  if (parsed.length === 0) return byRef;
  const rows = await db
    .select({
      id: clauses.id,
      slug: standards.slug,
      code: clauses.refCode,
      number: clauses.refNumber,
    })
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
    const found = { id: row.id, place: { standard: row.slug, clause: ref } };
    byRef.set(ref, [...(byRef.get(ref) ?? []), found]);
  }
  return byRef;
}

async function clausesById(db: Executor, ids: string[]): Promise<FoundClause[]> {
  const valid = unique(ids.filter((id) => uuid.test(id)));
  if (valid.length === 0) return [];
  const rows = await db
    .select({
      id: clauses.id,
      slug: standards.slug,
      code: clauses.refCode,
      number: clauses.refNumber,
    })
    .from(clauses)
    .innerJoin(standards, eq(standards.id, clauses.standardId))
    .where(inArray(clauses.id, valid));
  return rows.map((row) => ({
    id: row.id,
    place: { standard: row.slug, clause: formatRef(row.code, row.number) },
  }));
}

/**
 * The pages of the calls on these clauses or sections: a call's page shows its clause's working
 * text (how it moved on since the revision proposed) and the working titles of the clauses and
 * sections a set of changes retires or moves.
 */
async function callsShowing(
  db: Executor,
  clauseIds: string[],
  sectionIds: string[],
): Promise<string[]> {
  const ofClauses = unique(clauseIds);
  const ofSections = unique(sectionIds);
  if (ofClauses.length === 0 && ofSections.length === 0) return [];
  const items = db
    .select({ id: callItems.callId })
    .from(callItems)
    .where(
      or(
        ofClauses.length ? inArray(callItems.clauseId, ofClauses) : undefined,
        ofSections.length ? inArray(callItems.sectionId, ofSections) : undefined,
      ),
    );
  const rows = await db
    .select({ slug: standards.slug, number: calls.number })
    .from(calls)
    .innerJoin(standards, eq(standards.id, calls.standardId))
    .where(
      or(
        ofClauses.length ? inArray(calls.clauseId, ofClauses) : undefined,
        inArray(calls.id, items),
      ),
    );
  return rows.map((row) => callTag(row.slug, row.number));
}

/** The clauses of calls named "standard/number", by that name. */
async function clausesOfCalls(db: Executor, subjects: string[]): Promise<Map<string, Place>> {
  const named = unique(subjects).filter((subject) => scoped.test(subject));
  if (named.length === 0) return new Map();
  const name = sql<string>`${standards.slug} || '/' || ${calls.number}`;
  const rows = await db
    .select({ name, slug: standards.slug, code: clauses.refCode, number: clauses.refNumber })
    .from(calls)
    .innerJoin(standards, eq(standards.id, calls.standardId))
    .innerJoin(clauses, eq(clauses.id, calls.clauseId))
    .where(inArray(name, named));
  return new Map(
    rows.map((row) => [row.name, { standard: row.slug, clause: formatRef(row.code, row.number) }]),
  );
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

/** A position that is no longer an objection withdraws its objection thread, on the clause too. */
const withdrawsObjection = (action: string, details: unknown) =>
  action === "decisions.position_taken" &&
  detail(details, "previously") === "object" &&
  detail(details, "stance") !== "object";

function detail(details: unknown, key: string): unknown {
  return details && typeof details === "object"
    ? (details as Record<string, unknown>)[key]
    : undefined;
}

/** The tags touched by a batch of announcements, in at most nine queries. */
export async function tagsOfAnnouncements(
  db: Executor,
  announcements: Announcement[],
): Promise<string[]> {
  const tags = new Set<string>();
  const ofKind = (kind: Announcement["kind"]) =>
    announcements.filter((a) => a.kind === kind).map((a) => a.id);
  if (ofKind("registry").length) tags.add(registryTag);
  if (ofKind("token").length) tags.add(tokensTag);

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
  const withdrawn = entries.filter((e) => withdrawsObjection(e.action, e.details));
  const [ofThread, ofRef, changedClauses, changedSections, clauseOfCall] = await Promise.all([
    threadPlaces(db, threadIds),
    clausesByRef(
      db,
      entries.filter((e) => e.subjectType === "clause").map((e) => e.subjectId),
    ),
    clausesById(db, ofKind("clause")),
    sectionsById(db, ofKind("section")),
    clausesOfCalls(
      db,
      withdrawn.map((e) => e.subjectId),
    ),
  ]);
  // Calls show their clauses' working texts and titles: the texts, and what drafting changes.
  const draftedClauses = entries
    .filter((e) => e.subjectType === "clause" && e.action.startsWith("drafting."))
    .flatMap((e) => ofRef.get(e.subjectId) ?? []);
  for (const tag of await callsShowing(
    db,
    [...changedClauses, ...draftedClauses].map((found) => found.id),
    ofKind("section").filter((id) => uuid.test(id)),
  )) {
    tags.add(tag);
  }

  for (const place of [
    ...changedClauses.map((found) => found.place),
    ...changedSections,
    ...[...ofThread.values()].flat(),
  ]) {
    for (const tag of tagsOfPlace(place)) tags.add(tag);
  }
  for (const entry of entries) {
    const places: Place[] = [];
    if (entry.subjectType === "clause") {
      places.push(...(ofRef.get(entry.subjectId) ?? []).map((found) => found.place));
    }
    if (entry.subjectType === "section") places.push(...scopedPlace("section", entry.subjectId));
    if (entry.subjectType === "call") places.push(...scopedPlace("call", entry.subjectId));
    if (entry.subjectType === "standard") places.push({ standard: entry.subjectId });
    if (entry.subjectType === "review") {
      const standard = scoped.exec(entry.subjectId)?.[1];
      if (standard) places.push({ standard });
    }
    if (entry.subjectType === "comment") {
      places.push(...(ofThread.get(threadOfComment.get(entry.subjectId) ?? "") ?? []));
    }
    places.push(...scopedPlace("call", detail(entry.details, "call")));
    const thread = detail(entry.details, "thread");
    if (typeof thread === "string") places.push(...(ofThread.get(thread) ?? []));
    for (const tag of tagsOfAudit(entry.action, places)) tags.add(tag);
    const clause = withdrawsObjection(entry.action, entry.details)
      ? clauseOfCall.get(entry.subjectId)
      : undefined;
    if (clause) for (const tag of tagsOfPlace(clause)) tags.add(tag);
  }
  return tags.has(everything) ? [everything] : [...tags];
}
