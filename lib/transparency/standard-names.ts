import type { Place } from "@/lib/transparency/sentence";

/**
 * Whether a page of the record shows entries of more than one standard. Then "call 3" or
 * "release 1.1.0" could be either standard's, and each entry names its own.
 */
export function namesStandards(entries: { place: Place | null }[]): boolean {
  return new Set(entries.flatMap(({ place }) => (place ? [place.slug] : []))).size > 1;
}
