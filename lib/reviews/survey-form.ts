import type { AnswerValue, Question } from "@/lib/reviews/questions";
import { OTHER } from "@/lib/reviews/survey-schema";

/*
 * A survey answered with a plain HTML form, which works without JavaScript. The form's field
 * names, which whoever renders the form follows:
 *
 * | question                 | field                      | value                              |
 * |--------------------------|----------------------------|------------------------------------|
 * | short or long text       | `q.<id>`                   | the text                           |
 * | single choice            | `q.<id>` (radio buttons)   | an option's key, or `other`        |
 * | multiple choice          | `q.<id>`, repeated (boxes) | option keys, and `other`           |
 * | a choice's "other" text  | `q.<id>.other`             | the text                           |
 * | scale                    | `q.<id>` (radio buttons)   | `1` to `5`                         |
 * | matrix                   | `q.<id>.<rowKey>`, per row | `1` to `5`                         |
 * | ordering                 | `q.<id>.rank.<optionKey>`  | its rank, `1` to the option count  |
 *
 * Ids and keys never contain a dot (survey-schema.ts), so each name reads one way only, and
 * `other` is never an option's key. Fields the survey does not name (a token, a return path)
 * are not answers and are ignored here.
 *
 * Without JavaScript, a person may type an "other" text without ticking "other": the typed
 * text is taken as the choice, since nobody types there by accident. A single choice that
 * selects an offered option keeps that option and leaves the text aside.
 *
 * What comes out is only shaped like answers: `validateResponse` (survey-rules.ts) decides.
 */

/** A form of either kind the server receives: both read fields by name alike. */
type Form = Pick<FormData, "getAll"> | Pick<URLSearchParams, "getAll">;

/** A field's typed values; a file where text was expected is no value at all. */
function values(form: Form, name: string): string[] {
  return form.getAll(name).filter((value): value is string => typeof value === "string");
}

function value(form: Form, name: string): string | undefined {
  return values(form, name)[0];
}

const filled = (text: string | undefined): text is string =>
  text !== undefined && text.trim() !== "";

/** A number as typed: anything but plain digits becomes NaN, which no scale accepts. */
function whole(text: string): number {
  return /^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

/** One question's answer as the form gives it, or undefined when the form leaves it blank. */
function fromForm(question: Question, form: Form): AnswerValue | undefined {
  const name = `q.${question.id}`;
  switch (question.kind) {
    case "short_text":
    case "long_text": {
      const text = value(form, name);
      return text === undefined ? undefined : { kind: "text", text };
    }
    case "single_choice": {
      const choice = value(form, name);
      const other = value(form, `${name}.${OTHER}`);
      if (choice === OTHER) return { kind: "choice", choice: null, other: other ?? "" };
      if (filled(choice)) return { kind: "choice", choice };
      return filled(other) ? { kind: "choice", choice: null, other } : undefined;
    }
    case "multiple_choice": {
      const ticked = values(form, name).filter((key) => key !== "");
      const choices = ticked.filter((key) => key !== OTHER);
      const other = value(form, `${name}.${OTHER}`);
      if (ticked.includes(OTHER) || filled(other)) {
        return { kind: "choices", choices, other: other ?? "" };
      }
      return choices.length === 0 ? undefined : { kind: "choices", choices };
    }
    case "scale": {
      const typed = value(form, name);
      return filled(typed) ? { kind: "scale", value: whole(typed) } : undefined;
    }
    case "matrix": {
      const rated = question.rows.flatMap(({ key }) => {
        const typed = value(form, `${name}.${key}`);
        return filled(typed) ? [[key, whole(typed)] as const] : [];
      });
      return rated.length === 0 ? undefined : { kind: "matrix", values: Object.fromEntries(rated) };
    }
    case "ordering": {
      const ranked = question.options.map(({ key }) => ({
        key,
        typed: value(form, `${name}.rank.${key}`),
      }));
      if (!ranked.some(({ typed }) => filled(typed))) return undefined;
      // Rank r goes to the one option ranked r. A rank given twice, left out or out of range
      // leaves a place empty, so the order comes out short and is refused, not guessed at.
      const order = ranked.flatMap((_, place) => {
        const at = ranked.filter(({ typed }) => typed !== undefined && whole(typed) === place + 1);
        return at.length === 1 && at[0] ? [at[0].key] : [];
      });
      return { kind: "ordering", order };
    }
  }
}

/** A form's answers, by question id, in the shape `validateResponse` checks. */
export function answersFromForm(
  questions: readonly Question[],
  form: FormData | URLSearchParams,
): Record<string, AnswerValue> {
  const answers = new Map<string, AnswerValue>();
  for (const question of questions) {
    const answer = fromForm(question, form);
    if (answer) answers.set(question.id, answer);
  }
  return Object.fromEntries(answers);
}

/**
 * The answer fields (`q.…`) and the organisation chosen, as typed: what a refused form shows
 * again, so nothing typed is lost.
 */
export function typedFields(form: FormData): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const [name, value] of form) {
    if (typeof value !== "string" || !(name.startsWith("q.") || name === "organisation")) continue;
    values[name] ??= [];
    values[name].push(value);
  }
  return values;
}
