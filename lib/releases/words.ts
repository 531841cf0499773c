/**
 * The words of a text, case kept: RFC 8174 makes "MUST" normative and "must" not, so a change of
 * case is a change of meaning. Whitespace and punctuation are dropped because rewrapping a line or
 * fixing a comma does not change what a clause requires.
 */
export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Whether two texts say the same words in the same order. */
export function sameWords(a: string, b: string): boolean {
  const left = wordsOf(a);
  const right = wordsOf(b);
  return left.length === right.length && left.every((word, index) => word === right[index]);
}
