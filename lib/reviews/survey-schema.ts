import { z } from "zod";
import { type FieldErrorCode, fieldError, isFieldErrorCode } from "@/lib/errors";
import type { Question } from "@/lib/reviews/questions";
import { plainLine, plainText } from "@/lib/validation";

/*
 * What the secretariat may define as a survey's questions. The bounds keep a survey answerable
 * on a phone and its results chartable: a choice of more than 20 options is not read, a matrix of
 * more than 15 rows is not answered honestly, and a survey of more than 50 questions is dropped
 * half way through.
 */

export const MAX_QUESTIONS = 50;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 20;
export const MAX_ROWS = 15;
export const MAX_PROMPT = 500;
export const MAX_HELP = 1000;
export const MAX_OPTION_LABEL = 200;
export const MAX_SCALE_LABEL = 60;

/**
 * The choice value that selects a choice's free-text "other" entry (survey-rules.ts). It is
 * never an option's key, so an answer "other" cannot mean two things.
 */
export const OTHER = "other";

/**
 * Ids and keys become parts of form field names (`q.<id>.<rowKey>`, survey-rules.ts) and CSV
 * headers, so they are slug-like and never contain the dot that separates those parts. Ids allow
 * 64 characters so that a copy's random UUIDs fit.
 */
export const QUESTION_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const OPTION_KEY = /^[a-z0-9][a-z0-9_-]{0,39}$/;

const questionId = z.string(fieldError("required")).regex(QUESTION_ID, fieldError("invalid"));
const optionKey = z.string(fieldError("required")).regex(OPTION_KEY, fieldError("invalid"));
const option = z.object(
  { key: optionKey, label: plainLine(MAX_OPTION_LABEL) },
  fieldError("invalid"),
);
const scaleLabel = plainLine(MAX_SCALE_LABEL, { required: false }).default("");

const options = (min: number, max: number) =>
  z
    .array(option, fieldError("required"))
    .min(min, fieldError("option_count"))
    .max(max, fieldError("option_count"));

const common = {
  id: questionId,
  prompt: plainLine(MAX_PROMPT),
  // An empty help text is no help text: leave it out rather than store "".
  help: plainText(MAX_HELP)
    .optional()
    .transform((help) => help || undefined),
  required: z.boolean(fieldError("invalid")).default(false),
  showIf: z
    .object(
      {
        questionId: z.string(fieldError("required")),
        equals: z.string(fieldError("required")),
      },
      fieldError("invalid_condition"),
    )
    .optional(),
};

const variants = z.discriminatedUnion(
  "kind",
  [
    z.object({ ...common, kind: z.enum(["short_text", "long_text"]) }),
    z.object({
      ...common,
      kind: z.enum(["single_choice", "multiple_choice"]),
      options: options(MIN_OPTIONS, MAX_OPTIONS),
      allowOther: z.boolean(fieldError("invalid")).default(false),
    }),
    z.object({ ...common, kind: z.literal("scale"), lowLabel: scaleLabel, highLabel: scaleLabel }),
    z.object({
      ...common,
      kind: z.literal("matrix"),
      rows: options(1, MAX_ROWS),
      lowLabel: scaleLabel,
      highLabel: scaleLabel,
    }),
    z.object({
      ...common,
      kind: z.literal("ordering"),
      options: options(MIN_OPTIONS, MAX_OPTIONS),
    }),
  ],
  fieldError("invalid"),
);

/** One question; the checks that need the questions before it are `surveyQuestionsSchema`'s. */
export const questionSchema = variants.superRefine((question, ctx) => {
  const keyed = "options" in question ? question.options : "rows" in question ? question.rows : [];
  const field = "rows" in question ? "rows" : "options";
  const seen = new Set<string>();
  keyed.forEach(({ key }, index) => {
    if (seen.has(key)) {
      ctx.addIssue({ code: "custom", path: [field, index, "key"], message: "duplicate_key" });
    } else if (key === OTHER && question.kind !== "matrix") {
      // Reserved for the "other" entry, whether or not this question offers it today.
      ctx.addIssue({ code: "custom", path: [field, index, "key"], message: "invalid" });
    }
    seen.add(key);
  });
});

/** The values a condition may test an earlier question for, or none if it cannot be tested. */
function conditionValues(question: Question): string[] {
  switch (question.kind) {
    case "single_choice":
    case "multiple_choice":
      return [...question.options.map(({ key }) => key), ...(question.allowOther ? [OTHER] : [])];
    case "scale":
      return ["1", "2", "3", "4", "5"];
    default:
      // Text, matrices and orderings have no single value a condition could name.
      return [];
  }
}

/**
 * A survey's questions, in the order they are asked. A condition names an earlier question only,
 * so one pass in order decides what is shown (survey-rules.ts) and no condition can loop.
 */
export const surveyQuestionsSchema = z
  .array(questionSchema, fieldError("required"))
  .min(1, fieldError("required"))
  .max(MAX_QUESTIONS, fieldError("too_long"))
  .superRefine((questions, ctx) => {
    const earlier = new Map<string, Question>();
    questions.forEach((question, index) => {
      if (earlier.has(question.id)) {
        ctx.addIssue({ code: "custom", path: [index, "id"], message: "duplicate_key" });
      }
      const condition = question.showIf;
      if (condition) {
        const target = earlier.get(condition.questionId);
        if (!target || !conditionValues(target).includes(condition.equals)) {
          ctx.addIssue({ code: "custom", path: [index, "showIf"], message: "invalid_condition" });
        }
      }
      if (!earlier.has(question.id)) earlier.set(question.id, question);
    });
  });

export type QuestionsCheck =
  | { ok: true; questions: Question[] }
  | { ok: false; fieldErrors: Record<string, FieldErrorCode> };

/**
 * Parses a survey's questions, with field errors named by their path (`3.options.1.key`), the
 * first problem of each, so an editor can show each beside its field.
 */
export function checkQuestions(raw: unknown): QuestionsCheck {
  const parsed = surveyQuestionsSchema.safeParse(raw);
  // Typed as the shared vocabulary, so a schema that drifts from it fails to compile here.
  if (parsed.success) return { ok: true, questions: parsed.data };
  const fieldErrors = new Map<string, FieldErrorCode>();
  for (const issue of parsed.error.issues) {
    const path = issue.path.length > 0 ? issue.path.join(".") : "questions";
    if (!fieldErrors.has(path)) fieldErrors.set(path, codeOf(issue.message));
  }
  return { ok: false, fieldErrors: Object.fromEntries(fieldErrors) };
}

/** An issue raised by zod itself (a wrong type, say) rather than by a rule above is "invalid". */
function codeOf(message: string): FieldErrorCode {
  return isFieldErrorCode(message) ? message : "invalid";
}
