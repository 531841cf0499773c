import { describe, expect, it } from "vitest";
import {
  type Answers,
  type AnswerValue,
  MAX_TEXT_LENGTH,
  type Question,
} from "@/lib/reviews/questions";
import { answersFromForm } from "@/lib/reviews/survey-form";
import { copyQuestions, validateResponse, visibleQuestions } from "@/lib/reviews/survey-rules";
import { checkQuestions, surveyQuestionsSchema } from "@/lib/reviews/survey-schema";

const options = (...keys: string[]) => keys.map((key) => ({ key, label: `Label ${key}` }));

// A purchasers' survey: every kind, conditions on a choice, a multiple choice and a scale, and a
// condition on a conditional question (`why-not` hangs on `how` via `found`).
const survey: Question[] = [
  {
    id: "found",
    kind: "single_choice",
    prompt: "Did you find the mark on the product?",
    required: true,
    options: options("yes", "no"),
    allowOther: true,
  },
  {
    id: "how",
    kind: "multiple_choice",
    prompt: "Where did you see it?",
    required: true,
    options: options("box", "site", "shop"),
    allowOther: true,
    showIf: { questionId: "found", equals: "yes" },
  },
  {
    id: "why-not",
    kind: "long_text",
    prompt: "Why not on the box?",
    required: true,
    showIf: { questionId: "how", equals: "site" },
  },
  { id: "trust", kind: "scale", prompt: "Trust?", required: true, lowLabel: "", highLabel: "" },
  {
    id: "low",
    kind: "short_text",
    prompt: "What would raise it?",
    required: false,
    showIf: { questionId: "trust", equals: "1" },
  },
  {
    id: "grid",
    kind: "matrix",
    prompt: "Rate",
    required: true,
    rows: options("price", "privacy"),
    lowLabel: "Poor",
    highLabel: "Good",
  },
  {
    id: "soft-grid",
    kind: "matrix",
    prompt: "Rate",
    required: false,
    rows: options("a", "b"),
    lowLabel: "",
    highLabel: "",
  },
  {
    id: "ranking",
    kind: "ordering",
    prompt: "Order",
    required: false,
    options: options("a", "b", "c"),
  },
  { id: "name", kind: "short_text", prompt: "Name", required: false },
];

const complete: Answers = {
  found: { kind: "choice", choice: "yes" },
  how: { kind: "choices", choices: ["box", "site"] },
  "why-not": { kind: "text", text: "Small box." },
  trust: { kind: "scale", value: 1 },
  low: { kind: "text", text: "Audits." },
  grid: { kind: "matrix", values: { price: 2, privacy: 5 } },
  "soft-grid": { kind: "matrix", values: { b: 3 } },
  ranking: { kind: "ordering", order: ["c", "a", "b"] },
  name: { kind: "text", text: "Ann" },
};

const ids = (questions: Question[]) => questions.map(({ id }) => id);
const refusal = (raw: unknown) => {
  const result = validateResponse(survey, raw);
  return result.ok ? null : result.fieldErrors;
};
const withAnswer = (id: string, answer: unknown) => ({ ...complete, [id]: answer });

