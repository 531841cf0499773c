import type { z } from "zod";
import { responseKinds } from "@/lib/challenges/rules";
import { DomainError, type FieldErrorCode, type FieldErrors, isFieldErrorCode } from "@/lib/errors";
import { evidenceProblem, isWebUrl, parseEvidence } from "@/lib/registry/rules";
import { plainLine, plainText } from "@/lib/validation";

/*
 * What people type into the challenge forms, checked field by field. The mutations parse their
 * input with these, so a direct call is held to the same rules as a form; a problem is refused
 * next to its field, under the input's own field names.
 */

export const MAX_REASON = 5000;
/** More references than any claim answers: a list this long is not a challenge of clauses. */
const MAX_CLAUSES = 500;

const reasonText = plainText(MAX_REASON, { required: true });
const subjectName = plainLine(200);
const seenAt = plainLine(500);
const shortReason = plainText(2000, { required: true });
const rationaleText = plainText(4000, { required: true });

/** The texts' rules, for the forms (lib/challenges/form-input.ts) to check the same. */
export const textRules = { reasonText, subjectName, seenAt, shortReason, rationaleText };

/** The first problem zod found, as a field error code. */
function codeOf(error: z.ZodError): FieldErrorCode {
  const message = error.issues[0]?.message ?? "";
  return isFieldErrorCode(message) ? message : "invalid";
}

/** A parsed text, or its problem under `field` (and the raw text back, to go on checking). */
function parsed(schema: z.ZodType<string>, value: unknown, field: string, problems: FieldErrors) {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  problems[field] = codeOf(result.error);
  return "";
}

/** Evidence URLs as the registry takes them: one per line, blanks dropped, at most ten, web only. */
export function parseEvidenceList(
  evidence: unknown,
  problems: FieldErrors,
  field = "evidence",
): string[] {
  const lines = Array.isArray(evidence)
    ? evidence.filter((line): line is string => typeof line === "string")
    : typeof evidence === "string"
      ? [evidence]
      : [];
  const urls = parseEvidence(lines.join("\n"));
  const problem = evidenceProblem(urls);
  if (problem) problems[field] = problem;
  return urls;
}

/** Clause references as typed: trimmed, blanks dropped, each once. Checked against the claim later. */
export function parseClauseRefs(clauses: unknown, problems: FieldErrors): string[] {
  const refs = Array.isArray(clauses)
    ? clauses.filter((ref): ref is string => typeof ref === "string").map((ref) => ref.trim())
    : [];
  const unique = [...new Set(refs.filter((ref) => ref !== ""))];
  if (unique.length > MAX_CLAUSES) problems.clauses = "too_large";
  return unique;
}

/** Refuses with every problem found, or does nothing. */
export function refuseIf(problems: FieldErrors): void {
  if (Object.keys(problems).length > 0) throw new DomainError("invalid_input", problems);
}

export function parseReason(value: unknown, problems: FieldErrors, field = "reason"): string {
  return parsed(reasonText, value, field, problems);
}

export function parseMisuseSubject(
  input: { subjectName: unknown; seenAt: unknown; subjectUrl: unknown },
  problems: FieldErrors,
): { subjectName: string; seenAt: string; subjectUrl: string } {
  const url = typeof input.subjectUrl === "string" ? input.subjectUrl.trim() : "";
  if (url === "") problems.subjectUrl = "required";
  else if (!isWebUrl(url)) problems.subjectUrl = url.length > 2000 ? "too_long" : "invalid_url";
  return {
    subjectName: parsed(subjectName, input.subjectName, "subjectName", problems),
    seenAt: parsed(seenAt, input.seenAt, "seenAt", problems),
    subjectUrl: url,
  };
}

/** The declarant's response: how, in what words (required, even for a withdrawal), with what. */
export function parseResponse(
  input: { response: unknown; text: unknown; evidence: unknown },
  problems: FieldErrors,
): { response: (typeof responseKinds)[number]; text: string; evidence: string[] } {
  const response = responseKinds.find((kind) => kind === input.response);
  if (!response) problems.response = "required";
  return {
    response: response ?? "dispute",
    text: parsed(reasonText, input.text, "text", problems),
    evidence: parseEvidenceList(input.evidence, problems),
  };
}

/** A withdrawal's or an appeal's reason: public, one short text. */
export function parseShortReason(value: unknown): string {
  const problems: FieldErrors = {};
  const reason = parsed(shortReason, value, "reason", problems);
  refuseIf(problems);
  return reason;
}

/** A vote's rationale: required, as the rules say, and plain text. */
export function parseRationale(value: unknown): string {
  const problems: FieldErrors = {};
  const rationale = parsed(rationaleText, value, "rationale", problems);
  refuseIf(problems);
  return rationale;
}
