import "server-only";
import { and, desc, eq, lt, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type AuditDetails, copiedCommentText, publicDetails } from "@/lib/audit/rules";
import { auditLog } from "@/lib/audit/schema";
import { users } from "@/lib/auth/schema";
import { badgesOf } from "@/lib/community/queries";
import type { RoleBadge } from "@/lib/community/rules";
import type { Database, Executor } from "@/lib/db/client";
import { defaultLocale, type Locale } from "@/lib/locale";
import {
  commentTexts,
  copyKey,
  positionReasonTexts,
  withdrawnCopies,
} from "@/lib/moderation/visibility";
import { callSubjectId } from "@/lib/paths";
import { liveTexts } from "@/lib/transparency/live-text";
import { placesOf } from "@/lib/transparency/places";
import type { Place } from "@/lib/transparency/sentence";

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilters = {
  /** An action prefix such as `auth.` or `community.`, or one exact action. */
  action?: string;
  subjectType?: string;
  /** One subject exactly, with its type: the timeline of a call or a clause. */
  subjectId?: string;
  actorId?: string;
  /** Keyset paging: show entries older than this id. */
  before?: number;
};

export type AuditRow = {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  /** The person's display name when the subject is a user. */
  subjectName: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  /** What may be shown: known keys only, a comment's words only while moderation allows. */
  details: AuditDetails;
  /** Some words were left out because moderators hid them (or their author deleted them). */
  hiddenText: boolean;
  /** The standard the entry concerns, when known: its sentence links what it names there. */
  place: Place | null;
};

/**
 * Newest first, one page, with the next page's cursor when there is one; Hum's own words in it
 * are in the reader's language.
 */
/**
 * The log's filters: an action (or, ending with a dot, a category of actions) and the kind of
 * subject; the same names on /transparency and in the API.
 */
export function auditConditions(filters: { action?: string; subjectType?: string }): SQL[] {
  const conditions: SQL[] = [];
  if (filters.action) {
    conditions.push(
      filters.action.endsWith(".")
        ? sql`starts_with(${auditLog.action}, ${filters.action})`
        : eq(auditLog.action, filters.action),
    );
  }
  if (filters.subjectType) conditions.push(eq(auditLog.subjectType, filters.subjectType));
  return conditions;
}

export async function listAudit(
  db: Database,
  filters: AuditFilters,
  pageSize = AUDIT_PAGE_SIZE,
  locale: Locale = defaultLocale,
): Promise<{ rows: AuditRow[]; nextBefore: number | null }> {
  const conditions = auditConditions(filters);
  if (filters.subjectId) conditions.push(eq(auditLog.subjectId, filters.subjectId));
  if (filters.actorId) conditions.push(eq(auditLog.actorId, filters.actorId));
  if (filters.before) conditions.push(lt(auditLog.id, filters.before));

  const subjectUser = alias(users, "subject_user");
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorName: users.name,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      subjectName: subjectUser.name,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(
      subjectUser,
      and(eq(auditLog.subjectType, "user"), eq(subjectUser.id, auditLog.subjectId)),
    )
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(pageSize + 1);

  const page = rows.slice(0, pageSize);
  const last = page.at(-1);
  return {
    rows: await moderated(db, page, locale),
    nextBefore: rows.length > pageSize && last ? last.id : null,
  };
}

/**
 * The log never changes, so hiding happens when it is read: entries name comments and position
 * reasons, and old entries that copied a position's words are checked against what they copied.
 * Other words (titles, rationales) are read from the rows entries name.
 */
async function moderated(
  db: Executor,
  rows: Omit<AuditRow, "hiddenText" | "place">[],
  locale: Locale,
): Promise<AuditRow[]> {
  const idOf = (value: unknown) => (typeof value === "string" ? value : null);
  const [named, reasons, live, places] = await Promise.all([
    commentTexts(
      db,
      rows.map((row) => idOf(row.details.comment)),
    ),
    positionReasonTexts(
      db,
      rows.map((row) => idOf(row.details.positionReason)),
    ),
    liveTexts(db, rows, locale),
    placesOf(db, rows),
  ]);
  const copies = rows.flatMap((row) => {
    const words = copiedCommentText(row);
    return words !== null && row.actorId ? [{ authorId: row.actorId, body: words }] : [];
  });
  const withdrawn = await withdrawnCopies(db, copies);
  const check = {
    words: (id: string) => {
      const comment = named.get(id);
      return comment?.public ? comment.body : null;
    },
    reasonWords: (id: string) => {
      const reason = reasons.get(id);
      return reason?.public ? reason.body : null;
    },
    withdrawn: (authorId: string | null, words: string) =>
      authorId !== null && withdrawn.has(copyKey(authorId, words)),
  };
  return rows.map((row) => {
    const shown = publicDetails(row, check);
    return {
      ...row,
      ...shown,
      details: { ...shown.details, ...live.get(row.id) },
      place: places.get(row.id) ?? null,
    };
  });
}

/** A call's public record, oldest first, with the roles each actor holds now. */
export async function callTimeline(
  db: Database,
  slug: string,
  number: number,
  locale: Locale = defaultLocale,
): Promise<(AuditRow & { actorBadges: RoleBadge[] })[]> {
  const { rows } = await listAudit(
    db,
    { subjectType: "call", subjectId: callSubjectId(slug, number) },
    500,
    locale,
  );
  const badges = await badgesOf(
    db,
    rows.flatMap((entry) => (entry.actorId ? [entry.actorId] : [])),
  );
  return rows.reverse().map((entry) => ({
    ...entry,
    actorBadges: (entry.actorId && badges.get(entry.actorId)) || [],
  }));
}

/** The distinct subject types, for the filter menu. */
export async function listAuditSubjectTypes(db: Database): Promise<string[]> {
  const rows = await db
    .selectDistinct({ subjectType: auditLog.subjectType })
    .from(auditLog)
    .orderBy(auditLog.subjectType);
  return rows.map((row) => row.subjectType);
}
