import { createHash } from "node:crypto";
import type { FieldErrors } from "@/lib/errors";
import {
  canonicalJson,
  clausesRequiredAt,
  type ReleaseClause,
  type ReleaseContent,
} from "@/lib/releases/content";

/*
 * The registry's pure rules: which clauses a claim requires, what a complete answer is, the
 * canonical form a published version is hashed in, and what a listing's badge may say.
 */

export type AnswerKind = "met" | "not_applicable" | "not_met";

/** One required clause, answered. `evidence` is empty unless the answer is "met". */
export type Answer = {
  ref: string;
  answer: AnswerKind;
  justification: string;
  evidence: string[];
};

/** A level claimed for one module of the release ("Silver" for "SW"). */
export type Claim = { module: string; level: string };

export type Product = { name: string; model: string; url: string; category: string };

/**
 * What a declaration says, as its representatives edit it and as each published version freezes
 * it. The release is named by version and digest, so a version pins the exact text it answers.
 */
export type DeclarationBody = {
  standard: string;
  release: { version: string; digest: string };
  product: Product;
  claims: Claim[];
  answers: Answer[];
};

export const MAX_JUSTIFICATION = 2000;
export const MAX_EVIDENCE_PER_ANSWER = 10;

/** The clauses a claim requires, in release order: each module's clauses at or below its level. */
export function requiredClauses(content: ReleaseContent, claims: Claim[]): ReleaseClause[] {
  const required = new Set<string>();
  for (const claim of claims) {
    for (const clause of clausesRequiredAt(content, claim.level)) {
      if (clause.moduleCode === claim.module) required.add(clause.ref);
    }
  }
  return content.clauses.filter((clause) => required.has(clause.ref));
}

/** Problems with the claims themselves, under `claims` or `claims.<module>`. */
export function claimProblems(content: ReleaseContent, claims: Claim[]): FieldErrors {
  const problems: FieldErrors = {};
  if (claims.length === 0) problems.claims = "no_modules_in_scope";
  const modules = new Set(content.modules.map((module) => module.code));
  const levels = new Set(content.levels.map((level) => level.name));
  const seen = new Set<string>();
  for (const claim of claims) {
    const key = `claims.${claim.module}`;
    if (!modules.has(claim.module)) problems[key] = "unknown_module";
    else if (!levels.has(claim.level)) problems[key] = "unknown_level";
    else if (seen.has(claim.module)) problems[key] = "invalid";
    seen.add(claim.module);
  }
  return problems;
}

