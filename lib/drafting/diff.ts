import { diffWordsWithSpace } from "diff";

export type DiffPart = { kind: "same" | "added" | "removed"; text: string };

/** Word-level differences between two texts, as a reader sees redlines. */
export function diffWords(before: string, after: string): DiffPart[] {
  return diffWordsWithSpace(before, after).map((change) => ({
    kind: change.added ? "added" : change.removed ? "removed" : "same",
    text: change.value,
  }));
}

export function hasChanges(parts: DiffPart[]): boolean {
  return parts.some((part) => part.kind !== "same");
}
