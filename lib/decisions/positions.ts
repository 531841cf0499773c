import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Participant } from "@/lib/community/authz";
import type { Database, Transaction } from "@/lib/db/client";
import type { PositionInput } from "@/lib/decisions/inputs";
import { callItems, positionReasons, positions } from "@/lib/decisions/schema";
import type { Stance } from "@/lib/decisions/tally";
import { decide, lockCall } from "@/lib/decisions/transitions";
import { insertThread, writingLanguage } from "@/lib/discussion/mutations";
import { renderComment } from "@/lib/discussion/rules";
import { comments, threads } from "@/lib/discussion/schema";
import { formatRef } from "@/lib/drafting/rules";
import { clauses, sections } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import { defaultLocale, type Locale } from "@/lib/locale";
import { callSubjectId } from "@/lib/paths";
import { enforceLimit } from "@/lib/rate-limit";

/**
 * One current position per person. An objection opens a thread (or re-raises the one this person
 * raised before); moving away from "object" withdraws it, so it no longer blocks consensus.
 */
export async function takePosition(
  db: Database,
  person: Participant,
  callId: string,
  input: PositionInput,
  now = new Date(),
): Promise<void> {
  if (input.stance === "object" && !input.reason.trim()) {
    throw new DomainError("invalid_input", { reason: "required" });
  }
  await db.transaction(async (tx) => {
    const call = await lockCall(tx, callId);
    decide(call, { type: "position" }, now);
    const named =
      input.stance === "object" ? await namedChanges(tx, call, input.itemIds ?? []) : [];
    await enforceLimit(tx, "position", person.id, now);
    const [previous] = await tx
      .select()
      .from(positions)
      .where(and(eq(positions.callId, callId), eq(positions.userId, person.id)));
    let threadId = previous?.threadId ?? null;
    // The comment that carries an objection's reason: shown (and hidden) through moderation.
    let commentId: string | null = null;
    if (input.stance === "object") {
      if (threadId) {
        commentId = await reraise(
          tx,
          threadId,
          person.id,
          input.reason,
          now,
          writingLanguage(person),
        );
      } else {
        threadId = await insertThread(
          tx,
          person.id,
          { clauseId: call.clauseId, callId },
          {
            kind: "objection",
            title: objectionTitle(call, named),
            quote: null,
            body: input.reason,
          },
          now,
          // Hum words the title; the reason is the person's.
          { title: defaultLocale, body: writingLanguage(person) },
        );
        commentId = await openingComment(tx, threadId);
      }
    } else if (previous?.stance === "object" && threadId) {
      await tx
        .update(threads)
        .set({ objectionState: "withdrawn", lastActivityAt: now })
        .where(and(eq(threads.id, threadId), eq(threads.objectionState, "raised")));
    }
    // Any other stand's reason gets a row of its own, which moderators may hide like a comment.
    const reasonId =
      input.stance !== "object" && input.reason
        ? await insertReason(tx, { callId, authorId: person.id, ...input, now })
        : null;
    await tx
      .insert(positions)
      .values({
        callId,
        userId: person.id,
        stance: input.stance,
        reason: input.reason,
        threadId,
        commentId,
        reasonId,
        itemIds: named.map((item) => item.id),
        takenAt: now,
      })
      .onConflictDoUpdate({
        target: [positions.callId, positions.userId],
        set: {
          stance: input.stance,
          reason: input.reason,
          threadId,
          commentId,
          reasonId,
          itemIds: named.map((item) => item.id),
          takenAt: now,
        },
      });
    await recordAudit(tx, {
      at: now,
      actorId: person.id,
      action: "decisions.position_taken",
      subjectType: "call",
      subjectId: callSubjectId(call.slug, call.number),
      // Reasons are comments or position reasons, which moderators may hide: the permanent
      // record names them instead of copying their words.
      details: {
        stance: input.stance,
        ...(commentId ? { comment: commentId } : {}),
        ...(reasonId ? { positionReason: reasonId } : {}),
        ...(previous ? { previously: previous.stance } : {}),
      },
    });
  });
}

/**
 * The changes of a call an objection names, checked against the call: naming one it does not
 * decide is refused, so nothing is written.
 */
async function namedChanges(
  tx: Transaction,
  call: { id: string; kind: string },
  itemIds: string[],
): Promise<{ id: string; label: string }[]> {
  const wanted = [...new Set(itemIds)];
  if (wanted.length === 0) return [];
  if (call.kind !== "changes") throw new DomainError("invalid_input", { itemIds: "not_in_call" });
  const rows = await tx
    .select({
      id: callItems.id,
      code: clauses.refCode,
      number: clauses.refNumber,
      section: sections.title,
      position: callItems.position,
    })
    .from(callItems)
    .leftJoin(clauses, eq(clauses.id, callItems.clauseId))
    .leftJoin(sections, eq(sections.id, callItems.sectionId))
    .where(and(eq(callItems.callId, call.id), inArray(callItems.id, wanted)))
    .orderBy(asc(callItems.position));
  if (rows.length !== wanted.length) {
    throw new DomainError("invalid_input", { itemIds: "not_in_call" });
  }
  return rows.map((row) => ({
    id: row.id,
    label:
      row.code !== null && row.number !== null
        ? formatRef(row.code, row.number)
        : (row.section ?? String(row.position)),
  }));
}

/** "Objection to call 12 (SW-4, DATA-2): …": an objection names the changes it concerns. */
function objectionTitle(
  call: { number: number; title: string },
  named: { label: string }[],
): string {
  const shown = named.slice(0, 6).map((item) => item.label);
  const more = named.length > shown.length ? ", …" : "";
  const which = named.length > 0 ? ` (${shown.join(", ")}${more})` : "";
  return `Objection to call ${call.number}${which}: ${call.title}`.slice(0, 160);
}

async function insertReason(
  tx: Transaction,
  reason: { callId: string; authorId: string; stance: Stance; reason: string; now: Date },
): Promise<string> {
  const [row] = await tx
    .insert(positionReasons)
    .values({
      callId: reason.callId,
      authorId: reason.authorId,
      stance: reason.stance,
      body: reason.reason,
      givenAt: reason.now,
    })
    .returning({ id: positionReasons.id });
  if (!row) throw new DomainError("internal");
  return row.id;
}

/** The first comment of a thread just opened: an objection's reason. */
async function openingComment(tx: Transaction, threadId: string): Promise<string> {
  const [first] = await tx
    .select({ id: comments.id })
    .from(comments)
    .where(eq(comments.threadId, threadId))
    .orderBy(asc(comments.createdAt))
    .limit(1);
  if (!first) throw new DomainError("internal");
  return first.id;
}

/**
 * Objecting again re-raises one's earlier objection thread, with the new reason as a reply;
 * returns that reply's id.
 */
async function reraise(
  tx: Transaction,
  threadId: string,
  authorId: string,
  reason: string,
  now: Date,
  lang: Locale,
): Promise<string> {
  await enforceLimit(tx, "comment", authorId, now); // the new reason is a comment like any other
  await tx
    .update(threads)
    .set({
      objectionState: "raised",
      status: "open",
      resolvedAt: null,
      resolvedBy: null,
      resolution: null,
      lastActivityAt: now,
    })
    .where(eq(threads.id, threadId));
  const [comment] = await tx
    .insert(comments)
    .values({
      threadId,
      authorId,
      body: reason,
      bodyHtml: renderComment(reason),
      lang,
      createdAt: now,
    })
    .returning({ id: comments.id });
  if (!comment) throw new DomainError("internal");
  return comment.id;
}