/** An http(s) URL with a host, as evidence must be. */
export function isWebUrl(value: string): boolean {
  if (value.length > 2000 || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** Evidence as typed, one URL per line: trimmed, blank lines dropped, repeats kept once. */
export function parseEvidence(text: string): string[] {
  const urls = text
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  return [...new Set(urls)];
}

/** What is wrong with a list of evidence URLs, if anything: too many, or one not http(s). */
export function evidenceProblem(urls: string[]): "too_large" | "invalid_url" | null {
  if (urls.length > MAX_EVIDENCE_PER_ANSWER) return "too_large";
  if (!urls.every(isWebUrl)) return "invalid_url";
  return null;
}

/**
 * What keeps the answers from being published, by field (`answers.<ref>.<part>`): every required
 * clause answered; a MUST clause met or not applicable, never "not met"; "met" with at least one
 * http(s) evidence URL; every answer justified in at most 2,000 characters. Answers to clauses
 * the claim does not require are ignored (they are dropped at publication).
 */
export function answerProblems(required: ReleaseClause[], answers: Answer[]): FieldErrors {
  const byRef = new Map(answers.map((answer) => [answer.ref, answer]));
  const problems: FieldErrors = {};
  for (const clause of required) {
    const key = `answers.${clause.ref}`;
    const answer = byRef.get(clause.ref);
    if (!answer) {
      problems[`${key}.answer`] = "required";
      continue;
    }
    if (answer.answer === "not_met" && clause.strength === "MUST") {
      problems[`${key}.answer`] = "must_be_met";
    }
    const justification = answer.justification.trim();
    if (justification === "") problems[`${key}.justification`] = "required";
    else if (justification.length > MAX_JUSTIFICATION) {
      problems[`${key}.justification`] = "too_long";
    }
    if (answer.answer === "met") {
      if (answer.evidence.length === 0) problems[`${key}.evidence`] = "evidence_required";
      else {
        const problem = evidenceProblem(answer.evidence);
        if (problem) problems[`${key}.evidence`] = problem;
      }
    }
  }
  return problems;
}

/**
 * The body as a version freezes it: only the required clauses' answers, in release order, with
 * evidence only on "met" answers and justifications trimmed.
 */
export function publishedBody(content: ReleaseContent, body: DeclarationBody): DeclarationBody {
  const byRef = new Map(body.answers.map((answer) => [answer.ref, answer]));
  const moduleOrder = content.modules.map((module) => module.code);
  return {
    standard: content.standard.slug,
    release: { version: content.version, digest: body.release.digest },
    product: body.product,
    claims: [...body.claims].sort(
      (a, b) => moduleOrder.indexOf(a.module) - moduleOrder.indexOf(b.module),
    ),
    answers: requiredClauses(content, body.claims).flatMap((clause) => {
      const answer = byRef.get(clause.ref);
      if (!answer) return [];
      return [
        {
          ref: clause.ref,
          answer: answer.answer,
          justification: answer.justification.trim(),
          evidence: answer.answer === "met" ? answer.evidence : [],
        },
      ];
    }),
  };
}

/** SHA-256 (hex) of a version's canonical JSON, as its page shows and anyone can recompute. */
export function declarationDigest(body: DeclarationBody): string {
  return createHash("sha256").update(canonicalJson(body), "utf8").digest("hex");
}

/** Whether two bodies say the same thing (a reaffirmation without changes). */
export function sameBody(a: DeclarationBody, b: DeclarationBody): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export type DeclarationState =
  | "draft"
  | "pending_review"
  | "listed"
  | "lapsed"
  | "withdrawn"
  | "struck_off";

/** The states a listing leaves the registry's current list in, but never the record. */
export const closedStates: readonly DeclarationState[] = ["lapsed", "withdrawn", "struck_off"];

/** "Silver for Software and Data, Bronze for Hardware": levels grouped, highest first. */
export function claimSummary(content: Pick<ReleaseContent, "modules" | "levels">, claims: Claim[]) {
  const moduleName = new Map(content.modules.map((module) => [module.code, module.name]));
  const rank = new Map(content.levels.map((level, index) => [level.name, index]));
  const byLevel = new Map<string, string[]>();
  const moduleOrder = content.modules.map((module) => module.code);
  for (const claim of [...claims].sort(
    (a, b) => moduleOrder.indexOf(a.module) - moduleOrder.indexOf(b.module),
  )) {
    const names = byLevel.get(claim.level) ?? [];
    names.push(moduleName.get(claim.module) ?? claim.module);
    byLevel.set(claim.level, names);
  }
  return [...byLevel.entries()]
    .sort(([a], [b]) => (rank.get(b) ?? 0) - (rank.get(a) ?? 0))
    .map(([level, names]) => ({ level, modules: names }));
}

const DAY = 24 * 60 * 60 * 1000;

/** A term of `months` calendar months from `from`, in UTC. */
export function addMonths(from: Date, months: number): Date {
  const end = new Date(from);
  end.setUTCMonth(end.getUTCMonth() + months);
  return end;
}

/**
 * The reminder due for a listing now, if any: 30 days before it ends, then 7, each once per term
 * (`remindedDays` is the last one sent).
 */
export function reminderDue(
  expiresAt: Date,
  remindedDays: number | null,
  now: Date,
): 30 | 7 | null {
  const left = (expiresAt.getTime() - now.getTime()) / DAY;
  if (left <= 0) return null;
  if (left <= 7 && remindedDays !== 7) return 7;
  if (left <= 30 && remindedDays !== 30 && remindedDays !== 7) return 30;
  return null;
}
