import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Answers, AnswerValue, Question } from "@/lib/reviews/questions";
import { answersFromForm } from "@/lib/reviews/survey-form";
import { copyQuestions, validateResponse, visibleQuestions } from "@/lib/reviews/survey-rules";
import { checkQuestions } from "@/lib/reviews/survey-schema";

// Property tests over arbitrary surveys (every kind, conditions on earlier questions) and
// arbitrary answers to them, a fixed number of runs each.
const runs = { numRuns: 300 };
const keys = ["a", "b", "c", "d"];
const options = (count: number) => keys.slice(0, count).map((key) => ({ key, label: key }));

type Shape = { kind: Question["kind"]; required: boolean; count: number; allowOther: boolean };
const arbitraryShape: fc.Arbitrary<Shape> = fc.record({
  kind: fc.constantFrom<Question["kind"]>(
    "short_text",
    "long_text",
    "single_choice",
    "multiple_choice",
    "scale",
    "matrix",
    "ordering",
  ),
  required: fc.boolean(),
  count: fc.integer({ min: 2, max: 4 }),
  allowOther: fc.boolean(),
});

function questionOf(shape: Shape, id: string): Question {
  const common = { id, prompt: `Question ${id}`, required: shape.required };
  switch (shape.kind) {
    case "short_text":
    case "long_text":
      return { ...common, kind: shape.kind };
    case "single_choice":
    case "multiple_choice":
      return {
        ...common,
        kind: shape.kind,
        options: options(shape.count),
        allowOther: shape.allowOther,
      };
    case "scale":
      return { ...common, kind: "scale", lowLabel: "", highLabel: "" };
    case "matrix":
      return { ...common, kind: "matrix", rows: options(shape.count), lowLabel: "", highLabel: "" };
    case "ordering":
      return { ...common, kind: "ordering", options: options(shape.count) };
  }
}

/** The values a condition may name on a question, as survey-schema.ts allows them. */
function testable(question: Question): string[] {
  if (question.kind === "scale") return ["1", "2", "3", "4", "5"];
  if (question.kind !== "single_choice" && question.kind !== "multiple_choice") return [];
  return [...question.options.map(({ key }) => key), ...(question.allowOther ? ["other"] : [])];
}

// Each question may depend on an earlier one it can be tested on; `pick` chooses which and how.
const arbitrarySurvey: fc.Arbitrary<Question[]> = fc
  .array(fc.tuple(arbitraryShape, fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 8 })
  .map((drafts) => {
    const questions: Question[] = [];
    drafts.forEach(([shape, which, value, conditional], index) => {
      const question = questionOf(shape, `q${index}`);
      const candidates = questions.filter((earlier) => testable(earlier).length > 0);
      const target = candidates[which % Math.max(candidates.length, 1)];
      if (conditional && target) {
        const values = testable(target);
        question.showIf = { questionId: target.id, equals: values[value % values.length] ?? "" };
      }
      questions.push(question);
    });
    return questions;
  });

const text = fc.oneof(
  fc.stringMatching(/^[ a-zé\n]{0,12}$/),
  fc.constantFrom("", "   ", " padded ", "x".repeat(5000), "x".repeat(5001)),
);

/** An answer of the right kind for the question, often valid, sometimes not. */
function arbitraryAnswer(question: Question): fc.Arbitrary<AnswerValue> {
  switch (question.kind) {
    case "short_text":
    case "long_text":
      return text.map((value) => ({ kind: "text", text: value }));
    case "single_choice":
      return fc.oneof(
        fc.constantFrom(...question.options.map(({ key }) => key)).map((choice) => ({
          kind: "choice" as const,
          choice,
        })),
        text.map((other) => ({ kind: "choice" as const, choice: null, other })),
      );
    case "multiple_choice":
      return fc.record(
        {
          kind: fc.constant("choices" as const),
          choices: fc.subarray(question.options.map(({ key }) => key)),
          other: text,
        },
        { requiredKeys: ["kind", "choices"] },
      );
    case "scale":
      return fc.integer({ min: 1, max: 5 }).map((value) => ({ kind: "scale", value }));
    case "matrix":
      return fc
        .subarray(question.rows.map(({ key }) => key))
        .chain((rows) =>
          fc.tuple(
            ...rows.map((row) => fc.tuple(fc.constant(row), fc.integer({ min: 1, max: 5 }))),
          ),
        )
        .map((values) => ({ kind: "matrix", values: Object.fromEntries(values) }));
    case "ordering":
      return fc
        .shuffledSubarray(
          question.options.map(({ key }) => key),
          { minLength: question.options.length },
        )
        .map((order) => ({ kind: "ordering", order }));
  }
}

