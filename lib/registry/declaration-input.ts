import { z } from "zod";
import { DomainError, type FieldErrors, fieldError, isFieldErrorCode } from "@/lib/errors";
import {
  type AnswerKind,
  type Claim,
  evidenceProblem,
  isWebUrl,
  MAX_JUSTIFICATION,
  type Product,
  parseEvidence,
} from "@/lib/registry/rules";
import { plainLine, plainText } from "@/lib/validation";

/*
 * What representatives type into a declaration, checked field by field. The mutations parse
 * their input with these (so a direct call is held to the same rules as the form), and the
 * form's actions turn flat form fields (`answers.SW-1.evidence`) into it.
 */

const webUrl = z
  .string(fieldError("required"))
  .trim()
  .min(1, fieldError("required"))
  .max(500, fieldError("too_long"))
  .refine(isWebUrl, fieldError("invalid_url"));

export const productSchema = z.object({
  name: plainLine(120),
  model: plainLine(120, { required: false }),
  url: webUrl,
  category: plainLine(80, { required: false }),
});

export type AnswerInput = {
  ref: string;
  answer: AnswerKind | "";
  justification: string;
  evidence: string[];
};

export type StartInput = { standard: string; release: string; product: Product };
export type SaveInput = {
  release: string;
  product: Product;
  claims: Claim[];
  answers: AnswerInput[];
};

const answerKind = z.enum(["met", "not_applicable", "not_met", ""], fieldError("invalid"));
const justification = plainText(MAX_JUSTIFICATION, { markup: true });

function prefixed(prefix: string, error: z.ZodError, into: FieldErrors): void {
  for (const issue of error.issues) {
    const key = issue.path.length ? `${prefix}.${issue.path.join(".")}` : prefix;
    into[key] ??= isFieldErrorCode(issue.message) ? issue.message : "invalid";
  }
}

/** The product's fields, parsed, or their problems under `product.<field>`. */
export function parseProduct(product: Product, problems: FieldErrors): Product {
  const parsed = productSchema.safeParse(product);
  if (parsed.success) return parsed.data;
  prefixed("product", parsed.error, problems);
  return product;
}

/**
 * Answers parsed one by one, with their problems keyed next to their fields. An answer with
 * words but no choice is refused (the choice is what is public first); one left entirely
 * empty is simply not an answer yet.
 */
export function parseAnswers(answers: AnswerInput[], problems: FieldErrors): AnswerInput[] {
  const parsed: AnswerInput[] = [];
  for (const answer of answers) {
    const key = `answers.${answer.ref}`;
    const kind = answerKind.safeParse(answer.answer);
    const text = justification.safeParse(answer.justification);
    if (!kind.success) problems[`${key}.answer`] = "invalid";
    if (!text.success) prefixed(`${key}.justification`, text.error, problems);
    const evidence = answer.evidence.map((url) => url.trim()).filter((url) => url !== "");
    const problem = evidenceProblem(evidence);
    if (problem) problems[`${key}.evidence`] = problem;
    if (!kind.success || !text.success) continue;
    if (kind.data === "" && (text.data !== "" || evidence.length > 0)) {
      problems[`${key}.answer`] = "required";
    }
    parsed.push({ ref: answer.ref, answer: kind.data, justification: text.data, evidence });
  }
  return parsed;
}

/** Throws the problems as one refusal, if there are any. */
export function refuseIf(problems: FieldErrors): void {
  if (Object.keys(problems).length > 0) throw new DomainError("invalid_input", problems);
}

/** The flat fields of the new-declaration form: `release` is "standard@version". */
export const startFormSchema = z.object({
  release: z.string(fieldError("required")).min(1, fieldError("unknown_release")),
  "product.name": z.string().default(""),
  "product.model": z.string().default(""),
  "product.url": z.string().default(""),
  "product.category": z.string().default(""),
  organisation: z.string(fieldError("required")),
});

export function startInputOf(form: z.output<typeof startFormSchema>): StartInput {
  const at = form.release.lastIndexOf("@");
  return {
    standard: at > 0 ? form.release.slice(0, at) : "",
    release: at > 0 ? form.release.slice(at + 1) : "",
    product: {
      name: form["product.name"],
      model: form["product.model"],
      url: form["product.url"],
      category: form["product.category"],
    },
  };
}

/** The edit form's fields, as strings; `saveInputOf` gives them their shape. */
export const editFormSchema = z.record(z.string(), z.union([z.string(), z.instanceof(Blob)]));

/**
 * The edit form, read: `claims.<module>` is a level or "" (out of scope); each clause shown
 * sends `answers.<ref>.answer`, `.justification` and `.evidence` (one URL per line).
 */
export function saveInputOf(form: Record<string, unknown>): SaveInput {
  const text = (key: string) => {
    const value = form[key];
    return typeof value === "string" ? value : "";
  };
  const claims: Claim[] = [];
  const refs = new Set<string>();
  for (const key of Object.keys(form)) {
    const claim = /^claims\.(.+)$/.exec(key);
    if (claim?.[1] && text(key) !== "") claims.push({ module: claim[1], level: text(key) });
    const answer = /^answers\.(.+)\.answer$/.exec(key);
    if (answer?.[1]) refs.add(answer[1]);
  }
  return {
    release: text("release"),
    product: {
      name: text("product.name"),
      model: text("product.model"),
      url: text("product.url"),
      category: text("product.category"),
    },
    claims,
    answers: [...refs].map((ref) => ({
      ref,
      answer: text(`answers.${ref}.answer`) as AnswerKind | "",
      justification: text(`answers.${ref}.justification`),
      evidence: parseEvidence(text(`answers.${ref}.evidence`)),
    })),
  };
}
