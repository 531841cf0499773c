import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { calls } from "@/lib/decisions/schema";
import { threads } from "@/lib/discussion/schema";
import { formatRef } from "@/lib/drafting/rules";
import { clauses, standards } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import {
  callSubjectId,
  callThreadPath,
  draftThreadPath,
  reviewSubjectId,
  reviewThreadPath,
} from "@/lib/paths";
import { reviews } from "@/lib/reviews/schema";

/**
 * Where a thread lives: on a clause (most threads, and objections to a clause's call), on a
 * call that has no clause, or in a review's own discussion. Audit entries, watches and links all follow from it.
 */
export type ThreadPlace = {
  standardId: string;
  moduleId: string | null;
  clauseId: string | null;
  /** "SW-4", "Call 3" for a call's own thread, or "Review 2". */
  label: string;
  /** The page that shows the thread, with its anchor. */
  path: string;
  audit: { subjectType: "clause" | "call" | "review"; subjectId: string };
};

export async function threadPlace(tx: Executor, threadId: string): Promise<ThreadPlace> {
  const [row] = await tx
    .select({
      threadId: threads.id,
      clause: clauses,
      callNumber: calls.number,
      callStandardId: calls.standardId,
      review: { number: reviews.number, standardId: reviews.standardId },
      slug: standards.slug,
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
    .where(eq(threads.id, threadId));
  if (!row) throw new DomainError("not_found");
  if (row.clause) {
    const ref = formatRef(row.clause.refCode, row.clause.refNumber);
    return {
      standardId: row.clause.standardId,
      moduleId: row.clause.moduleId,
      clauseId: row.clause.id,
      label: ref,
      path: draftThreadPath(row.slug, ref, threadId),
      audit: { subjectType: "clause", subjectId: ref },
    };
  }
  if (row.review) {
    return {
      standardId: row.review.standardId,
      moduleId: null,
      clauseId: null,
      label: `Review ${row.review.number}`,
      path: reviewThreadPath(row.slug, row.review.number, threadId),
      audit: { subjectType: "review", subjectId: reviewSubjectId(row.slug, row.review.number) },
    };
  }
  if (row.callNumber === null || row.callStandardId === null) throw new DomainError("not_found");
  return {
    standardId: row.callStandardId,
    moduleId: null,
    clauseId: null,
    label: `Call ${row.callNumber}`,
    path: callThreadPath(row.slug, row.callNumber, threadId),
    audit: { subjectType: "call", subjectId: callSubjectId(row.slug, row.callNumber) },
  };
}