describe("the questions a secretariat may define", () => {
  const errorsOf = (questions: unknown) => {
    const result = checkQuestions(questions);
    return result.ok ? {} : result.fieldErrors;
  };
  const text = (extra: Record<string, unknown> = {}) => ({
    id: "t",
    kind: "short_text",
    prompt: "Say",
    ...extra,
  });
  const choice = (extra: Record<string, unknown> = {}) => ({
    id: "c",
    kind: "single_choice",
    prompt: "Pick",
    options: options("a", "b"),
    ...extra,
  });

  it("accepts every kind and fills in the defaults", () => {
    const parsed = surveyQuestionsSchema.parse([
      text({ help: "  " }),
      choice(),
      { id: "s", kind: "scale", prompt: "How much?" },
      { id: "m", kind: "matrix", prompt: "Rate", rows: options("x") },
      { id: "o", kind: "ordering", prompt: "Order", options: options("x", "y") },
    ]);
    expect(parsed[0]).toEqual({ id: "t", kind: "short_text", prompt: "Say", required: false });
    expect(parsed[1]).toMatchObject({ allowOther: false, required: false });
    expect(parsed[2]).toMatchObject({ lowLabel: "", highLabel: "" });
    expect(surveyQuestionsSchema.parse(survey)).toEqual(survey);
  });

  it.each([
    ["a missing prompt", [text({ prompt: "  " })], { "0.prompt": "required" }],
    [
      "a prompt over 500 characters",
      [text({ prompt: "x".repeat(501) })],
      { "0.prompt": "too_long" },
    ],
    ["markup in a prompt", [text({ prompt: "<b>Say</b>" })], { "0.prompt": "plain_text_only" }],
    ["help over 1,000 characters", [text({ help: "x".repeat(1001) })], { "0.help": "too_long" }],
    [
      "a scale label over 60",
      [{ id: "s", kind: "scale", prompt: "P", lowLabel: "x".repeat(61) }],
      { "0.lowLabel": "too_long" },
    ],
    ["an unknown kind", [text({ kind: "essay" })], { "0.kind": "invalid" }],
    ["an id with a dot", [text({ id: "a.b" })], { "0.id": "invalid" }],
    [
      "an option key with capitals",
      [choice({ options: options("a", "B") })],
      { "0.options.1.key": "invalid" },
    ],
    [
      "an option key twice",
      [choice({ options: options("a", "a") })],
      { "0.options.1.key": "duplicate_key" },
    ],
    [
      "an option keyed other",
      [choice({ options: options("a", "other") })],
      { "0.options.1.key": "invalid" },
    ],
    ["one option", [choice({ options: options("a") })], { "0.options": "option_count" }],
    [
      "21 options",
      [choice({ options: options(...Array.from({ length: 21 }, (_, i) => `o${i}`)) })],
      { "0.options": "option_count" },
    ],
    [
      "an ordering of one",
      [{ id: "o", kind: "ordering", prompt: "P", options: options("a") }],
      { "0.options": "option_count" },
    ],
    [
      "a matrix without rows",
      [{ id: "m", kind: "matrix", prompt: "P", rows: [] }],
      { "0.rows": "option_count" },
    ],
    [
      "16 matrix rows",
      [
        {
          id: "m",
          kind: "matrix",
          prompt: "P",
          rows: options(...Array.from({ length: 16 }, (_, i) => `r${i}`)),
        },
      ],
      { "0.rows": "option_count" },
    ],
    ["no questions", [], { questions: "required" }],
    [
      "51 questions",
      Array.from({ length: 51 }, (_, i) => text({ id: `q${i}` })),
      { questions: "too_long" },
    ],
    ["a question id twice", [text(), text()], { "1.id": "duplicate_key" }],
    ["not a list", { questions: [] }, { questions: "required" }],
  ])("refuses %s", (_, questions, expected) => {
    expect(errorsOf(questions)).toEqual(expected);
  });

  it("accepts 50 questions, 20 options and 15 rows", () => {
    const many = (prefix: string, n: number) =>
      options(...Array.from({ length: n }, (_, i) => `${prefix}${i}`));
    expect(checkQuestions(Array.from({ length: 50 }, (_, i) => text({ id: `q${i}` }))).ok).toBe(
      true,
    );
    expect(checkQuestions([choice({ options: many("o", 20) })]).ok).toBe(true);
    expect(checkQuestions([{ id: "m", kind: "matrix", prompt: "P", rows: many("r", 15) }]).ok).toBe(
      true,
    );
  });

  describe("conditions", () => {
    const scale = { id: "s", kind: "scale", prompt: "How much?" };
    const on = (questionId: string, equals: string) =>
      text({ id: "d", showIf: { questionId, equals } });

    it.each([
      ["an earlier choice's option", [choice(), on("c", "b")]],
      ["an earlier choice's other entry", [choice({ allowOther: true }), on("c", "other")]],
      ["an earlier multiple choice's option", [choice({ kind: "multiple_choice" }), on("c", "a")]],
      ["an earlier scale's value", [scale, on("s", "5")]],
    ])("may name %s", (_, questions) => {
      expect(errorsOf(questions)).toEqual({});
    });

    it.each([
      ["a later question", [on("c", "a"), choice()]],
      [
        "the question itself",
        [text({ id: "d", kind: "short_text", showIf: { questionId: "d", equals: "a" } })],
      ],
      ["an unknown question", [choice(), on("nope", "a")]],
      ["an option not offered", [choice(), on("c", "z")]],
      ["other when not offered", [choice(), on("c", "other")]],
      ["a scale value out of range", [scale, on("s", "6")]],
      ["a scale value written otherwise", [scale, on("s", "05")]],
      ["a text question", [text({ id: "x" }), on("x", "a")]],
      ["a matrix", [{ id: "m", kind: "matrix", prompt: "P", rows: options("a") }, on("m", "a")]],
      [
        "an ordering",
        [{ id: "o", kind: "ordering", prompt: "P", options: options("a", "b") }, on("o", "a")],
      ],
    ])("may not name %s", (_, questions) => {
      const index = questions.findIndex((question) => question.id === "d");
      expect(errorsOf(questions)).toEqual({ [`${index}.showIf`]: "invalid_condition" });
    });
  });
});

