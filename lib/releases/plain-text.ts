import type { RichText } from "@/lib/drafting/rich-text";

/**
 * Plain text of one rich-text field: blocks and list items on their own lines, hard breaks as
 * newlines. It follows the collab server's `plainTextOf`, kept here without the editor schema and
 * Yjs so that reading and comparing releases stays free of the collaboration stack.
 */
export function plainTextOf(json: RichText): string {
  if (json.type === "text") return json.text ?? "";
  if (json.type === "hardBreak") return "\n";
  const inner = (json.content ?? []).map(plainTextOf);
  return json.type === "paragraph" ? inner.join("") : inner.join("\n");
}

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
