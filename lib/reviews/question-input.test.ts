import { describe, expect, it } from "vitest";
import {
  fieldOfPath,
  moved,
  nextQuestionId,
  optionsFromLines,
  questionFromFields,
} from "./question-input";
import { checkQuestions } from "./survey-schema";

describe("the question editor's fields", () => {
  it("reads options one per line, keyed or given a key", () => {
    expect(
      optionsFromLines("yes: Yes, often\n\n  Not really \r\nOther\nNot really\n¡Olé!"),
    ).toEqual([
      { key: "yes", label: "Yes, often" },
      { key: "not-really", label: "Not really" },
      { key: "other-option", label: "Other" },
      { key: "not-really-2", label: "Not really" },
      { key: "ole", label: "¡Olé!" },
    ]);
    expect(optionsFromLines("???")).toEqual([{ key: "option-1", label: "???" }]);
  });

  it("makes a question the schema accepts, with its condition", () => {
    const first = questionFromFields(
      {
        kind: "single_choice",
        prompt: "Did the mark help?",
        help: "",
        required: true,
        options: "Yes\nNo",
        allowOther: true,
        lowLabel: "",
        highLabel: "",
        conditionQuestion: "",
        conditionValue: "",
      },
      "q1",
    );
    const second = questionFromFields(
      {
        kind: "matrix",
        prompt: "Rate",
        help: "",
        required: false,
        options: "Price\nQuality",
        allowOther: false,
        lowLabel: "Poor",
        highLabel: "Good",
        conditionQuestion: "q1",
        conditionValue: " yes ",
      },
      nextQuestionId(["q1"]),
    );
    const checked = checkQuestions([first, second]);
    expect(checked.ok).toBe(true);
    expect(second).toMatchObject({ id: "q2", rows: [{ key: "price" }, { key: "quality" }] });
    expect(second.showIf).toEqual({ questionId: "q1", equals: "yes" });
  });

  it("names the field a problem belongs to, and moves questions", () => {
    expect(fieldOfPath("rows.1.label")).toBe("options");
    expect(fieldOfPath("showIf")).toBe("conditionValue");
    expect(fieldOfPath("prompt")).toBe("prompt");
    expect(nextQuestionId(["q1", "q3"])).toBe("q4");
    expect(moved(["a", "b", "c"], 0, "down")).toEqual(["b", "a", "c"]);
    expect(moved(["a", "b", "c"], 0, "up")).toEqual(["a", "b", "c"]);
  });
});