describe("which questions are shown", () => {
  it("shows unconditional questions and those whose condition is met", () => {
    expect(ids(visibleQuestions(survey, complete))).toEqual(ids(survey));
  });

  it("hides a question until its condition is answered", () => {
    expect(ids(visibleQuestions(survey, {}))).toEqual([
      "found",
      "trust",
      "grid",
      "soft-grid",
      "ranking",
      "name",
    ]);
  });

  it("hides a question whose condition's question is hidden, whatever its answer", () => {
    const answers = { ...complete, found: { kind: "choice", choice: "no" } } as Answers;
    expect(ids(visibleQuestions(survey, answers))).not.toContain("how");
    expect(ids(visibleQuestions(survey, answers))).not.toContain("why-not");
  });

  it.each<[string, AnswerValue, boolean]>([
    ["a multiple choice including the option", { kind: "choices", choices: ["site"] }, true],
    ["a multiple choice without it", { kind: "choices", choices: ["box"], other: "tv" }, false],
  ])("reads %s", (_, how, visible) => {
    expect(ids(visibleQuestions(survey, { ...complete, how })).includes("why-not")).toBe(visible);
  });

  it("reads an other entry and a scale's value", () => {
    const questions: Question[] = [
      { ...(survey[0] as Question), id: "c" },
      {
        id: "d",
        kind: "short_text",
        prompt: "P",
        required: false,
        showIf: { questionId: "c", equals: "other" },
      },
    ];
    expect(
      visibleQuestions(questions, { c: { kind: "choice", choice: null, other: "x" } }),
    ).toHaveLength(2);
    expect(visibleQuestions(questions, { c: { kind: "choice", choice: "yes" } })).toHaveLength(1);
    expect(
      ids(visibleQuestions(survey, { ...complete, trust: { kind: "scale", value: 2 } })),
    ).not.toContain("low");
  });
});

