import type { Option, QuestionKind } from "@/lib/reviews/questions";
import { OPTION_KEY, OTHER } from "@/lib/reviews/survey-schema";

/*
 * One question as the secretariat's editor sends it: a plain form, so a survey can be built
 * without JavaScript, one question at a time. Options and matrix rows are written one per line,
 * as "key: label" or just the label, which is given a key. What comes out is only a draft of a
 * question: survey-schema.ts `checkQuestions` decides whether it holds, with the whole survey.
 */

export type QuestionFields = {
  kind: QuestionKind;
  prompt: string;
  help: string;
  required: boolean;
  /** Options of a choice or an ordering, or the rows of a matrix: one per line. */
  options: string;
  allowOther: boolean;
  lowLabel: string;
  highLabel: string;
  /** The earlier question this one depends on ("" for none), and the answer it needs. */
  conditionQuestion: string;
  conditionValue: string;
};

const KEYED_LINE = /^([a-z0-9][a-z0-9_-]{0,39})\s*:\s*(.*)$/;

/** A key from a label: "Very likely!" → "very-likely"; "" when nothing of it fits a key. */
function keyOf(label: string): string {
  return label
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 36)
    .replace(/-+$/, "");
}

/**
 * The options written one per line. A line "key: label" keeps its key; a bare label is given one
 * from its words, made unique, and never the reserved "other" of a choice.
 */
export function optionsFromLines(text: string): Option[] {
  const used = new Set<string>();
  const options: Option[] = [];
  const lines = text
    .split(/\r\n?|\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  lines.forEach((line, index) => {
    const keyed = KEYED_LINE.exec(line);
    let key: string;
    let label: string;
    if (keyed?.[1] && keyed[2]?.trim()) {
      key = keyed[1];
      label = keyed[2].trim();
    } else {
      label = line;
      const base = keyOf(line) || `option-${index + 1}`;
      key = base === OTHER ? `${base}-option` : base;
      for (let n = 2; used.has(key) || !OPTION_KEY.test(key); n += 1) key = `${base}-${n}`;
    }
    used.add(key);
    options.push({ key, label });
  });
  return options;
}

/** A question id not yet taken: q1, q2… */
export function nextQuestionId(taken: readonly string[]): string {
  const ids = new Set(taken);
  let n = ids.size + 1;
  while (ids.has(`q${n}`)) n += 1;
  return `q${n}`;
}

/** The question the editor's fields describe, under a fresh id, for `checkQuestions` to judge. */
export function questionFromFields(fields: QuestionFields, id: string): Record<string, unknown> {
  const common = {
    id,
    kind: fields.kind,
    prompt: fields.prompt,
    help: fields.help,
    required: fields.required,
    ...(fields.conditionQuestion
      ? { showIf: { questionId: fields.conditionQuestion, equals: fields.conditionValue.trim() } }
      : {}),
  };
  const labels = { lowLabel: fields.lowLabel, highLabel: fields.highLabel };
  switch (fields.kind) {
    case "single_choice":
    case "multiple_choice":
      return {
        ...common,
        options: optionsFromLines(fields.options),
        allowOther: fields.allowOther,
      };
    case "ordering":
      return { ...common, options: optionsFromLines(fields.options) };
    case "matrix":
      return { ...common, rows: optionsFromLines(fields.options), ...labels };
    case "scale":
      return { ...common, ...labels };
    default:
      return common;
  }
}

/** Which of the editor's fields a problem with a question's part (`options.2.key`) belongs to. */
export function fieldOfPath(path: string): string {
  const [part] = path.split(".");
  switch (part) {
    case "rows":
      return "options";
    case "showIf":
      return "conditionValue";
    case "id":
    case undefined:
      return "form";
    default:
      return part;
  }
}

/** A list with one item moved one place up or down; unchanged at either end. */
export function moved<T>(items: readonly T[], index: number, direction: "up" | "down"): T[] {
  const to = direction === "up" ? index - 1 : index + 1;
  const copy = [...items];
  if (index < 0 || to < 0 || to >= copy.length) return copy;
  [copy[index], copy[to]] = [copy[to] as T, copy[index] as T];
  return copy;
}
