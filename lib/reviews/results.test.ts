import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { questions, response } from "./fixtures/survey";
import type { Answers, Question } from "./questions";
import {
  type ChoiceResult,
  type MatrixResult,
  meanOf,
  type OrderingResult,
  percentOf,
  type QuestionResult,
  type ScaleResult,
  type SurveyResponse,
  surveyResults,
  type TextResult,
} from "./results";

function resultOf<R extends QuestionResult>(results: QuestionResult[], id: string): R {
  const found = results.find((result) => result.questionId === id);
  if (!found) throw new Error(`no result for ${id}`);
  return found as R;
}

const shares = (result: ChoiceResult) =>
  result.options.map(({ key, count, percent }) => [key, count, percent]);

describe("percentages and means", () => {
  it("round once, from exact counts, to one decimal (halves up)", () => {
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(2, 3)).toBe(66.7);
    expect(percentOf(1, 6)).toBe(16.7);
    expect(percentOf(1, 16)).toBe(6.3);
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(3, 3)).toBe(100);
    expect(percentOf(0, 0)).toBe(0);
  });

  it("give a mean to two decimals, and none for nothing", () => {
    expect(meanOf(5, 3)).toBe(1.67);
    expect(meanOf(1, 8)).toBe(0.13);
    expect(meanOf(9, 2)).toBe(4.5);
    expect(meanOf(0, 0)).toBeNull();
  });
});

