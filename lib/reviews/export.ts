import type { AnswerValue, Question } from "./questions";
import {
  hasText,
  indexByKey,
  readChoice,
  readChoices,
  readMatrix,
  readRanks,
  readScale,
  readText,
} from "./readings";
import { type QuestionResult, type SurveyResponse, surveyResults } from "./results";

/*
 * A survey's responses for download: CSV for spreadsheets and JSON for programs. Every response
 * gets the same columns whatever it answered, so a conditional question the respondent never saw
 * is a blank cell in its own column and never shifts the answers after it. Responses are numbered
 * 1..n in the order given; their ids are never written, so a download cannot be joined back to
 * anything that might identify a respondent.
 */

export type ExportOptions = {
  /**
   * "publishable" (every public download): free text appears only where the secretariat marked
   * that answer publishable, and is blank otherwise. "all": the secretariat's own download.
   */
  includeText: "publishable" | "all";
};

/** The column of response numbers, and the suffixes of a choice's "other" columns. */
const RESPONSE_COLUMN = "response";
const OTHER = "other";
const OTHER_TEXT = "other text";

/**
 * A cell as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break, its quotes
 * doubled. A cell a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage
 * return) gets a leading apostrophe, so opening the file runs nothing. Respondents write freely
 * and may be anonymous, so a leading minus is guarded too, even before a digit: the only numbers
 * Hum writes here are positive and never start with one.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A question's columns: their headers, and the cells of one answer, read once for them all (a
 * multiple choice's answer is read once, not once per option).
 */
type Columns = { headers: string[]; cells: (answer: AnswerValue, showText: boolean) => string[] };

const shown = (value: string | undefined, showText: boolean) =>
  showText && hasText(value) ? value : "";
const number = (value: number | null | undefined) => (value ? String(value) : "");

function columnsOf(question: Question): Columns {
  const { prompt } = question;
  const named = (suffix: string) => `${prompt} [${suffix}]`;
  switch (question.kind) {
    case "short_text":
    case "long_text":
      return {
        headers: [prompt],
        cells: (answer, show) => [shown(readText(answer) ?? undefined, show)],
      };
    case "single_choice": {
      const { options, allowOther } = question;
      const index = indexByKey(options);
      // The choice's label, or "other" when the respondent wrote their own answer: that they did
      // is a count the results publish anyway; what they wrote has a column of its own, so
      // withholding it leaves the choice visible.
      return {
        headers: allowOther ? [prompt, named(OTHER_TEXT)] : [prompt],
        cells: (answer, show) => {
          const chosen = readChoice(answer, index, allowOther);
          const cell = chosen === null ? "" : chosen === "other" ? OTHER : options[chosen]?.label;
          if (!allowOther) return [cell ?? ""];
          const other = chosen === "other" && answer.kind === "choice" ? answer.other : undefined;
          return [cell ?? "", shown(other, show)];
        },
      };
    }
    case "multiple_choice": {
      const { options, allowOther } = question;
      const index = indexByKey(options);
      const headers = options.map((option) => named(option.label));
      if (allowOther) headers.push(named(OTHER), named(OTHER_TEXT));
      return {
        headers,
        cells: (answer, show) => {
          const read = readChoices(answer, index, allowOther);
          const cells = options.map((_, i) => (read?.chosen[i] ? "1" : ""));
          if (!allowOther) return cells;
          const other = read?.other && answer.kind === "choices" ? answer.other : undefined;
          return [...cells, read?.other ? "1" : "", shown(other, show)];
        },
      };
    }
    case "scale":
      return { headers: [prompt], cells: (answer) => [number(readScale(answer))] };
    case "matrix":
      return {
        headers: question.rows.map((row) => named(row.label)),
        cells: (answer) => {
          const values = readMatrix(answer, question.rows);
          return question.rows.map((_, i) => number(values?.[i]));
        },
      };
    case "ordering": {
      const index = indexByKey(question.options);
      return {
        headers: question.options.map((option) => named(option.label)),
        cells: (answer) => {
          const ranks = readRanks(answer, index);
          return question.options.map((_, i) => number(ranks?.[i]));
        },
      };
    }
  }
}

/**
 * Headers as written, except that a repeated one (two questions with the same prompt) gets
 * " (2)", " (3)"… in order, so every column can be told apart by its name, the same way each time.
 */
function distinctHeaders(headers: string[]): string[] {
  const seen = new Map<string, number>();
  const taken = new Set(headers);
  return headers.map((header) => {
    const times = (seen.get(header) ?? 0) + 1;
    seen.set(header, times);
    if (times === 1) return header;
    let n = times;
    while (taken.has(`${header} (${n})`)) n += 1;
    const name = `${header} (${n})`;
    taken.add(name);
    return name;
  });
}

/**
 * The responses as CSV: a header row, then one row per response, one column per question (a
 * matrix one per row, a multiple choice one per option, an ordering one per item holding its
 * rank), with CRLF line ends. Unanswered and hidden questions are blank cells.
 */
