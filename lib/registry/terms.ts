import "server-only";
import type { Executor } from "@/lib/db/client";
import { charterOf } from "@/lib/decisions/charter";
import { defaultCharter } from "@/lib/decisions/rules";

/** The charter's numbers for the mark: a listing's term, the transition period, reviews. */
export type MarkTerms = {
  listingTermMonths: number;
  transitionDays: number;
  /** "none", "all", or the name of the lowest level whose claims wait for a review. */
  declarationReview: string;
};

/** The charter's defaults: one source for governance and the mark alike. */
export const defaultMarkTerms: MarkTerms = {
  listingTermMonths: defaultCharter.listingTermMonths,
  transitionDays: defaultCharter.transitionDays,
  declarationReview: defaultCharter.declarationReview,
};

/** The mark's terms as the standard's charter sets them now. */
export async function markTermsOf(tx: Executor, standardId: string): Promise<MarkTerms> {
  const { listingTermMonths, transitionDays, declarationReview } = await charterOf(tx, standardId);
  return { listingTermMonths, transitionDays, declarationReview };
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