describe("surveyResults", () => {
  it("counts nothing for no responses, keeping every option, value and row", () => {
    const results = surveyResults(questions, []);
    expect(results.map((result) => [result.questionId, result.answered, result.total])).toEqual(
      questions.map((question) => [question.id, 0, 0]),
    );
    const bought = resultOf<ChoiceResult>(results, "bought");
    expect(shares(bought)).toEqual([
      ["yes", 0, 0],
      ["no", 0, 0],
      ["unsure", 0, 0],
    ]);
    expect(bought.other).toEqual({ count: 0, percent: 0, texts: [] });
    const trust = resultOf<ScaleResult>(results, "trust");
    expect(trust.distribution.map((share) => share.value)).toEqual([1, 2, 3, 4, 5]);
    expect(trust.mean).toBeNull();
    expect(resultOf<MatrixResult>(results, "clarity").rows.map((row) => row.mean)).toEqual([
      null,
      null,
    ]);
  });

  it("counts a single choice per option in the survey's order, with percentages of answers", () => {
    const results = surveyResults(questions, [
      response({ bought: { kind: "choice", choice: "no" } }),
      response({ bought: { kind: "choice", choice: "yes" } }),
      response({ bought: { kind: "choice", choice: "yes" } }),
      response({ bought: { kind: "choice", choice: null, other: "A friend chose" } }, ["bought"]),
      response({ bought: { kind: "choice", choice: null, other: "My address is …" } }),
      response({}),
    ]);
    const bought = resultOf<ChoiceResult>(results, "bought");
    expect([bought.answered, bought.total]).toEqual([5, 6]);
    expect(shares(bought)).toEqual([
      ["yes", 2, 40],
      ["no", 1, 20],
      ["unsure", 0, 0],
    ]);
    expect(bought.options[0]?.label).toBe("Yes");
    // Both "other" answers count; only the one the secretariat published is shown.
    expect(bought.other).toEqual({ count: 2, percent: 40, texts: ["A friend chose"] });
  });

  it("does not count a choice no longer offered, a blank other, or an other not allowed", () => {
    const noOther: Question[] = [
      {
        id: "q",
        kind: "single_choice",
        prompt: "Q",
        required: false,
        options: [{ key: "a", label: "A" }],
        allowOther: false,
      },
    ];
    const responses = [
      response({ q: { kind: "choice", choice: "gone" } }),
      response({ q: { kind: "choice", choice: null, other: "mine" } }, ["q"]),
      response({ q: { kind: "choice", choice: "a" } }),
    ];
    const result = resultOf<ChoiceResult>(surveyResults(noOther, responses), "q");
    expect([result.answered, result.total, result.other]).toEqual([1, 3, null]);
    expect(shares(result)).toEqual([["a", 1, 100]]);
    const blank = surveyResults(questions, [
      response({ bought: { kind: "choice", choice: null, other: "   " } }, ["bought"]),
    ]);
    expect(resultOf<ChoiceResult>(blank, "bought").answered).toBe(0);
  });

  it("gives a multiple choice's percentages of those who answered, each option once", () => {
    const results = surveyResults(questions, [
      response({ looked: { kind: "choices", choices: ["badge", "registry", "badge"] } }),
      response({ looked: { kind: "choices", choices: ["badge"], other: "The box" } }, ["looked"]),
      response({ looked: { kind: "choices", choices: [], other: "A review" } }),
      response({ looked: { kind: "choices", choices: [] } }),
      response({}),
    ]);
    const looked = resultOf<ChoiceResult>(results, "looked");
    expect([looked.answered, looked.total]).toEqual([3, 5]);
    expect(shares(looked)).toEqual([
      ["badge", 2, 66.7],
      ["registry", 1, 33.3],
      ["evidence", 0, 0],
    ]);
    expect(looked.other).toEqual({ count: 2, percent: 66.7, texts: ["The box"] });
  });

  it("gives a scale's distribution and mean, ignoring values off the scale", () => {
    const values = [1, 2, 2, 5, 0, 6, 2.5];
    const results = surveyResults(
      questions,
      values.map((value) => response({ trust: { kind: "scale", value } })),
    );
    const trust = resultOf<ScaleResult>(results, "trust");
    expect([trust.answered, trust.total, trust.mean]).toEqual([4, 7, 2.5]);
    expect(trust.distribution).toEqual([
      { value: 1, count: 1, percent: 25 },
      { value: 2, count: 2, percent: 50 },
      { value: 3, count: 0, percent: 0 },
      { value: 4, count: 0, percent: 0 },
      { value: 5, count: 1, percent: 25 },
    ]);
    expect([trust.lowLabel, trust.highLabel]).toEqual(["Not at all", "Fully"]);
  });

  it("gives each matrix row its own count, distribution and mean", () => {
    const results = surveyResults(questions, [
      response({ clarity: { kind: "matrix", values: { levels: 4, modules: 2 } } }),
      response({ clarity: { kind: "matrix", values: { levels: 5 } } }),
      response({ clarity: { kind: "matrix", values: { levels: 5, gone: 1 } } }),
      response({ clarity: { kind: "matrix", values: { gone: 3, modules: 9 } } }),
    ]);
    const clarity = resultOf<MatrixResult>(results, "clarity");
    expect([clarity.answered, clarity.total]).toEqual([3, 4]);
    const [levels, modules] = clarity.rows;
    expect([levels?.key, levels?.answered, levels?.mean]).toEqual(["levels", 3, 4.67]);
    expect(levels?.distribution.map((share) => share.count)).toEqual([0, 0, 0, 1, 2]);
    expect(levels?.distribution[4]?.percent).toBe(66.7);
    expect([modules?.key, modules?.answered, modules?.mean]).toEqual(["modules", 1, 2]);
  });

  it("ranks an ordering by average place, best first, ties and unranked in the survey's order", () => {
    const order = (...keys: string[]) =>
      response({ priorities: { kind: "ordering", order: keys } });
    const results = surveyResults(questions, [
      order("updates", "privacy", "price"),
      order("privacy", "updates", "price"),
      order("gone", "price", "price", "privacy"),
    ]);
    const priorities = resultOf<OrderingResult>(results, "priorities");
    expect(priorities.answered).toBe(3);
    // privacy: 2, 1, 2 → 1.67; updates: 1, 2 → 1.5; price: 3, 3, 1 → 2.33.
    expect(priorities.options).toEqual([
      { key: "updates", label: "Updates", count: 2, averageRank: 1.5 },
      { key: "privacy", label: "Privacy", count: 3, averageRank: 1.67 },
      { key: "price", label: "Price", count: 3, averageRank: 2.33 },
    ]);
    const tie = surveyResults(questions, [order("price", "updates"), order("updates", "price")]);
    expect(resultOf<OrderingResult>(tie, "priorities").options.map((o) => o.key)).toEqual([
      "updates",
      "price",
      "privacy",
    ]);
    expect(resultOf<OrderingResult>(tie, "priorities").options[2]?.averageRank).toBeNull();
  });

  it("sorts an ordering on exact averages, not on their rounding", () => {
    // Privacy first 999 times, updates 1,001 times: 1.5005 against 1.4995, both shown as 1.5,
    // and updates, though listed after privacy, is the better placed.
    const order = (keys: string[]) => response({ priorities: { kind: "ordering", order: keys } });
    const results = surveyResults(questions, [
      ...Array.from({ length: 999 }, () => order(["privacy", "updates", "price"])),
      ...Array.from({ length: 1001 }, () => order(["updates", "privacy", "price"])),
    ]);
    const options = resultOf<OrderingResult>(results, "priorities").options;
    expect(options.map((o) => [o.key, o.averageRank])).toEqual([
      ["updates", 1.5],
      ["privacy", 1.5],
      ["price", 3],
    ]);
  });

  it("counts every text but shows only the published ones, never another question's", () => {
    const results = surveyResults(questions, [
      response({ why: { kind: "text", text: "Clear evidence" } }, ["why"]),
      response({ why: { kind: "text", text: "My neighbour Jane Doe said so" } }, ["name"]),
      response({ why: { kind: "text", text: "  " } }, ["why"]),
      response({ name: { kind: "text", text: "Thermostat" } }, ["name", "why"]),
    ]);
    const why = resultOf<TextResult>(results, "why");
    expect([why.answered, why.total, why.texts]).toEqual([2, 4, ["Clear evidence"]]);
    expect(resultOf<TextResult>(results, "name").texts).toEqual(["Thermostat"]);
    expect(JSON.stringify(results)).not.toContain("Jane Doe");
  });

  it("counts a hidden or skipped question in the total only, and ignores answers of another kind", () => {
    const results = surveyResults(questions, [
      response({ bought: { kind: "choice", choice: "no" } }),
      response({ bought: { kind: "scale", value: 3 }, trust: { kind: "text", text: "5" } }),
    ]);
    expect(results.map((result) => [result.questionId, result.answered, result.total])).toEqual([
      ["bought", 1, 2],
      ["why", 0, 2],
      ["looked", 0, 2],
      ["trust", 0, 2],
      ["clarity", 0, 2],
      ["priorities", 0, 2],
      ["name", 0, 2],
    ]);
  });

  it("takes 10,000 responses in one pass, and its totals add up", () => {
    const keys = ["yes", "no", "unsure"];
    function* generated(): Generator<SurveyResponse> {
      for (let i = 0; i < 10_000; i++) {
        const answers: Answers = {
          bought: { kind: "choice", choice: keys[i % 3] ?? null },
          trust: { kind: "scale", value: (i % 5) + 1 },
        };
        if (i % 3 === 0) answers.why = { kind: "text", text: `because ${i}` };
        if (i % 2 === 0) answers.looked = { kind: "choices", choices: ["badge", "evidence"] };
        yield response(answers, i % 300 === 0 ? ["why"] : []);
      }
    }
    const results = surveyResults(questions, generated());
    const bought = resultOf<ChoiceResult>(results, "bought");
    expect([bought.answered, bought.total]).toEqual([10_000, 10_000]);
    expect(shares(bought)).toEqual([
      ["yes", 3334, 33.3],
      ["no", 3333, 33.3],
      ["unsure", 3333, 33.3],
    ]);
    const trust = resultOf<ScaleResult>(results, "trust");
    expect(trust.distribution.map((share) => share.count)).toEqual([2000, 2000, 2000, 2000, 2000]);
    expect(trust.mean).toBe(3);
    const why = resultOf<TextResult>(results, "why");
    expect([why.answered, why.texts.length]).toEqual([3334, 34]);
    const looked = resultOf<ChoiceResult>(results, "looked");
    expect(shares(looked)).toEqual([
      ["badge", 5000, 100],
      ["registry", 0, 0],
      ["evidence", 5000, 100],
    ]);
  });
});

