import type { FieldErrorCode } from "@/lib/errors";
import {
  type Answers,
  type AnswerValue,
  type Condition,
  MAX_TEXT_LENGTH,
  type Question,
  SCALE_MAX,
  SCALE_MIN,
} from "@/lib/reviews/questions";
import { OTHER } from "@/lib/reviews/survey-schema";
import { unifyLineBreaks } from "@/lib/validation";

/*
 * The rules of answering a survey: which questions are shown, and which responses are accepted.
 * Pure, so the anonymous form, the signed-in form and the demo's generated responses all go
 * through the same checks, and a refused response stores nothing.
 *
 * An answer's shape (questions.ts) settles two things the results and exports rely on:
 * - a choice's "other" entry is chosen when `other` holds its text: a single choice answered
 *   "other" is `{ choice: null, other }`, a multiple choice keeps `other` beside its `choices`;
 * - chosen keys and matrix rows are stored in the order the question lists them (an ordering in
 *   the person's order, of course), so equal responses are equal values.
 */

/** A condition's value in an answer: a choice's key, "other", or a scale's value as text. */
function conditionMet(answer: AnswerValue, equals: string): boolean {
  switch (answer.kind) {
    case "choice":
      return equals === OTHER ? answer.other !== undefined : answer.choice === equals;
    case "choices":
      return equals === OTHER ? answer.other !== undefined : answer.choices.includes(equals);
    case "scale":
      return String(answer.value) === equals;
    default:
      return false;
  }
}

/**
 * Whether a question is shown, given which earlier ones are. A question that depends on a hidden
 * one is hidden too, whatever that hidden one's answer says: the person never saw it. Conditions
 * name earlier questions only (survey-schema.ts), so walking in order settles every question.
 */
function shown(
  condition: Condition | undefined,
  shownSoFar: ReadonlySet<string>,
  answerOf: (id: string) => AnswerValue | undefined,
): boolean {
  if (!condition) return true;
  if (!shownSoFar.has(condition.questionId)) return false;
  const answer = answerOf(condition.questionId);
  return answer !== undefined && conditionMet(answer, condition.equals);
}

const ownAnswer = (answers: Answers, id: string): AnswerValue | undefined =>
  Object.hasOwn(answers, id) ? answers[id] : undefined;

/** The questions a person is shown, given the answers given so far, in the survey's order. */
export function visibleQuestions(questions: readonly Question[], answers: Answers): Question[] {
  const shownSoFar = new Set<string>();
  return questions.filter((question) => {
    if (!shown(question.showIf, shownSoFar, (id) => ownAnswer(answers, id))) return false;
    shownSoFar.add(question.id);
    return true;
  });
}

/** Control characters and lone surrogates only arrive forged, and some databases refuse NUL. */
const CONTROL_EXCEPT_LINES = /[^\P{Cc}\n\t]|\p{Cs}/u;
const LINE_BREAK = /\n/;

type Read<T> = { value: T | null } | { error: FieldErrorCode };
const none = { value: null } as const;
const refused = (error: FieldErrorCode) => ({ error });

/** A read's value made into another, a blank or a refusal passed on as they are. */
function mapRead<T, U>(read: Read<T>, make: (value: T) => U): Read<U> {
  if ("error" in read) return read;
  return read.value === null ? none : { value: make(read.value) };
}

/**
 * Free text, trimmed: empty is no answer; longer than the limit is refused rather than cut, as a
 * cut answer would say something its author did not write.
 */
function readText(raw: unknown, multiline: boolean): Read<string> {
  if (typeof raw !== "string") return refused("invalid");
  const text = unifyLineBreaks(raw).trim();
  if (text === "") return none;
  if (CONTROL_EXCEPT_LINES.test(text) || (!multiline && LINE_BREAK.test(text))) {
    return refused("invalid");
  }
  return text.length > MAX_TEXT_LENGTH ? refused("answer_too_long") : { value: text };
}

/** The text of a chosen "other" entry: it needs words, even when the question is optional. */
function readOther(raw: unknown, allowOther: boolean): Read<string> {
  if (!allowOther) return refused("choice_not_offered");
  const text = readText(raw, false);
  return "value" in text && text.value === null ? refused("required") : text;
}

const isRecord = (raw: unknown): raw is Record<string, unknown> =>
  typeof raw === "object" && raw !== null && !Array.isArray(raw);
const isScale = (raw: unknown): raw is number =>
  Number.isInteger(raw) && (raw as number) >= SCALE_MIN && (raw as number) <= SCALE_MAX;
const keysOf = (options: readonly { key: string }[]) => options.map(({ key }) => key);

