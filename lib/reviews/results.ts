import { type Answers, type AnswerValue, type Question, SCALE_MAX, SCALE_MIN } from "./questions";
import {
  indexByKey,
  readChoice,
  readChoices,
  readMatrix,
  readRanks,
  readScale,
  readText,
} from "./readings";

/*
 * A survey's results: what a review shows of its surveys, live to the secretariat and public once
 * published. Pure, and one pass over the responses with a tally per question, so a survey of
 * 10,000 responses costs 10,000 × its questions small steps, never a comparison of responses.
 */

/**
 * A response as the results and exports read it. Free text may hold personal data, so it is shown
 * only where the secretariat has marked that response's answer to that question publishable:
 * `publishableText` holds those question ids (for a text answer, or a choice's "other" text).
 */
export type SurveyResponse = {
  id: string;
  answers: Answers;
  publishableText: ReadonlySet<string>;
};

/** A count and its share of a base, in percent to one decimal. */
export type Share = { count: number; percent: number };
export type OptionShare = Share & { key: string; label: string };
export type ScaleShare = Share & { value: number };

/**
 * What every question's result says: how many responses answered it, out of how many in all.
 * Whether a respondent was shown a conditional question is not recorded, so "not answered"
 * covers both a skipped question and a hidden one.
 */
type Counted = { questionId: string; prompt: string; answered: number; total: number };

/** Free text: how many wrote something, and the texts the secretariat published, in order. */
export type TextResult = Counted & { kind: "short_text" | "long_text"; texts: string[] };

/**
 * A choice, option by option in the order the survey offers them. Percentages are of those who
 * answered the question; a multiple choice's therefore add up to more than 100. `other` is null
 * when the question offers no "other", and its texts are only the published ones.
 */
export type ChoiceResult = Counted & {
  kind: "single_choice" | "multiple_choice";
  options: OptionShare[];
  other: (Share & { texts: string[] }) | null;
};

/** A 1–5 scale: how many gave each value (all five, zeros included) and the mean. */
export type ScaleResult = Counted & {
  kind: "scale";
  distribution: ScaleShare[];
  mean: number | null;
  lowLabel: string;
  highLabel: string;
};

/** A matrix row is a scale of its own, with its own count: a respondent may skip a row. */
export type MatrixRowResult = {
  key: string;
  label: string;
  answered: number;
  distribution: ScaleShare[];
  mean: number | null;
};
export type MatrixResult = Counted & {
  kind: "matrix";
  rows: MatrixRowResult[];
  lowLabel: string;
  highLabel: string;
};

/** An ordering item's average rank (1 = put first) among those who ranked it. */
export type RankedOption = {
  key: string;
  label: string;
  count: number;
  averageRank: number | null;
};
/** Best placed first; a tie keeps the survey's order, and items nobody ranked come last. */
export type OrderingResult = Counted & { kind: "ordering"; options: RankedOption[] };

export type QuestionResult =
  | TextResult
  | ChoiceResult
  | ScaleResult
  | MatrixResult
  | OrderingResult;

/**
 * A share in percent to one decimal, rounded once from the exact counts (never a sum of rounded
 * figures). count × 1000 / base is an exact half whenever the true value is, so halves round up.
 */
export function percentOf(count: number, base: number): number {
  return base === 0 ? 0 : Math.round((count * 1000) / base) / 10;
}

/** A mean to two decimals, from an exact integer sum; null when there is nothing to average. */
export function meanOf(sum: number, count: number): number | null {
  return count === 0 ? null : Math.round((sum * 100) / count) / 100;
}

/** One question's running tally: fed each response's answer, then asked for the result. */
type Tally = {
  add(answer: AnswerValue, publishable: boolean): void;
  result(total: number): QuestionResult;
};

const SCALE_VALUES = Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => SCALE_MIN + i);

/** Counts per scale value (index 0 is SCALE_MIN) and their sum, for a scale or a matrix row. */
class ScaleCounts {
  counts = new Array<number>(SCALE_VALUES.length).fill(0);
  sum = 0;
  n = 0;
  add(value: number) {
    this.counts[value - SCALE_MIN] = (this.counts[value - SCALE_MIN] ?? 0) + 1;
    this.sum += value;
    this.n += 1;
  }
  distribution(): ScaleShare[] {
    return SCALE_VALUES.map((value, i) => {
      const count = this.counts[i] ?? 0;
      return { value, count, percent: percentOf(count, this.n) };
    });
  }
}