describe("a response", () => {
  it("is accepted whole, with choices and rows in the question's order", () => {
    const raw = {
      ...complete,
      how: { kind: "choices", choices: ["site", "box"] },
      grid: { kind: "matrix", values: { privacy: 5, price: 2 } },
    };
    const result = validateResponse(survey, raw);
    expect(result).toEqual({ ok: true, answers: complete });
    if (result.ok) expect(Object.keys(result.answers.grid as object)).toEqual(["kind", "values"]);
    if (result.ok && result.answers.grid?.kind === "matrix") {
      expect(Object.keys(result.answers.grid.values)).toEqual(["price", "privacy"]);
    }
  });

  it("trims text, unifies line breaks and leaves blank text unanswered", () => {
    const result = validateResponse(survey, {
      ...complete,
      "why-not": { kind: "text", text: "  one\r\ntwo  " },
      name: { kind: "text", text: "   " },
    });
    expect(result.ok && result.answers["why-not"]).toEqual({ kind: "text", text: "one\ntwo" });
    expect(result.ok && "name" in result.answers).toBe(false);
  });

  it("drops answers to hidden questions, valid or not", () => {
    const result = validateResponse(survey, {
      ...complete,
      found: { kind: "choice", choice: "no" },
      how: { kind: "choices", choices: ["nowhere"] },
      "why-not": { kind: "text", text: "x".repeat(MAX_TEXT_LENGTH + 1) },
      trust: { kind: "scale", value: 4 },
    });
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(Object.keys(result.answers)).toEqual([
        "found",
        "trust",
        "grid",
        "soft-grid",
        "ranking",
        "name",
      ]);
  });

  it("requires the required questions that are shown, and only those", () => {
    expect(refusal({})).toEqual({ found: "required", trust: "required", grid: "required" });
    expect(refusal({ ...complete, "why-not": undefined })).toEqual({ "why-not": "required" });
    expect(refusal({ ...complete, how: { kind: "choices", choices: [] } })).toEqual({
      how: "required",
    });
  });

  it("refuses an answer to a question the survey does not have", () => {
    expect(refusal({ ...complete, extra: { kind: "text", text: "hi" } })).toEqual({
      extra: "invalid",
    });
    expect(refusal(JSON.parse('{"__proto__": {"kind": "text", "text": "x"}}'))).toMatchObject({
      found: "required",
    });
    expect(Object.keys(refusal(JSON.parse('{"__proto__": 1}')) ?? {})).toContain("__proto__");
  });

  it.each([null, "answers", [], 3])("refuses %j as a whole", (raw) => {
    expect(refusal(raw)).toEqual({ form: "invalid" });
  });

  it.each<[string, string, unknown, string]>([
    // text
    [
      "text over the limit",
      "name",
      { kind: "text", text: "x".repeat(MAX_TEXT_LENGTH + 1) },
      "answer_too_long",
    ],
    ["a line break in a short text", "name", { kind: "text", text: "a\nb" }, "invalid"],
    ["a control character", "name", { kind: "text", text: "a\u0000b" }, "invalid"],
    ["a lone surrogate", "name", { kind: "text", text: "a\ud800" }, "invalid"],
    ["text that is not a string", "name", { kind: "text", text: 5 }, "invalid"],
    ["an answer of another kind", "name", { kind: "scale", value: 3 }, "invalid"],
    ["an answer that is not an object", "name", "Ann", "invalid"],
    // single choice
    ["a choice not offered", "found", { kind: "choice", choice: "maybe" }, "choice_not_offered"],
    ["a choice keyed other", "found", { kind: "choice", choice: "other" }, "choice_not_offered"],
    ["a choice with other text", "found", { kind: "choice", choice: "yes", other: "x" }, "invalid"],
    ["other without words", "found", { kind: "choice", choice: null, other: "  " }, "required"],
    [
      "other over the limit",
      "found",
      { kind: "choice", choice: null, other: "x".repeat(MAX_TEXT_LENGTH + 1) },
      "answer_too_long",
    ],
    ["a choice that is a number", "found", { kind: "choice", choice: 1 }, "invalid"],
    // multiple choice
    [
      "one choice not offered",
      "how",
      { kind: "choices", choices: ["box", "moon"] },
      "choice_not_offered",
    ],
    ["a choice twice", "how", { kind: "choices", choices: ["box", "box"] }, "invalid"],
    ["choices that are not a list", "how", { kind: "choices", choices: "box" }, "invalid"],
    [
      "other without words among choices",
      "how",
      { kind: "choices", choices: ["box"], other: "" },
      "required",
    ],
    // scale
    ["a scale of 0", "trust", { kind: "scale", value: 0 }, "invalid"],
    ["a scale of 6", "trust", { kind: "scale", value: 6 }, "invalid"],
    ["a scale of 2.5", "trust", { kind: "scale", value: 2.5 }, "invalid"],
    ["a scale written as text", "trust", { kind: "scale", value: "3" }, "invalid"],
    ["a scale of NaN", "trust", { kind: "scale", value: Number.NaN }, "invalid"],
    // matrix
    [
      "a required matrix with a row left out",
      "grid",
      { kind: "matrix", values: { price: 2 } },
      "required",
    ],
    [
      "a matrix row out of range",
      "grid",
      { kind: "matrix", values: { price: 2, privacy: 9 } },
      "invalid",
    ],
    [
      "a matrix row not asked",
      "grid",
      { kind: "matrix", values: { price: 2, privacy: 3, x: 3 } },
      "invalid",
    ],
    ["an empty required matrix", "grid", { kind: "matrix", values: {} }, "required"],
    ["matrix values that are a list", "grid", { kind: "matrix", values: [1, 2] }, "invalid"],
    // ordering
    [
      "an ordering missing an option",
      "ranking",
      { kind: "ordering", order: ["a", "b"] },
      "invalid",
    ],
    [
      "an ordering repeating one",
      "ranking",
      { kind: "ordering", order: ["a", "b", "b"] },
      "invalid",
    ],
    [
      "an ordering with a stranger",
      "ranking",
      { kind: "ordering", order: ["a", "b", "d"] },
      "invalid",
    ],
    [
      "an ordering too long",
      "ranking",
      { kind: "ordering", order: ["a", "b", "c", "a"] },
      "invalid",
    ],
  ])("refuses %s, and the whole response with it", (_, id, answer, code) => {
    expect(refusal(withAnswer(id, answer))).toEqual({ [id]: code });
  });

  it("refuses other text where the choice offers none", () => {
    const noOther = survey.map((question) =>
      question.id === "found" ? { ...question, allowOther: false } : question,
    );
    const result = validateResponse(
      noOther,
      withAnswer("found", { kind: "choice", choice: null, other: "x" }),
    );
    expect(result).toEqual({ ok: false, fieldErrors: { found: "choice_not_offered" } });
  });

  it.each<[string, string, unknown, AnswerValue | null]>([
    [
      "text of exactly the limit",
      "name",
      { kind: "text", text: "x".repeat(MAX_TEXT_LENGTH) },
      { kind: "text", text: "x".repeat(MAX_TEXT_LENGTH) },
    ],
    [
      "a long answer spread over lines",
      "why-not",
      { kind: "text", text: "a\n\tb" },
      { kind: "text", text: "a\n\tb" },
    ],
    ["an empty ordering, as no answer", "ranking", { kind: "ordering", order: [] }, null],
    [
      "part of an optional matrix",
      "soft-grid",
      { kind: "matrix", values: { a: 1 } },
      { kind: "matrix", values: { a: 1 } },
    ],
    ["an empty optional matrix, as no answer", "soft-grid", { kind: "matrix", values: {} }, null],
    [
      "other text alone in a multiple choice",
      "how",
      { kind: "choices", choices: [], other: " tv " },
      { kind: "choices", choices: [], other: "tv" },
    ],
  ])("accepts %s", (_, id, answer, stored) => {
    const result = validateResponse(survey, withAnswer(id, answer));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.answers[id] ?? null).toEqual(stored);
  });

  it("accepts other text for a single choice, trimmed, and shows what depends on it", () => {
    const result = validateResponse(
      survey,
      withAnswer("found", { kind: "choice", choice: null, other: " tv " }),
    );
    expect(result.ok && result.answers.found).toEqual({
      kind: "choice",
      choice: null,
      other: "tv",
    });
    // `how` shows for "yes" only: its answer is dropped, and `why-not` with it.
    expect(result.ok && Object.keys(result.answers)).not.toContain("how");
  });

  it("raises no error under an answer that was refused", () => {
    expect(refusal(withAnswer("found", { kind: "choice", choice: "maybe" }))).toEqual({
      found: "choice_not_offered",
    });
  });
});

