import { z } from "zod";
import type { ChallengeInput, MisuseInput } from "@/lib/challenges/filing";
import { textRules } from "@/lib/challenges/inputs";
import type { ResponseInput } from "@/lib/challenges/responses";
import { responseKinds, verdicts } from "@/lib/challenges/rules";
import { DomainError, type FieldErrors, fieldError, isFieldErrorCode } from "@/lib/errors";
import { evidenceProblem, parseEvidence } from "@/lib/registry/rules";

/*
 * The challenge forms' flat fields, read into the entry points' inputs. Each field's problem
 * is reported under the field's own name, so the form shows it next to the field; the entry
 * points check the same again (and what only the database knows: clauses, deadlines, limits).
 */

/** Any form, as posted: several checkboxes with names of their own, and text fields. */
export const postedForm = z.record(z.string(), z.union([z.string(), z.instanceof(Blob)]));
export type PostedForm = z.output<typeof postedForm>;

const text = (form: PostedForm, key: string) => {
  const value = form[key];
  return typeof value === "string" ? value : "";
};

function check<T>(
  schema: z.ZodType<T>,
  value: unknown,
  field: string,
  problems: FieldErrors,
): T | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message ?? "";
  problems[field] = isFieldErrorCode(message) ? message : "invalid";
  return undefined;
}

// The entry points' own rules, so a form refuses exactly what they would.
const {
  reasonText: reasonSchema,
  subjectName: line,
  seenAt: seenAtSchema,
  shortReason,
  rationaleText: rationaleSchema,
} = textRules;

/** One URL a line, each http(s), at most ten. */
function evidenceOf(form: PostedForm, field: string, problems: FieldErrors): string[] {
  const urls = parseEvidence(text(form, field));
  const problem = evidenceProblem(urls);
  if (problem) problems[field] = problem;
  return urls;
}

function done<T>(value: T, problems: FieldErrors): T {
  if (Object.keys(problems).length > 0) throw new DomainError("invalid_input", problems);
  return value;
}

/**
 * The filing form: `clause.<ref>` per clause ticked, or `whole` for the claim as a whole (which
 * wins: a challenge of everything names no clause), `reason`, `evidence`, `withhold`.
 */
export function challengeInputOf(form: PostedForm): ChallengeInput {
  const problems: FieldErrors = {};
  const number = Number(text(form, "number"));
  const whole = text(form, "whole") === "on";
  const clauses = Object.keys(form)
    .filter((key) => key.startsWith("clause.") && text(form, key) === "on")
    .map((key) => key.slice("clause.".length));
  if (!whole && clauses.length === 0) problems.clauses = "required";
  const reason = check(reasonSchema, text(form, "reason"), "reason", problems) ?? "";
  const evidence = evidenceOf(form, "evidence", problems);
  return done(
    {
      declarationNumber: Number.isSafeInteger(number) ? number : 0,
      clauses: whole ? [] : clauses,
      reason,
      evidence,
      withholdName: text(form, "withhold") === "on",
    },
    problems,
  );
}

/** The misuse report form. */
export function misuseInputOf(form: PostedForm): MisuseInput {
  const problems: FieldErrors = {};
  const standardSlug = text(form, "standard").trim();
  if (!standardSlug) problems.standard = "required";
  const subjectName = check(line, text(form, "subjectName"), "subjectName", problems) ?? "";
  const seenAt = check(seenAtSchema, text(form, "seenAt"), "seenAt", problems) ?? "";
  const subjectUrl = text(form, "subjectUrl").trim();
  if (!subjectUrl) problems.subjectUrl = "required";
  else if (evidenceProblem([subjectUrl])) problems.subjectUrl = "invalid_url";
  const reason = check(reasonSchema, text(form, "reason"), "reason", problems) ?? "";
  const evidence = evidenceOf(form, "evidence", problems);
  return done(
    {
      standardSlug,
      subjectName,
      seenAt,
      subjectUrl,
      reason,
      evidence,
      withholdName: text(form, "withhold") === "on",
    },
    problems,
  );
}

/** The declarant's response: cure, dispute or withdraw, with words and evidence. */
export function responseInputOf(form: PostedForm): ResponseInput {
  const problems: FieldErrors = {};
  const response = check(
    z.enum(responseKinds, fieldError("required")),
    form.response,
    "response",
    problems,
  );
  const responseText = check(reasonSchema, text(form, "text"), "text", problems) ?? "";
  const evidence = evidenceOf(form, "evidence", problems);
  return done({ response: response ?? "dispute", text: responseText, evidence }, problems);
}

/** A reason alone: withdrawing a challenge, appealing a decision. */
export function reasonOf(form: PostedForm): string {
  const problems: FieldErrors = {};
  const reason = check(shortReason, text(form, "reason"), "reason", problems) ?? "";
  return done(reason, problems);
}

const choices = [...verdicts, "recuse"] as const;

/** A vote: its stage (from the phase the form was shown in), choice and rationale. */
export function voteInputOf(form: PostedForm) {
  const problems: FieldErrors = {};
  const stage = check(z.enum(["ag", "sc"], fieldError("invalid")), form.stage, "stage", problems);
  const choice = check(z.enum(choices, fieldError("required")), form.choice, "choice", problems);
  const rationale = check(rationaleSchema, text(form, "rationale"), "rationale", problems) ?? "";
  return done({ stage: stage ?? "ag", choice: choice ?? "recuse", rationale }, problems);
}

/** The challenge's number from a hidden field; 0 (never a challenge) when it is not one. */
export function numberOf(form: PostedForm): number {
  const number = Number(text(form, "number"));
  return Number.isSafeInteger(number) && number > 0 ? number : 0;
}