/** One question's raw answer, checked against the question; `value: null` when left blank. */
function readAnswer(question: Question, raw: unknown): Read<AnswerValue> {
  if (raw === undefined) return none;
  if (!isRecord(raw)) return refused("invalid");
  switch (question.kind) {
    case "short_text":
    case "long_text": {
      if (raw.kind !== "text") return refused("invalid");
      return mapRead(readText(raw.text, question.kind === "long_text"), (text) => ({
        kind: "text",
        text,
      }));
    }
    case "single_choice": {
      if (raw.kind !== "choice") return refused("invalid");
      if (typeof raw.choice === "string") {
        if (!keysOf(question.options).includes(raw.choice)) return refused("choice_not_offered");
        // One choice and an "other" text at once is a forged answer, not a person's.
        if (raw.other !== undefined) return refused("invalid");
        return { value: { kind: "choice", choice: raw.choice } };
      }
      if (raw.choice !== null && raw.choice !== undefined) return refused("invalid");
      if (raw.other === undefined) return none;
      return mapRead(readOther(raw.other, question.allowOther), (other) => ({
        kind: "choice",
        choice: null,
        other,
      }));
    }
    case "multiple_choice": {
      if (raw.kind !== "choices" || !Array.isArray(raw.choices)) return refused("invalid");
      const offered = keysOf(question.options);
      const chosen: unknown[] = raw.choices;
      if (chosen.some((key) => typeof key !== "string" || !offered.includes(key))) {
        return refused("choice_not_offered");
      }
      if (new Set(chosen).size !== chosen.length) return refused("invalid");
      const choices = offered.filter((key) => chosen.includes(key));
      if (raw.other === undefined) {
        return choices.length === 0 ? none : { value: { kind: "choices", choices } };
      }
      return mapRead(readOther(raw.other, question.allowOther), (other) => ({
        kind: "choices",
        choices,
        other,
      }));
    }
    case "scale":
      if (raw.kind !== "scale" || !isScale(raw.value)) return refused("invalid");
      return { value: { kind: "scale", value: raw.value } };
    case "matrix": {
      if (raw.kind !== "matrix" || !isRecord(raw.values)) return refused("invalid");
      const rows = keysOf(question.rows);
      const given = raw.values;
      const keys = Object.keys(given);
      if (keys.some((key) => !rows.includes(key) || !isScale(given[key]))) {
        return refused("invalid");
      }
      if (keys.length === 0) return none;
      // A required matrix is answered row by row; an optional one may skip rows.
      if (question.required && keys.length < rows.length) return refused("required");
      const values = Object.fromEntries(
        rows.filter((row) => keys.includes(row)).map((row) => [row, given[row] as number]),
      );
      return { value: { kind: "matrix", values } };
    }
    case "ordering": {
      if (raw.kind !== "ordering" || !Array.isArray(raw.order)) return refused("invalid");
      const order: unknown[] = raw.order;
      if (order.length === 0) return none;
      const offered = keysOf(question.options);
      const permutation =
        order.length === offered.length &&
        new Set(order).size === order.length &&
        order.every((key) => typeof key === "string" && offered.includes(key));
      return permutation
        ? { value: { kind: "ordering", order: order as string[] } }
        : refused("invalid");
    }
  }
}

export type ResponseCheck =
  | { ok: true; answers: Answers }
  | { ok: false; fieldErrors: Record<string, FieldErrorCode> };

/**
 * A response, checked whole: every shown question answered as it allows, the required ones
 * answered at all. Answers to hidden questions are dropped unchecked: a form that works without
 * JavaScript shows every question, and what someone typed before changing an earlier answer is
 * not theirs to be refused for, nor ours to keep. An answer to a question the survey does not
 * have is refused (the form and the survey disagree). Any error refuses the whole response, so
 * nothing half-valid is ever stored. Field errors are keyed by question id.
 */
export function validateResponse(questions: readonly Question[], raw: unknown): ResponseCheck {
  if (!isRecord(raw)) return { ok: false, fieldErrors: { form: "invalid" } };
  const ids = new Set(questions.map(({ id }) => id));
  const errors = new Map<string, FieldErrorCode>();
  for (const id of Object.keys(raw)) if (!ids.has(id)) errors.set(id, "invalid");

  // Whether a question is shown depends on the accepted answers before it, so a refused answer
  // shows nothing that depends on it, and raises no second error there.
  const accepted = new Map<string, AnswerValue>();
  const shownSoFar = new Set<string>();
  for (const question of questions) {
    if (!shown(question.showIf, shownSoFar, (id) => accepted.get(id))) continue;
    shownSoFar.add(question.id);
    const read = readAnswer(
      question,
      Object.hasOwn(raw, question.id) ? raw[question.id] : undefined,
    );
    if ("error" in read) errors.set(question.id, read.error);
    else if (read.value) accepted.set(question.id, read.value);
    else if (question.required) errors.set(question.id, "required");
  }
  if (errors.size > 0) return { ok: false, fieldErrors: Object.fromEntries(errors) };
  return { ok: true, answers: Object.fromEntries(accepted) };
}

/**
 * A survey's questions for a new survey: a survey with responses keeps its questions, as its
 * answers mean what they asked, so a change is made on a copy. The copy's questions get fresh
 * ids, so no answer to the old survey can ever be read as one to the new, and its conditions
 * follow the questions they named. `newId` is for tests; ids are random by default.
 */
export function copyQuestions(
  questions: readonly Question[],
  newId: () => string = () => crypto.randomUUID(),
): Question[] {
  const renamed = new Map(questions.map(({ id }) => [id, newId()]));
  return questions.map((question) => {
    const copy = structuredClone(question);
    copy.id = renamed.get(question.id) ?? newId();
    // A condition naming no question of the list (never met) is left as it was: still never met.
    if (copy.showIf) {
      copy.showIf.questionId = renamed.get(copy.showIf.questionId) ?? copy.showIf.questionId;
    }
    return copy;
  });
}
