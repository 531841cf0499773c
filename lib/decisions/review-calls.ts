import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Transaction } from "@/lib/db/client";
import { callSubjectId, reviewSubjectId } from "@/lib/paths";
import { reviews } from "@/lib/reviews/schema";

/**
 * A review call adopted: its review is concluded, in the transaction that decided the call. The
 * review's domain sits above this one, so only its table is touched here. A call rejected,
 * returned or withdrawn leaves the review open, and the secretariat may propose again.
 */
export async function concludeReview(
  tx: Transaction,
  call: { reviewId: string | null; slug: string; number: number },
  now: Date,
): Promise<void> {
  if (!call.reviewId) return;
  const [review] = await tx
    .update(reviews)
    .set({ concludedAt: now })
    .where(and(eq(reviews.id, call.reviewId), isNull(reviews.concludedAt)))
    .returning({ number: reviews.number });
  if (!review) return;
  await recordAudit(tx, {
    at: now,
    actorId: null,
    action: "reviews.concluded",
    subjectType: "review",
    subjectId: reviewSubjectId(call.slug, review.number),
    details: { call: callSubjectId(call.slug, call.number) },
  });
}
