import "server-only";
import { type ChallengeRecord, challengeFiler } from "@/lib/challenges/queries";
import type { Database } from "@/lib/db/client";
import { defaultLocale, type Locale } from "@/lib/locale";
import { challengeSubjectId, declarationSubjectId } from "@/lib/paths";
import { type AuditRow, listAudit } from "@/lib/transparency/queries";

/**
 * The challenge's public record from the audit log, oldest first, with the declaration's
 * striking off that it led to. Entries of a withheld filing carry no actor already; the
 * challenger's own later entries are stripped of their name here too unless `record` shows it.
 */
export async function challengeTimeline(
  db: Database,
  record: Pick<ChallengeRecord, "number" | "declaration" | "filerName">,
  locale: Locale = defaultLocale,
): Promise<AuditRow[]> {
  const [own, struck, filedBy] = await Promise.all([
    listAudit(
      db,
      { subjectType: "challenge", subjectId: challengeSubjectId(record.number) },
      500,
      locale,
    ),
    record.declaration
      ? listAudit(
          db,
          {
            action: "registry.declaration_struck_off",
            subjectType: "declaration",
            subjectId: declarationSubjectId(record.declaration.number),
          },
          20,
          locale,
        )
      : Promise.resolve({ rows: [] as AuditRow[] }),
    challengeFiler(db, record.number),
  ]);
  const ours = struck.rows.filter(
    (entry) =>
      entry.details.challenge === undefined ||
      String(entry.details.challenge) === String(record.number),
  );
  const hide = record.filerName === null;
  return [...own.rows, ...ours]
    .sort((a, b) => a.id - b.id)
    .map((entry) =>
      hide && filedBy !== null && entry.actorId === filedBy
        ? { ...entry, actorId: null, actorName: null }
        : entry,
    );
}
