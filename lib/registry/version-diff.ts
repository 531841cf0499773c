import type { Answer, DeclarationBody } from "@/lib/registry/rules";
import { canonicalJson } from "@/lib/releases/content";

export type AnswerPart = "answer" | "justification" | "evidence";

export type AnswerChange =
  | { ref: string; change: "added"; after: Answer }
  | { ref: string; change: "removed"; before: Answer }
  | { ref: string; change: "changed"; before: Answer; after: Answer; parts: AnswerPart[] };

export type DeclarationDiff = {
  claimsChanged: boolean;
  productChanged: boolean;
  releaseChanged: boolean;
  /** In the newer version's order, then the clauses it no longer answers. */
  answers: AnswerChange[];
};

/** What changed between two published versions of a declaration, clause by clause. */
export function diffDeclarationBodies(
  before: DeclarationBody,
  after: DeclarationBody,
): DeclarationDiff {
  const same = (a: unknown, b: unknown) =>
    canonicalJson(a as Parameters<typeof canonicalJson>[0]) ===
    canonicalJson(b as Parameters<typeof canonicalJson>[0]);
  const old = new Map(before.answers.map((answer) => [answer.ref, answer]));
  const current = new Set(after.answers.map((answer) => answer.ref));
  const answers: AnswerChange[] = [];
  for (const answer of after.answers) {
    const prior = old.get(answer.ref);
    if (!prior) {
      answers.push({ ref: answer.ref, change: "added", after: answer });
      continue;
    }
    const parts: AnswerPart[] = [];
    if (prior.answer !== answer.answer) parts.push("answer");
    if (prior.justification !== answer.justification) parts.push("justification");
    if (!same(prior.evidence, answer.evidence)) parts.push("evidence");
    if (parts.length > 0) {
      answers.push({ ref: answer.ref, change: "changed", before: prior, after: answer, parts });
    }
  }
  for (const answer of before.answers) {
    if (!current.has(answer.ref))
      answers.push({ ref: answer.ref, change: "removed", before: answer });
  }
  return {
    claimsChanged: !same(before.claims, after.claims),
    productChanged: !same(before.product, after.product),
    releaseChanged: !same(before.release, after.release),
    answers,
  };
}

/** "3...5" as two distinct positive version numbers, or null. */
export function parseVersionRange(range: string): { from: number; to: number } | null {
  const match = /^(\d{1,9})\.\.\.(\d{1,9})$/.exec(range);
  if (!match) return null;
  const from = Number(match[1]);
  const to = Number(match[2]);
  if (from < 1 || to < 1 || from === to) return null;
  return { from, to };
}