/** Answers of any shape a stored response might hold, valid or not, for the properties. */
const anyAnswer: fc.Arbitrary<Answers[string]> = fc.oneof(
  fc.record({ kind: fc.constant("text" as const), text: fc.string({ maxLength: 8 }) }),
  fc.record(
    {
      kind: fc.constant("choice" as const),
      choice: fc.constantFrom("yes", "no", "unsure", "gone", null),
      other: fc.constantFrom("", " ", "mine"),
    },
    { requiredKeys: ["kind", "choice"] },
  ),
  fc.record(
    {
      kind: fc.constant("choices" as const),
      choices: fc.array(fc.constantFrom("badge", "registry", "evidence", "gone"), { maxLength: 5 }),
      other: fc.constantFrom("", "mine"),
    },
    { requiredKeys: ["kind", "choices"] },
  ),
  fc.record({ kind: fc.constant("scale" as const), value: fc.integer({ min: -1, max: 7 }) }),
  fc.record({
    kind: fc.constant("matrix" as const),
    values: fc.dictionary(
      fc.constantFrom("levels", "modules", "gone"),
      fc.integer({ min: 0, max: 6 }),
    ),
  }),
  fc.record({
    kind: fc.constant("ordering" as const),
    order: fc.array(fc.constantFrom("privacy", "updates", "price", "gone"), { maxLength: 5 }),
  }),
);