export function surveyCsv(
  questions: readonly Question[],
  responses: Iterable<SurveyResponse>,
  options: ExportOptions,
): string {
  const columns = questions.map((question) => ({ id: question.id, ...columnsOf(question) }));
  const headers = distinctHeaders(columns.flatMap((column) => column.headers));
  const lines = [[RESPONSE_COLUMN, ...headers].map(csvCell).join(",")];
  let ordinal = 0;
  for (const response of responses) {
    ordinal += 1;
    const cells = [String(ordinal)];
    for (const { id, headers, cells: cellsOf } of columns) {
      const answer = Object.hasOwn(response.answers, id) ? response.answers[id] : undefined;
      if (answer === undefined) {
        for (let i = 0; i < headers.length; i++) cells.push("");
        continue;
      }
      const show = options.includeText === "all" || response.publishableText.has(id);
      for (const cell of cellsOf(answer, show)) cells.push(csvCell(cell));
    }
    lines.push(cells.join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * An answer as the JSON export writes it: the stored shape, read as the results read it (keys no
 * longer offered and values off the scale dropped). Withheld free text is null, so a reader sees
 * that an answer was given without seeing it, as the results' counts already tell.
 */
export type ExportedAnswer =
  | { kind: "text"; text: string | null }
  | { kind: "choice"; choice: string | null; other?: string | null }
  | { kind: "choices"; choices: string[]; other?: string | null }
  | { kind: "scale"; value: number }
  | { kind: "matrix"; values: Record<string, number> }
  | { kind: "ordering"; order: string[] };

export type SurveyJson = {
  questions: Question[];
  results: QuestionResult[];
  /** Every question's id in every response: null when it was not answered or was hidden. */
  responses: { response: number; answers: Record<string, ExportedAnswer | null> }[];
};

type Exporter = (answer: AnswerValue, showText: boolean) => ExportedAnswer | null;

/** How one question's answers are written, prepared once per question, not once per answer. */
function exporterOf(question: Question): Exporter {
  const withheld = (value: string | undefined, show: boolean) =>
    show && value !== undefined ? value : null;
  switch (question.kind) {
    case "short_text":
    case "long_text":
      return (answer, show) => {
        const written = readText(answer);
        return written === null ? null : { kind: "text", text: withheld(written, show) };
      };
    case "single_choice": {
      const { options, allowOther } = question;
      const index = indexByKey(options);
      return (answer, show) => {
        const chosen = readChoice(answer, index, allowOther);
        if (chosen === null) return null;
        if (chosen !== "other") return { kind: "choice", choice: options[chosen]?.key ?? null };
        const other = answer.kind === "choice" ? answer.other : undefined;
        return { kind: "choice", choice: null, other: withheld(other, show) };
      };
    }
    case "multiple_choice": {
      const { options, allowOther } = question;
      const index = indexByKey(options);
      return (answer, show) => {
        const read = readChoices(answer, index, allowOther);
        if (read === null) return null;
        const choices = options.filter((_, i) => read.chosen[i]).map((option) => option.key);
        if (!read.other) return { kind: "choices", choices };
        const other = answer.kind === "choices" ? answer.other : undefined;
        return { kind: "choices", choices, other: withheld(other, show) };
      };
    }
    case "scale":
      return (answer) => {
        const value = readScale(answer);
        return value === null ? null : { kind: "scale", value };
      };
    case "matrix":
      return (answer) => {
        const values = readMatrix(answer, question.rows);
        if (values === null) return null;
        const kept: Record<string, number> = {};
        question.rows.forEach((row, i) => {
          const value = values[i];
          if (typeof value === "number") kept[row.key] = value;
        });
        return { kind: "matrix", values: kept };
      };
    case "ordering": {
      const { options } = question;
      const index = indexByKey(options);
      return (answer) => {
        const ranks = readRanks(answer, index);
        if (ranks === null) return null;
        const order: string[] = [];
        options.forEach((option, i) => {
          const rank = ranks[i] ?? 0;
          if (rank > 0) order[rank - 1] = option.key;
        });
        return { kind: "ordering", order };
      };
    }
  }
}

/**
 * The survey as structured JSON: its questions, its results and its responses numbered 1..n,
 * under the same rules as the CSV. The results publish only published text whatever the option,
 * since they are the public figures; "all" reveals the rest in the responses alone.
 */
export function surveyJson(
  questions: readonly Question[],
  responses: readonly SurveyResponse[],
  options: ExportOptions,
): SurveyJson {
  const exporters = questions.map((question) => ({ id: question.id, write: exporterOf(question) }));
  return {
    questions: [...questions],
    results: surveyResults(questions, responses),
    responses: responses.map((response, i) => {
      const answers: Record<string, ExportedAnswer | null> = {};
      for (const { id, write } of exporters) {
        const answer = Object.hasOwn(response.answers, id) ? response.answers[id] : undefined;
        const show = options.includeText === "all" || response.publishableText.has(id);
        answers[id] = answer === undefined ? null : write(answer, show);
      }
      return { response: i + 1, answers };
    }),
  };
}
