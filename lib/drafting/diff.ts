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

/** Words as a reader counts them: runs of letters and digits; spaces and punctuation are not. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/** How many words a change kept, and how many each side has. */
export type WordTally = { kept: number; before: number; after: number };

export function tallyWords(parts: DiffPart[]): WordTally {
  const tally = { kept: 0, before: 0, after: 0 };
  for (const part of parts) {
    const words = countWords(part.text);
    if (part.kind === "same") tally.kept += words;
    if (part.kind !== "added") tally.before += words;
    if (part.kind !== "removed") tally.after += words;
  }
  return tally;
}

/**
 * Whether a text was rewritten rather than edited: fewer than half the words of its longer
 * version survive. Interleaving the words of a rewrite leaves fragments of two sentences that
 * read as neither, so a rewrite is shown as the old text beside the new one. Measured on the
 * longer side, the rule says the same whichever way round two versions are compared. Text
 * written where there was none, or all taken out, is an addition or a removal, not a rewrite.
 */
export function isRewrite({ kept, before, after }: WordTally): boolean {
  return before > 0 && after > 0 && kept * 2 < Math.max(before, after);
}

/**
 * How a reader asked to see changes: `auto` interleaves the words of small edits and sets
 * rewrites side by side; `side` sets every change side by side; `inline` interleaves them all.
 */
export const diffViews = ["auto", "side", "inline"] as const;
export type DiffView = (typeof diffViews)[number];

/** The view named by a `?view=` parameter; anything else is the automatic one. */
export function parseDiffView(value: string | string[] | undefined): DiffView {
  return value === "side" || value === "inline" ? value : "auto";
}
