import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import type { AuditAction, AuditDetails } from "@/lib/audit/rules";
import type { Executor } from "@/lib/db/client";
import { isFinal } from "@/lib/decisions/rules";
import { appeals, calls, votes } from "@/lib/decisions/schema";
import { threads } from "@/lib/discussion/schema";
import { standards } from "@/lib/drafting/schema";
import { renderMessage } from "@/lib/i18n";
import type { Locale } from "@/lib/locale";

type Entry = { id: number; action: string; subjectType: string; subjectId: string };
type Row = Entry & { details: AuditDetails };

/** Which words an entry shows from the row it names, under which detail key. */
function wanted(row: Row): { key: "title" | "rationale" | "reason"; from: string } | null {
  const { details } = row;
  const is = (action: AuditAction) => row.action === action;
  // Every entry about a thread names it by its title.
  if (typeof details.thread === "string") {
    return { key: "title", from: `thread:${details.thread}` };
  }
  if (typeof details.vote === "string") return { key: "rationale", from: `vote:${details.vote}` };
  if (row.subjectType !== "call") return null;
  if (is("decisions.call_opened")) return { key: "title", from: `call:${row.subjectId}` };
  if (is("decisions.appealed")) return { key: "reason", from: `appeal:${row.subjectId}` };
  if (is("decisions.ag_decided")) {
    return { key: "rationale", from: `ag:${row.subjectId}` };
  }
  if (typeof details.phase === "string" && isFinal(details.phase as never)) {
    return { key: "rationale", from: `final:${row.subjectId}` };
  }
  return null;
}

/**
 * The log names threads, calls, votes and appeals instead of copying their words, so an entry
 * can never keep words the record elsewhere no longer shows; this reads them from those rows.
 * Entries written before that keep the words they copied. Hum's own words (a rationale it gave)
 * are in the reader's language, `locale`. Returns extra details by entry id.
 */
export async function liveTexts(
  db: Executor,
  rows: Row[],
  locale: Locale,
): Promise<Map<number, AuditDetails>> {
  const needs = rows.flatMap((row) => {
    const need = wanted(row);
    return need && row.details[need.key] === undefined ? [{ row, ...need }] : [];
  });
  if (needs.length === 0) return new Map();
  const ids = (prefix: string) =>
    [...new Set(needs.map((need) => need.from))]
      .filter((from) => from.startsWith(prefix))
      .map((from) => from.slice(prefix.length));
  const threadIds = ids("thread:");
  const voteIds = ids("vote:");
  const callKeys = [...new Set(["call:", "appeal:", "ag:", "final:"].flatMap(ids))];
  const callKey = sql<string>`${standards.slug} || '/' || ${calls.number}`;
  const [threadRows, voteRows, callRows] = await Promise.all([
    threadIds.length
      ? db
          .select({ id: threads.id, title: threads.title })
          .from(threads)
          .where(inArray(threads.id, threadIds))
      : [],
    voteIds.length
      ? db
          .select({ id: votes.id, rationale: votes.rationale })
          .from(votes)
          .where(inArray(votes.id, voteIds))
      : [],
    callKeys.length
      ? db
          .select({
            key: callKey,
            title: calls.title,
            agRationale: calls.agRationale,
            rationale: calls.rationale,
            rationaleMessage: calls.rationaleMessage,
            appeal: appeals.reason,
          })
          .from(calls)
          .innerJoin(standards, eq(standards.id, calls.standardId))
          .leftJoin(appeals, eq(appeals.callId, calls.id))
          .where(inArray(callKey, callKeys))
      : [],
  ]);
  const text = new Map<string, string | null>();
  for (const row of threadRows) text.set(`thread:${row.id}`, row.title);
  for (const row of voteRows) text.set(`vote:${row.id}`, row.rationale);
  for (const row of callRows) {
    text.set(`call:${row.key}`, row.title);
    text.set(`appeal:${row.key}`, row.appeal);
    text.set(`ag:${row.key}`, row.agRationale);
    text.set(
      `final:${row.key}`,
      row.rationaleMessage ? renderMessage(row.rationaleMessage, locale) : row.rationale,
    );
  }
  const extra = new Map<number, AuditDetails>();
  for (const need of needs) {
    const words = text.get(need.from);
    if (words) extra.set(need.row.id, { [need.key]: words });
  }
  return extra;
}
