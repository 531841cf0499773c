import "server-only";
import { and, eq, gt, inArray, isNull, lte, ne, or } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Database, Executor, Transaction } from "@/lib/db/client";
import { addDays } from "@/lib/decisions/rules";
import { insertNotifications, type NotificationKind } from "@/lib/notifications/mutations";
import type { NotificationMessage } from "@/lib/notifications/schema";
import { declarationPath, declarationSubjectId } from "@/lib/paths";
import { type LapseReason, lapsedNotice, reminderNotice } from "@/lib/registry/lifecycle-notices";
import { reminderDue } from "@/lib/registry/rules";
import { declarations, representatives } from "@/lib/registry/schema";
import { markTermsOf } from "@/lib/registry/terms";
import {
  isOlderRelease,
  latestByStandard,
  type ReleaseStanding,
  releaseStandings,
} from "@/lib/registry/transition-queries";

/*
 * The listing's lifecycle as the scheduler runs it: terms end, transitions to a newer release
 * end, reminders go out before a term ends. Like `closeDue`, each declaration is taken under a
 * row lock and its condition checked again, so two schedulers at once, or one run twice, change
 * each listing once, write one audit entry and send one notification per representative.
 */

/** The states a listing lapses from: listed, or still waiting for its review. */
const standing = ["listed", "pending_review"] as const;

export type LapseReport = { termEnded: number; transitionEnded: number };

type Due = { id: string; reason: LapseReason; transitionEndsAt?: Date; latest?: ReleaseStanding };

export async function lapseDue(db: Database, now = new Date()): Promise<LapseReport> {
  const due: Due[] = (
    await db
      .select({ id: declarations.id })
      .from(declarations)
      .where(and(inArray(declarations.state, [...standing]), lte(declarations.expiresAt, now)))
  ).map(({ id }) => ({ id, reason: "term_ended" }));
  due.push(...(await transitionsDue(db, now, new Set(due.map((row) => row.id)))));
  const report: LapseReport = { termEnded: 0, transitionEnded: 0 };
  for (const item of due) {
    const lapsed = await db.transaction((tx) => lapseOne(tx, item, now));
    if (lapsed === "term_ended") report.termEnded += 1;
    if (lapsed === "transition_ended") report.transitionEnded += 1;
  }
  return report;
}

/**
 * Listings on a release older than their standard's newest one, whose transition period (the
 * charter's, from the newest release's publication) has ended.
 */
async function transitionsDue(db: Database, now: Date, skip: Set<string>): Promise<Due[]> {
  const standings = await releaseStandings(db);
  const due: Due[] = [];
  for (const [standardId, latest] of latestByStandard(standings)) {
    const older = standings
      .filter((release) => release.standardId === standardId && isOlderRelease(release, latest))
      .map((release) => release.id);
    if (older.length === 0) continue;
    const { transitionDays } = await markTermsOf(db, standardId);
    const transitionEndsAt = addDays(latest.publishedAt, transitionDays);
    if (transitionEndsAt > now) continue;
    const rows = await db
      .select({ id: declarations.id })
      .from(declarations)
      .where(
        and(
          eq(declarations.standardId, standardId),
          inArray(declarations.state, [...standing]),
          inArray(declarations.releaseId, older),
        ),
      );
    for (const { id } of rows) {
      if (!skip.has(id)) due.push({ id, reason: "transition_ended", transitionEndsAt, latest });
    }
  }
  return due;
}

async function lockDeclaration(tx: Transaction, id: string) {
  const [row] = await tx.select().from(declarations).where(eq(declarations.id, id)).for("update");
  return row ?? null;
}

/** Lapses one listing if it is still due, under its row lock; what it did, or null. */
async function lapseOne(tx: Transaction, due: Due, now: Date): Promise<LapseReason | null> {
  const row = await lockDeclaration(tx, due.id);
  if (!row || !(standing as readonly string[]).includes(row.state)) return null;
  const termEnded = row.expiresAt !== null && row.expiresAt <= now;
  // A declaration published again against the newest release since the list was read is not due.
  const stillOlder = due.latest !== undefined && row.releaseId !== due.latest.id;
  const reason: LapseReason | null = termEnded
    ? "term_ended"
    : due.reason === "transition_ended" && stillOlder
      ? "transition_ended"
      : null;
  if (!reason) return null;
  await tx
    .update(declarations)
    .set({ state: "lapsed", stateReason: reason, stateChangedAt: now, updatedAt: now })
    .where(eq(declarations.id, row.id));
  await recordAudit(tx, {
    at: now,
    actorId: null,
    action: reason === "term_ended" ? "registry.declaration_lapsed" : "registry.transition_ended",
    subjectType: "declaration",
    subjectId: declarationSubjectId(row.number),
  });
  const named = { number: row.number, productName: productNameOf(row) };
  const message =
    reason === "term_ended"
      ? lapsedNotice(named, reason, row.expiresAt ?? now)
      : lapsedNotice(named, reason, due.transitionEndsAt ?? now, due.latest?.version);
  await tellRepresentatives(tx, row, "declaration_lapsed", message, now);
  return reason;
}

function productNameOf(row: typeof declarations.$inferSelect): string {
  return row.productName ?? row.working.product.name;
}

/** Every representative of the declaring organisation in force at `now` hears of it. */
async function tellRepresentatives(
  tx: Executor,
  row: { organisationId: string; number: number },
  kind: NotificationKind,
  message: NotificationMessage,
  now: Date,
): Promise<void> {
  const people = await tx
    .selectDistinct({ userId: representatives.userId })
    .from(representatives)
    .where(
      and(
        eq(representatives.organisationId, row.organisationId),
        lte(representatives.startsAt, now),
        or(isNull(representatives.endsAt), gt(representatives.endsAt, now)),
      ),
    );
  await insertNotifications(
    tx,
    people.map(({ userId }) => ({ userId, watchId: null, kind })),
    { actorId: null, path: declarationPath(row.number), message, at: now },
  );
}

/**
 * 30 and 7 days before a listing's term ends, its representatives are reminded, each once per
 * term: `remindedDays` records the last reminder, and a reaffirmation clears it.
 */
export async function remindDue(db: Database, now = new Date()): Promise<number> {
  const soon = await db
    .select({ id: declarations.id })
    .from(declarations)
    .where(
      and(
        eq(declarations.state, "listed"),
        gt(declarations.expiresAt, now),
        lte(declarations.expiresAt, addDays(now, 30)),
        // The 7-day reminder is the term's last.
        or(isNull(declarations.remindedDays), ne(declarations.remindedDays, 7)),
      ),
    );
  let reminded = 0;
  for (const { id } of soon) {
    const sent = await db.transaction(async (tx) => {
      const row = await lockDeclaration(tx, id);
      if (row?.state !== "listed" || !row.expiresAt) return false;
      const days = reminderDue(row.expiresAt, row.remindedDays, now);
      if (!days) return false;
      await tx.update(declarations).set({ remindedDays: days }).where(eq(declarations.id, row.id));
      const named = { number: row.number, productName: productNameOf(row) };
      await tellRepresentatives(
        tx,
        row,
        "declaration_reminder",
        reminderNotice(named, row.expiresAt, days),
        now,
      );
      return true;
    });
    if (sent) reminded += 1;
  }
  return reminded;
}
