/*
 * The vocabulary of a survey: its questions and the answers a response gives. A survey informs
 * a periodic review of the mark (lib/reviews), so its questions and answers are data that the
 * rules (survey-rules.ts), the results (results.ts) and the exports share.
 */

export const questionKinds = [
  "short_text",
  "long_text",
  "single_choice",
  "multiple_choice",
  "scale",
  "matrix",
  "ordering",
] as const;
export type QuestionKind = (typeof questionKinds)[number];

/** Free text is capped everywhere: a longer answer is refused, not cut. */
export const MAX_TEXT_LENGTH = 5000;
/** Scales run from 1 to 5, for a question and for each row of a matrix. */
export const SCALE_MIN = 1;
export const SCALE_MAX = 5;

/** An option of a choice, a row of a matrix or an item to order: a stable key and its words. */
export type Option = { key: string; label: string };

/**
 * Shown only when an earlier question's answer has this value: a choice's key (for a multiple
 * choice, among those chosen), or a scale's value written as a number ("4").
 */
export type Condition = { questionId: string; equals: string };

type Common = {
  id: string;
  prompt: string;
  help?: string;
  required: boolean;
  showIf?: Condition;
};

export type Question =
  | (Common & { kind: "short_text" | "long_text" })
  | (Common & { kind: "single_choice" | "multiple_choice"; options: Option[]; allowOther: boolean })
  | (Common & { kind: "scale"; lowLabel: string; highLabel: string })
  | (Common & { kind: "matrix"; rows: Option[]; lowLabel: string; highLabel: string })
  | (Common & { kind: "ordering"; options: Option[] });

/** One question's answer. "Other" text, when a choice allows it, travels with the choice. */
export type AnswerValue =
  | { kind: "text"; text: string }
  | { kind: "choice"; choice: string | null; other?: string }
  | { kind: "choices"; choices: string[]; other?: string }
  | { kind: "scale"; value: number }
  | { kind: "matrix"; values: Record<string, number> }
  | { kind: "ordering"; order: string[] };

/** A response's answers by question id; a question left blank (or hidden) has none. */
export type Answers = Record<string, AnswerValue>;
