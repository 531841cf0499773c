import "server-only";
import type { AuditAction, AuditSubjectType } from "@/lib/audit/rules";
import { auditLog } from "@/lib/audit/schema";
import { detailsWithVia } from "@/lib/audit/via";
import type { Executor } from "@/lib/db/client";

export type AuditEntry = {
  actorId: string | null;
  action: AuditAction;
  subjectType: AuditSubjectType;
  subjectId: string;
  details?: Record<string, string | number | boolean | null>;
  at?: Date;
};

/**
 * Appends one row to the public record. Pass the transaction that makes the change, so the
 * change and its record commit or roll back together. Never put secrets or email addresses in
 * `details`: the log is public.
 */
export async function recordAudit(executor: Executor, entry: AuditEntry): Promise<void> {
  await executor.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    details: detailsWithVia(entry.details),
    ...(entry.at ? { at: entry.at } : {}),
  });
}

/** Appends many rows at once, in one statement: a decision that changes many things at once. */
export async function recordAudits(executor: Executor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await executor.insert(auditLog).values(
    entries.map((entry) => ({
      actorId: entry.actorId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      details: detailsWithVia(entry.details),
      ...(entry.at ? { at: entry.at } : {}),
    })),
  );
}
