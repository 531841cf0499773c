import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { charters } from "@/lib/decisions/schema";

/** The charter's numbers for the mark: a listing's term, the transition period, reviews. */
export type MarkTerms = {
  listingTermMonths: number;
  transitionDays: number;
  /** "none", "all", or the name of the lowest level whose claims wait for a review. */
  declarationReview: string;
};

export const defaultMarkTerms: MarkTerms = {
  listingTermMonths: 12,
  transitionDays: 180,
  declarationReview: "none",
};

export async function markTermsOf(tx: Executor, standardId: string): Promise<MarkTerms> {
  const [row] = await tx
    .select({
      listingTermMonths: charters.listingTermMonths,
      transitionDays: charters.transitionDays,
      declarationReview: charters.declarationReview,
    })
    .from(charters)
    .where(eq(charters.standardId, standardId));
  return row ?? defaultMarkTerms;
}

/**
 * Whether claims wait for an advisory-group review before listing: always, never, or when any
 * module is claimed at the charter's level or above (`levels` lowest first).
 */
export function needsReview(terms: MarkTerms, claimedLevels: string[], levels: string[]): boolean {
  if (terms.declarationReview === "none") return false;
  if (terms.declarationReview === "all") return true;
  const from = levels.indexOf(terms.declarationReview);
  if (from === -1) return false;
  return claimedLevels.some((level) => levels.indexOf(level) >= from);
}