const arbitraryResponse = arbitrarySurvey.chain((questions) =>
  fc
    .tuple(...questions.map((question) => fc.option(arbitraryAnswer(question), { nil: undefined })))
    .map((answers) => ({
      questions,
      raw: Object.fromEntries(
        questions.flatMap((question, index) =>
          answers[index] ? [[question.id, answers[index]]] : [],
        ),
      ) as Answers,
    })),
);

/** Answers written into a form as a browser would send them (survey-form.ts). */
function formOf(answers: Answers): URLSearchParams {
  const form = new URLSearchParams();
  for (const [id, answer] of Object.entries(answers)) {
    const name = `q.${id}`;
    if (answer.kind === "text") form.append(name, answer.text);
    if (answer.kind === "choice") form.append(name, answer.choice ?? "other");
    if (answer.kind === "choice" && answer.other !== undefined)
      form.append(`${name}.other`, answer.other);
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
      answer.order.forEach((key, rank) => {
        form.append(`${name}.rank.${key}`, String(rank + 1));
      });
    }
  }
  return form;
}

describe("survey rules, for any survey and any response", () => {
  it("generates surveys the secretariat may define", () => {
    fc.assert(
      fc.property(arbitrarySurvey, (questions) => {
        expect(checkQuestions(questions)).toEqual({ ok: true, questions });
      }),
      runs,
    );
  });

  it("keeps only answers to shown questions, and every shown required one", () => {
    fc.assert(
      fc.property(arbitraryResponse, ({ questions, raw }) => {
        const result = validateResponse(questions, raw);
        if (!result.ok) return;
        const shown = visibleQuestions(questions, result.answers);
        const shownIds = shown.map(({ id }) => id);
        for (const id of Object.keys(result.answers)) expect(shownIds).toContain(id);
        for (const question of shown.filter(({ required }) => required)) {
          expect(result.answers[question.id]).toBeDefined();
        }
      }),
      runs,
    );
  });

  it("accepts what it stored, unchanged", () => {
    fc.assert(
      fc.property(arbitraryResponse, ({ questions, raw }) => {
        const result = validateResponse(questions, raw);
        if (result.ok) expect(validateResponse(questions, result.answers)).toEqual(result);
      }),
      runs,
    );
  });

  it("decides a response sent by a plain form as it decides the same answers sent as data", () => {
    fc.assert(
      fc.property(arbitraryResponse, ({ questions, raw }) => {
        const fromForm = answersFromForm(questions, formOf(raw));
        expect(validateResponse(questions, fromForm)).toEqual(validateResponse(questions, raw));
      }),
      runs,
    );
  });

  it("decides a response to a copy as to the original", () => {
    fc.assert(
      fc.property(arbitraryResponse, ({ questions, raw }) => {
        let next = 0;
        const copy = copyQuestions(questions, () => `copy-${next++}`);
        const renamed = (id: string) =>
          `copy-${questions.findIndex((question) => question.id === id)}`;
        const rename = <T>(record: Record<string, T>) =>
          Object.fromEntries(Object.entries(record).map(([id, value]) => [renamed(id), value]));
        const original = validateResponse(questions, raw);
        const copied = validateResponse(copy, rename(raw));
        expect(copied).toEqual(
          original.ok
            ? { ok: true, answers: rename(original.answers) }
            : { ok: false, fieldErrors: rename(original.fieldErrors) },
        );
      }),
      runs,
    );
  });
});
