import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, surveyCsv, surveyJson } from "./export";
import { parseCsv, questions, response } from "./fixtures/survey";
import type { Answers, Question } from "./questions";
import type { ChoiceResult, SurveyResponse } from "./results";

const HEADER = [
  "response",
  "Did the mark help you choose?",
  "Did the mark help you choose? [other text]",
  "Why?",
  "What did you look at? [The badge]",
  "What did you look at? [The registry listing]",
  "What did you look at? [The evidence]",
  "What did you look at? [other]",
  "What did you look at? [other text]",
  "How far do you trust the mark?",
  "How clear is [the levels]",
  "How clear is [the modules]",
  "What matters most? [Privacy]",
  "What matters most? [Updates]",
  "What matters most? [Price]",
  "Product",
];

const full: Answers = {
  bought: { kind: "choice", choice: "yes" },
  why: { kind: "text", text: "The evidence was public" },
  looked: { kind: "choices", choices: ["evidence", "badge"], other: "The box" },
  trust: { kind: "scale", value: 4 },
  clarity: { kind: "matrix", values: { levels: 5, modules: 2 } },
  priorities: { kind: "ordering", order: ["updates", "privacy"] },
  name: { kind: "text", text: "Thermostat" },
};

/** The one who said no: the conditional "Why?" was hidden, so it has no answer at all. */
const hidden: Answers = {
  bought: { kind: "choice", choice: null, other: "My landlord, Mr Smith, chose" },
  trust: { kind: "scale", value: 2 },
  name: { kind: "text", text: '=HYPERLINK("http://x","y")' },
};

const responses = (): SurveyResponse[] => [
  response(full, ["why", "looked"]),
  response(hidden, ["name"]),
  response({}),
];

describe("csvCell", () => {
  it("quotes commas, quotes and line breaks, doubling quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a, b")).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("two\r\nlines")).toBe('"two\r\nlines"');
    expect(csvCell("")).toBe("");
  });

  it("keeps a spreadsheet from running a cell as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"])
      expect(csvCell(`${start}1+1`).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell("=SUM(A1,A2)")).toBe(`"'=SUM(A1,A2)"`);
    expect(csvCell("-5 degrees")).toBe("'-5 degrees");
    expect(csvCell("a=b")).toBe("a=b");
  });
});

describe("surveyCsv", () => {
  it("writes a header of stable names, then one row per response numbered from 1", () => {
    const csv = surveyCsv(questions, responses(), { includeText: "publishable" });
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(HEADER);
    expect(rows.map((row) => row[0])).toEqual(["response", "1", "2", "3"]);
    expect(csv).not.toMatch(/r\d+/);
  });

  it("gives every question its columns in every row, blank when unanswered, never shifted", () => {
    const rows = parseCsv(surveyCsv(questions, responses(), { includeText: "all" }));
    for (const row of rows) expect(row).toHaveLength(HEADER.length);
    const [, first, second, third] = rows;
    expect(first).toEqual([
      "1",
      "Yes",
      "",
      "The evidence was public",
      "1",
      "",
      "1",
      "1",
      "The box",
      "4",
      "5",
      "2",
      "2",
      "1",
      "",
      "Thermostat",
    ]);
    expect(second).toEqual([
      "2",
      "other",
      "My landlord, Mr Smith, chose",
      "",
      "",
      "",
      "",
      "",
      "",
      "2",
      "",
      "",
      "",
      "",
      "",
      '\'=HYPERLINK("http://x","y")',
    ]);
    expect(third).toEqual(["3", ...HEADER.slice(1).map(() => "")]);
  });

  it("leaves unpublished free text blank in the public export, and only that", () => {
    const csv = surveyCsv(questions, responses(), { includeText: "publishable" });
    expect(csv).not.toContain("Mr Smith");
    expect(csv).not.toContain("Thermostat");
    const [, first, second] = parseCsv(csv);
    // Published: the first response's "Why?" and its "other" text; the second's product name.
    expect(first?.[3]).toBe("The evidence was public");
    expect(first?.[8]).toBe("The box");
    expect(first?.[15]).toBe("");
    // Withheld text leaves the choice it came with: an "other" answer was given.
    expect(second?.slice(1, 3)).toEqual(["other", ""]);
    expect(second?.[15]).toBe('\'=HYPERLINK("http://x","y")');
  });

  it("follows RFC 4180: CRLF after every line, quoted fields with their line breaks", () => {
    const csv = surveyCsv(
      questions,
      [response({ why: { kind: "text", text: 'Two lines,\n"quoted"' } }, ["why"])],
      { includeText: "publishable" },
    );
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.split("\r\n")).toHaveLength(3);
    expect(csv).toContain(',"Two lines,\n""quoted""",');
    expect(parseCsv(csv)[1]?.[3]).toBe('Two lines,\n"quoted"');
  });

  it("guards headers too, and tells repeated prompts apart", () => {
    const twice: Question[] = [
      { id: "a", kind: "short_text", prompt: "=Name", required: false },
      { id: "b", kind: "short_text", prompt: "=Name", required: false },
      { id: "c", kind: "short_text", prompt: "=Name (2)", required: false },
      { id: "d", kind: "short_text", prompt: "=Name", required: false },
    ];
    const [header] = parseCsv(surveyCsv(twice, [], { includeText: "all" }));
    expect(header).toEqual(["response", "'=Name", "'=Name (3)", "'=Name (2)", "'=Name (4)"]);
  });

  it("writes nothing for answers no longer offered or off the scale", () => {
    const stale = response({
      bought: { kind: "choice", choice: "gone" },
      trust: { kind: "scale", value: 9 },
      priorities: { kind: "ordering", order: ["gone", "price"] },
    });
    const [, row] = parseCsv(surveyCsv(questions, [stale], { includeText: "all" }));
    expect(row).toEqual(["1", ...HEADER.slice(1, 14).map(() => ""), "1", ""]);
  });

  it("writes 10,000 responses, one row each, with the results' counts", () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      response({
        looked: { kind: "choices", choices: i % 4 === 0 ? ["registry"] : ["badge"] },
        trust: { kind: "scale", value: (i % 5) + 1 },
      }),
    );
    const rows = parseCsv(surveyCsv(questions, many, { includeText: "publishable" }));
    expect(rows).toHaveLength(10_001);
    expect(rows.at(-1)?.[0]).toBe("10000");
    const column = (name: string) => rows.slice(1).map((row) => row[HEADER.indexOf(name)]);
    expect(
      column("What did you look at? [The registry listing]").filter((c) => c === "1"),
    ).toHaveLength(2500);
    expect(column("How far do you trust the mark?").filter((c) => c === "5")).toHaveLength(2000);
  });
});