/** Answers written into a form as a browser would send them, following survey-form.ts. */
function formOf(questions: readonly Question[], answers: Answers): URLSearchParams {
  const form = new URLSearchParams({ token: "ignored", return: "/x" });
  for (const question of questions) {
    const answer = answers[question.id];
    const name = `q.${question.id}`;
    if (!answer) continue;
    if (answer.kind === "text") form.append(name, answer.text);
    if (answer.kind === "choice") {
      form.append(name, answer.choice ?? "other");
      if (answer.other !== undefined) form.append(`${name}.other`, answer.other);
    }
    if (answer.kind === "choices") {
      for (const choice of answer.choices) form.append(name, choice);
      if (answer.other !== undefined) form.append(name, "other");
      form.append(`${name}.other`, answer.other ?? "");
    }
    if (answer.kind === "scale") form.append(name, String(answer.value));
    if (answer.kind === "matrix") {
      for (const [row, value] of Object.entries(answer.values))
        form.append(`${name}.${row}`, String(value));
    }
    if (answer.kind === "ordering") {
      answer.order.forEach((key, index) => {
        form.append(`${name}.rank.${key}`, String(index + 1));
      });
    }
  }
  return form;
}

describe("a response from a plain form", () => {
  const read = (entries: [string, string][], questions = survey) =>
    answersFromForm(questions, new URLSearchParams(entries));

  it("round-trips a complete response", () => {
    const raw = answersFromForm(survey, formOf(survey, complete));
    expect(validateResponse(survey, raw)).toEqual({ ok: true, answers: complete });
  });

  it("reads FormData as URLSearchParams, ignoring files", () => {
    const data = new FormData();
    for (const [name, value] of formOf(survey, complete)) data.append(name, value);
    data.append("q.name", new Blob(["file"]), "f.txt");
    expect(answersFromForm(survey, data)).toEqual(
      answersFromForm(survey, formOf(survey, complete)),
    );
  });

  it("leaves out what the form leaves blank", () => {
    expect(
      read([
        ["q.found", ""],
        ["q.trust", " "],
        ["q.grid.price", ""],
        ["q.ranking.rank.a", ""],
        ["other", "x"],
      ]),
    ).toEqual({});
  });

  it("keeps blank text, so that a required one is refused as required", () => {
    expect(read([["q.name", "  "]])).toEqual({ name: { kind: "text", text: "  " } });
  });

  it.each<[string, [string, string][], AnswerValue | undefined]>([
    [
      "other chosen",
      [
        ["q.found", "other"],
        ["q.found.other", "tv"],
      ],
      { kind: "choice", choice: null, other: "tv" },
    ],
    [
      "other chosen without words",
      [["q.found", "other"]],
      { kind: "choice", choice: null, other: "" },
    ],
    [
      "other typed, not chosen",
      [["q.found.other", "tv"]],
      { kind: "choice", choice: null, other: "tv" },
    ],
    [
      "an option chosen, other typed",
      [
        ["q.found", "yes"],
        ["q.found.other", "tv"],
      ],
      { kind: "choice", choice: "yes" },
    ],
  ])("reads a single choice: %s", (_, entries, expected) => {
    expect(read(entries).found).toEqual(expected);
  });

  it.each<[string, [string, string][], AnswerValue | undefined]>([
    [
      "ticked boxes",
      [
        ["q.how", "box"],
        ["q.how", "shop"],
        ["q.how.other", ""],
      ],
      { kind: "choices", choices: ["box", "shop"] },
    ],
    ["other ticked", [["q.how", "other"]], { kind: "choices", choices: [], other: "" }],
    [
      "other typed, not ticked",
      [
        ["q.how", "box"],
        ["q.how.other", "tv"],
      ],
      { kind: "choices", choices: ["box"], other: "tv" },
    ],
    ["nothing", [["q.how.other", " "]], undefined],
  ])("reads a multiple choice: %s", (_, entries, expected) => {
    expect(read(entries).how).toEqual(expected);
  });

  it.each<[string, [string, string][], AnswerValue | undefined]>([
    ["a scale", [["q.trust", "4"]], { kind: "scale", value: 4 }],
    ["a scale that is not a number", [["q.trust", "4x"]], { kind: "scale", value: Number.NaN }],
  ])("reads %s", (_, entries, expected) => {
    expect(read(entries).trust).toEqual(expected);
  });

  it.each<[string, [string, string][], string[] | undefined]>([
    [
      "ranks 1 to n",
      [
        ["q.ranking.rank.a", "2"],
        ["q.ranking.rank.b", "3"],
        ["q.ranking.rank.c", "1"],
      ],
      ["c", "a", "b"],
    ],
    [
      "a rank twice",
      [
        ["q.ranking.rank.a", "1"],
        ["q.ranking.rank.b", "1"],
        ["q.ranking.rank.c", "2"],
      ],
      ["c"],
    ],
    [
      "a rank left out",
      [
        ["q.ranking.rank.a", "1"],
        ["q.ranking.rank.c", "2"],
      ],
      ["a", "c"],
    ],
    [
      "a rank out of range",
      [
        ["q.ranking.rank.a", "1"],
        ["q.ranking.rank.b", "2"],
        ["q.ranking.rank.c", "4"],
      ],
      ["a", "b"],
    ],
  ])("reads an ordering: %s, refusing anything but a permutation", (_, entries, order) => {
    const raw = read(entries);
    expect(raw.ranking).toEqual({ kind: "ordering", order });
    const valid = order?.length === 3;
    expect(validateResponse(survey, { ...complete, ranking: raw.ranking }).ok).toBe(valid);
  });

  it("reads a matrix row by row, keeping out rows it does not ask", () => {
    expect(
      read([
        ["q.grid.price", "2"],
        ["q.grid.taste", "5"],
      ]).grid,
    ).toEqual({ kind: "matrix", values: { price: 2 } });
  });
});

describe("a copy of a survey's questions", () => {
  it("has fresh ids and conditions that follow them", () => {
    let next = 0;
    const copy = copyQuestions(survey, () => `new-${++next}`);
    expect(ids(copy)).toEqual(survey.map((_, index) => `new-${index + 1}`));
    expect(copy[1]?.showIf).toEqual({ questionId: "new-1", equals: "yes" });
    expect(copy[2]?.showIf).toEqual({ questionId: "new-2", equals: "site" });
    expect(copy.map(({ id, showIf, ...rest }) => rest)).toEqual(
      survey.map(({ id, showIf, ...rest }) => rest),
    );
    expect(checkQuestions(copy).ok).toBe(true);
  });

  it("leaves the original untouched, and by default uses random ids the schema accepts", () => {
    const before = structuredClone(survey);
    const copy = copyQuestions(survey);
    expect(survey).toEqual(before);
    expect(new Set([...ids(copy), ...ids(survey)]).size).toBe(survey.length * 2);
    expect(checkQuestions(copy).ok).toBe(true);
    const first = copy[0];
    if (first?.kind === "single_choice" && first.options[0]) first.options[0].label = "changed";
    expect(survey).toEqual(before);
  });
});
