import "server-only";
import { and, eq, inArray, max } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/mutations";
import type { Secretariat } from "@/lib/community/authz";
import type { Database } from "@/lib/db/client";
import { insertCall } from "@/lib/decisions/calls";
import { waitingPhases } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { lockStandard } from "@/lib/drafting/queries";
import { standards } from "@/lib/drafting/schema";
import { DomainError, type FieldErrors, fieldError, isFieldErrorCode } from "@/lib/errors";
import { reviewSubjectId } from "@/lib/paths";
import { reviews } from "@/lib/reviews/schema";

/** What opening a review asks for; the forms and the API read the same limits. */
export const openReviewSchema = z
  .object({
    title: z
      .string(fieldError("required"))
      .trim()
      .min(1, fieldError("required"))
      .max(200, fieldError("too_long")),
    questions: z
      .string(fieldError("required"))
      .trim()
      .min(1, fieldError("required"))
      .max(10_000, fieldError("too_long")),
    periodStart: z.coerce.date(fieldError("invalid_date")),
    periodEnd: z.coerce.date(fieldError("invalid_date")),
  })
  .refine((input) => input.periodStart < input.periodEnd, {
    path: ["periodEnd"],
    ...fieldError("ends_before_start"),
  });

export const conclusionsSchema = z.object({
  conclusions: z
    .string(fieldError("required"))
    .trim()
    .min(1, fieldError("required"))
    .max(20_000, fieldError("too_long")),
});

/** Checks input the way the forms do, so a caller outside them is refused the same way. */
function parsed<T>(schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    fields[String(issue.path[0] ?? "form")] ??= isFieldErrorCode(issue.message)
      ? issue.message
      : "invalid";
  }
  throw new DomainError("invalid_input", fields);
}

/**
 * The secretariat opens a review of a standard: what it is to answer and the period whose
 * record it looks at. Numbered per standard; the audit entry names it, the words are read from
 * the review itself.
 */
export async function openReview(
  db: Database,
  secretary: Secretariat,
  standardId: string,
  input: { title: string; questions: string; periodStart: Date; periodEnd: Date },
  now = new Date(),
): Promise<{ id: string; number: number }> {
  const valid = parsed(openReviewSchema, input);
  return db.transaction(async (tx) => {
    // One review at a time per standard takes the next number.
    const standard = await lockStandard(tx, standardId);
    const [last] = await tx
      .select({ number: max(reviews.number) })
      .from(reviews)
      .where(eq(reviews.standardId, standardId));
    const number = (last?.number ?? 0) + 1;
    const [review] = await tx
      .insert(reviews)
      .values({ standardId, number, ...valid, openedBy: secretary.id, openedAt: now })
      .returning({ id: reviews.id });
    if (!review) throw new DomainError("internal");
    await recordAudit(tx, {
      at: now,
      actorId: secretary.id,
      action: "reviews.review_opened",
      subjectType: "review",
      subjectId: reviewSubjectId(standard.slug, number),
      details: { standard: standard.slug },
    });
    return { id: review.id, number };
  });
}

/**
 * The secretariat puts its conclusions to the community: a call of kind "review" whose
 * description is the conclusions. When the call reaches consensus the review is concluded
 * (lib/decisions/review-calls.ts); rejected, returned or withdrawn, it may be proposed again.
 */
export async function proposeConclusions(
  db: Database,
  secretary: Secretariat,
  reviewId: string,
  input: { conclusions: string },
  now = new Date(),
): Promise<{ callNumber: number }> {
  const { conclusions } = parsed(conclusionsSchema, input);
  return db.transaction(async (tx) => {
    const [review] = await tx
      .select({ review: reviews, slug: standards.slug })
      .from(reviews)
      .innerJoin(standards, eq(standards.id, reviews.standardId))
      .where(eq(reviews.id, reviewId))
      .for("update", { of: reviews });
    if (!review) throw new DomainError("not_found");
    if (review.review.concludedAt) throw new DomainError("conflict");
    const [pending] = await tx
      .select({ id: calls.id })
      .from(calls)
      .where(and(eq(calls.reviewId, reviewId), inArray(calls.phase, [...waitingPhases])));
    if (pending) throw new DomainError("conflict");
    const call = await insertCall(
      tx,
      secretary.id,
      review.review.standardId,
      {
        kind: "review",
        title: `Adopt the conclusions of review ${review.review.number}: ${review.review.title}`,
        description: conclusions,
        organisations: "",
        clauseId: null,
        revisionId: null,
        releaseId: null,
        reviewId,
      },
      now,
    );
    await tx.update(reviews).set({ conclusions }).where(eq(reviews.id, reviewId));
    await recordAudit(tx, {
      at: now,
      actorId: secretary.id,
      action: "reviews.conclusions_proposed",
      subjectType: "review",
      subjectId: reviewSubjectId(review.slug, review.review.number),
      details: { call: `${review.slug}/${call.number}` },
    });
    return { callNumber: call.number };
  });
}