describe("surveyJson", () => {
  it("gives questions, results and numbered responses, every question present or null", () => {
    const json = surveyJson(questions, responses(), { includeText: "publishable" });
    expect(json.questions).toEqual(questions);
    expect(json.results.map((result) => result.questionId)).toEqual(questions.map((q) => q.id));
    expect(json.responses.map((r) => r.response)).toEqual([1, 2, 3]);
    expect(json.responses[2]?.answers).toEqual(
      Object.fromEntries(questions.map((q) => [q.id, null])),
    );
    expect(json.responses[0]?.answers).toEqual({
      bought: { kind: "choice", choice: "yes" },
      why: { kind: "text", text: "The evidence was public" },
      looked: { kind: "choices", choices: ["badge", "evidence"], other: "The box" },
      trust: { kind: "scale", value: 4 },
      clarity: { kind: "matrix", values: { levels: 5, modules: 2 } },
      priorities: { kind: "ordering", order: ["updates", "privacy"] },
      name: { kind: "text", text: null },
    });
    expect(JSON.stringify(json)).not.toMatch(/"r\d+"/);
  });

  it("withholds unpublished text as null, in the responses and in the results", () => {
    const json = surveyJson(questions, responses(), { includeText: "publishable" });
    const text = JSON.stringify(json);
    expect(text).not.toContain("Mr Smith");
    expect(text).not.toContain("Thermostat");
    expect(json.responses[1]?.answers.bought).toEqual({
      kind: "choice",
      choice: null,
      other: null,
    });
    const bought = json.results.find((r) => r.questionId === "bought") as ChoiceResult;
    expect(bought.other).toEqual({ count: 1, percent: 50, texts: [] });
  });

  it("shows all text in the secretariat's export, and still only published text in its results", () => {
    const json = surveyJson(questions, responses(), { includeText: "all" });
    expect(json.responses[1]?.answers.bought).toEqual({
      kind: "choice",
      choice: null,
      other: "My landlord, Mr Smith, chose",
    });
    expect(json.responses[0]?.answers.name).toEqual({ kind: "text", text: "Thermostat" });
    expect(JSON.stringify(json.results)).not.toContain("Mr Smith");
  });
});

const anyAnswers = fc.record(
  {
    bought: fc.record({
      kind: fc.constant("choice" as const),
      choice: fc.constantFrom("yes", "no", null),
      other: fc.constantFrom("x,y", 'q"', "=1"),
    }),
    why: fc.record({ kind: fc.constant("text" as const), text: fc.string({ maxLength: 6 }) }),
    looked: fc.record({
      kind: fc.constant("choices" as const),
      choices: fc.subarray(["badge", "registry", "evidence"]),
    }),
    clarity: fc.record({
      kind: fc.constant("matrix" as const),
      values: fc.dictionary(fc.constantFrom("levels", "modules"), fc.integer({ min: 1, max: 5 })),
    }),
    name: fc.record({ kind: fc.constant("text" as const), text: fc.string({ maxLength: 6 }) }),
  },
  { requiredKeys: [] },
);

describe("surveyCsv, for any responses", () => {
  it("reads back as a rectangle whose columns agree with the results", () => {
    fc.assert(
      fc.property(fc.array(anyAnswers, { maxLength: 25 }), (answers) => {
        const all = answers.map((a) => response(a as Answers, ["why", "name", "bought"]));
        const rows = parseCsv(surveyCsv(questions, all, { includeText: "publishable" }));
        expect(rows).toHaveLength(all.length + 1);
        for (const row of rows) expect(row).toHaveLength(HEADER.length);
        const json = surveyJson(questions, all, { includeText: "publishable" });
        const looked = json.results.find((r) => r.questionId === "looked") as ChoiceResult;
        looked.options.forEach((option, i) => {
          const ones = rows.slice(1).filter((row) => row[4 + i] === "1");
          expect(ones).toHaveLength(option.count);
        });
      }),
      { numRuns: 150, seed: 18 },
    );
  });
});
