import { type AnswerValue, type Option, SCALE_MAX, SCALE_MIN } from "./questions";

/*
 * One reading of a stored answer, shared by the results and the exports so that a figure in a
 * chart and a cell in a download can never disagree. Answers are checked when they are submitted
 * (survey-rules.ts); these readings are lenient all the same, because a response outlives the
 * code that checked it: an answer of the wrong kind, a key no longer offered or a value off the
 * scale is read as no answer rather than counted or shown.
 */

/** Whether free text says anything: whitespace alone is a blank, and a blank is no answer. */
export function hasText(text: string | undefined): text is string {
  return text !== undefined && text.trim() !== "";
}

/** A scale's value when it is a whole number on the scale, else null. */
export function scaleValue(value: unknown): number | null {
  return typeof value === "number" &&
    Number.isInteger(value) &&
    value >= SCALE_MIN &&
    value <= SCALE_MAX
    ? value
    : null;
}

/** Each option's position in a list, so an answer's keys are looked up once, not searched for. */
export function indexByKey(options: readonly Option[]): Map<string, number> {
  return new Map(options.map((option, index) => [option.key, index]));
}

/**
 * A single choice: the index of the offered option chosen, or "other" when the respondent wrote
 * their own answer (and the question allows one), or null when it says nothing we can count.
 */
export function readChoice(
  answer: AnswerValue,
  index: ReadonlyMap<string, number>,
  allowOther: boolean,
): number | "other" | null {
  if (answer.kind !== "choice") return null;
  const chosen = answer.choice === null ? undefined : index.get(answer.choice);
  if (chosen !== undefined) return chosen;
  return allowOther && hasText(answer.other) ? "other" : null;
}

/**
 * A multiple choice: which offered options were chosen (each once, whatever the answer repeats)
 * and whether an "other" answer was written; null when nothing countable was chosen.
 */
export function readChoices(
  answer: AnswerValue,
  index: ReadonlyMap<string, number>,
  allowOther: boolean,
): { chosen: boolean[]; other: boolean } | null {
  if (answer.kind !== "choices") return null;
  const chosen = new Array<boolean>(index.size).fill(false);
  let any = false;
  for (const key of answer.choices) {
    const at = index.get(key);
    if (at !== undefined) chosen[at] = any = true;
  }
  const other = allowOther && hasText(answer.other);
  return any || other ? { chosen, other } : null;
}

/**
 * An ordering: each option's rank (1 = put first), or 0 when the respondent left it unranked.
 * Ranks count only the offered options, each at its first place, so a stray or repeated key does
 * not push the others down. Null when nothing offered was ranked.
 */
export function readRanks(
  answer: AnswerValue,
  index: ReadonlyMap<string, number>,
): number[] | null {
  if (answer.kind !== "ordering") return null;
  const ranks = new Array<number>(index.size).fill(0);
  let next = 1;
  for (const key of answer.order) {
    const at = index.get(key);
    if (at !== undefined && ranks[at] === 0) ranks[at] = next++;
  }
  return next > 1 ? ranks : null;
}

/** A matrix: each row's value on the scale, or null for a row left blank. Null when all are. */
export function readMatrix(answer: AnswerValue, rows: readonly Option[]): (number | null)[] | null {
  if (answer.kind !== "matrix") return null;
  const values = rows.map((row) =>
    Object.hasOwn(answer.values, row.key) ? scaleValue(answer.values[row.key]) : null,
  );
  return values.some((value) => value !== null) ? values : null;
}

/** A text answer's text, or null when it is blank or of another kind. */
export function readText(answer: AnswerValue): string | null {
  return answer.kind === "text" && hasText(answer.text) ? answer.text : null;
}

/** A scale answer's value, or null. */
export function readScale(answer: AnswerValue): number | null {
  return answer.kind === "scale" ? scaleValue(answer.value) : null;
}