const anyResponses = fc.array(
  fc
    .tuple(
      fc.dictionary(fc.constantFrom(...questions.map((q) => q.id)), anyAnswer),
      fc.subarray(questions.map((q) => q.id)),
    )
    .map(([answers, publishable]) => response(answers, publishable)),
  { maxLength: 30 },
);

describe("surveyResults, for any responses", () => {
  it("never counts more than answered, nor answered more than the total", () => {
    fc.assert(
      fc.property(anyResponses, (responses) => {
        for (const result of surveyResults(questions, responses)) {
          expect(result.total).toBe(responses.length);
          expect(result.answered).toBeLessThanOrEqual(result.total);
          if (result.kind === "single_choice") {
            const sum = result.options.reduce((n, o) => n + o.count, result.other?.count ?? 0);
            expect(sum).toBe(result.answered);
          }
          if (result.kind === "multiple_choice")
            for (const option of result.options)
              expect(option.count).toBeLessThanOrEqual(result.answered);
          if (result.kind === "scale") {
            expect(result.distribution.reduce((n, s) => n + s.count, 0)).toBe(result.answered);
            if (result.mean !== null) expect(result.mean).toBeGreaterThanOrEqual(1);
            if (result.mean !== null) expect(result.mean).toBeLessThanOrEqual(5);
          }
          if (result.kind === "ordering")
            for (const option of result.options)
              expect(option.count).toBeLessThanOrEqual(result.answered);
        }
      }),
      { numRuns: 200, seed: 18 },
    );
  });

  it("shows only text marked publishable in its own response", () => {
    fc.assert(
      fc.property(anyResponses, (responses) => {
        const published = new Set(
          responses.flatMap((r) =>
            Object.entries(r.answers)
              .filter(([id]) => r.publishableText.has(id))
              .flatMap(([, a]) => ("text" in a ? [a.text] : "other" in a ? [a.other] : [])),
          ),
        );
        for (const result of surveyResults(questions, responses)) {
          const texts =
            result.kind === "short_text" || result.kind === "long_text"
              ? result.texts
              : "other" in result
                ? (result.other?.texts ?? [])
                : [];
          for (const text of texts) expect(published.has(text)).toBe(true);
        }
      }),
      { numRuns: 200, seed: 18 },
    );
  });
});
