import { and, desc, eq, lt, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { auditLog } from "@/lib/audit/schema";
import { users } from "@/lib/auth/schema";
import type { Database } from "@/lib/db/client";

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
  details: Record<string, string | number | boolean | null>;
};

/** Newest first, one page, with the next page's cursor when there is one. */
export async function listAudit(
  db: Database,
  filters: AuditFilters,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<{ rows: AuditRow[]; nextBefore: number | null }> {
  const conditions: SQL[] = [];
  if (filters.action) {
    conditions.push(
      filters.action.endsWith(".")
        ? sql`starts_with(${auditLog.action}, ${filters.action})`
        : eq(auditLog.action, filters.action),
    );
  }
  if (filters.subjectType) conditions.push(eq(auditLog.subjectType, filters.subjectType));
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
  return { rows: page, nextBefore: rows.length > pageSize && last ? last.id : null };
}

/** The distinct subject types, for the filter menu. */
export async function listAuditSubjectTypes(db: Database): Promise<string[]> {
  const rows = await db
    .selectDistinct({ subjectType: auditLog.subjectType })
    .from(auditLog)
    .orderBy(auditLog.subjectType);
  return rows.map((row) => row.subjectType);
}