function tallyFor(question: Question): Tally {
  const base = { questionId: question.id, prompt: question.prompt };
  switch (question.kind) {
    case "short_text":
    case "long_text": {
      const texts: string[] = [];
      let answered = 0;
      return {
        add(answer, publishable) {
          const text = readText(answer);
          if (text === null) return;
          answered += 1;
          if (publishable) texts.push(text);
        },
        result: (total) => ({ ...base, kind: question.kind, answered, total, texts }),
      };
    }
    case "single_choice":
    case "multiple_choice": {
      const { options, allowOther } = question;
      const index = indexByKey(options);
      const counts = new Array<number>(options.length).fill(0);
      const otherTexts: string[] = [];
      let others = 0;
      let answered = 0;
      const countOther = (answer: AnswerValue, publishable: boolean) => {
        others += 1;
        if (publishable && "other" in answer && answer.other !== undefined)
          otherTexts.push(answer.other);
      };
      return {
        add(answer, publishable) {
          if (question.kind === "single_choice") {
            const chosen = readChoice(answer, index, allowOther);
            if (chosen === null) return;
            answered += 1;
            if (chosen === "other") countOther(answer, publishable);
            else counts[chosen] = (counts[chosen] ?? 0) + 1;
          } else {
            const read = readChoices(answer, index, allowOther);
            if (read === null) return;
            answered += 1;
            read.chosen.forEach((on, i) => {
              if (on) counts[i] = (counts[i] ?? 0) + 1;
            });
            if (read.other) countOther(answer, publishable);
          }
        },
        result: (total) => ({
          ...base,
          kind: question.kind,
          answered,
          total,
          options: options.map((option, i) => {
            const count = counts[i] ?? 0;
            return {
              key: option.key,
              label: option.label,
              count,
              percent: percentOf(count, answered),
            };
          }),
          other: allowOther
            ? { count: others, percent: percentOf(others, answered), texts: otherTexts }
            : null,
        }),
      };
    }
    case "scale": {
      const scale = new ScaleCounts();
      return {
        add(answer) {
          const value = readScale(answer);
          if (value !== null) scale.add(value);
        },
        result: (total) => ({
          ...base,
          kind: "scale",
          answered: scale.n,
          total,
          distribution: scale.distribution(),
          mean: meanOf(scale.sum, scale.n),
          lowLabel: question.lowLabel,
          highLabel: question.highLabel,
        }),
      };
    }
    case "matrix": {
      const rows = question.rows.map(() => new ScaleCounts());
      let answered = 0;
      return {
        add(answer) {
          const values = readMatrix(answer, question.rows);
          if (values === null) return;
          answered += 1;
          values.forEach((value, i) => {
            if (value !== null) rows[i]?.add(value);
          });
        },
        result: (total) => ({
          ...base,
          kind: "matrix",
          answered,
          total,
          rows: question.rows.map((row, i) => {
            const scale = rows[i] ?? new ScaleCounts();
            return {
              key: row.key,
              label: row.label,
              answered: scale.n,
              distribution: scale.distribution(),
              mean: meanOf(scale.sum, scale.n),
            };
          }),
          lowLabel: question.lowLabel,
          highLabel: question.highLabel,
        }),
      };
    }
    case "ordering": {
      const { options } = question;
      const index = indexByKey(options);
      const sums = new Array<number>(options.length).fill(0);
      const counts = new Array<number>(options.length).fill(0);
      let answered = 0;
      return {
        add(answer) {
          const ranks = readRanks(answer, index);
          if (ranks === null) return;
          answered += 1;
          ranks.forEach((rank, i) => {
            if (rank === 0) return;
            sums[i] = (sums[i] ?? 0) + rank;
            counts[i] = (counts[i] ?? 0) + 1;
          });
        },
        result: (total) => {
          // Sorted on the exact averages (sum / count, compared by cross-multiplying), not on the
          // rounded ones, so two items that differ in the third decimal keep their true order.
          // Unranked items come after every ranked one; equals keep the survey's order.
          const items = options.map((option, i) => ({
            option,
            i,
            n: counts[i] ?? 0,
            sum: sums[i] ?? 0,
          }));
          items.sort((a, b) => {
            if (a.n === 0 || b.n === 0)
              return (a.n === 0 ? 1 : 0) - (b.n === 0 ? 1 : 0) || a.i - b.i;
            return a.sum * b.n - b.sum * a.n || a.i - b.i;
          });
          const ranked = items.map(({ option, n, sum }) => ({
            key: option.key,
            label: option.label,
            count: n,
            averageRank: meanOf(sum, n),
          }));
          return {
            ...base,
            kind: "ordering",
            answered,
            total,
            options: ranked,
          };
        },
      };
    }
  }
}

/**
 * Each question's result, in the survey's order, from its responses. A response without an
 * answer to a question (blank, or hidden by its condition) counts in `total` but not `answered`.
 */
export function surveyResults(
  questions: readonly Question[],
  responses: Iterable<SurveyResponse>,
): QuestionResult[] {
  const tallies = questions.map((question) => ({ id: question.id, tally: tallyFor(question) }));
  let total = 0;
  for (const response of responses) {
    total += 1;
    for (const { id, tally } of tallies) {
      const answer = Object.hasOwn(response.answers, id) ? response.answers[id] : undefined;
      if (answer !== undefined) tally.add(answer, response.publishableText.has(id));
    }
  }
  return tallies.map(({ tally }) => tally.result(total));
}
