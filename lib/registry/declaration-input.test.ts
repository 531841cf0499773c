import { describe, expect, it } from "vitest";
import type { FieldErrors } from "@/lib/errors";
import {
  parseAnswers,
  parseProduct,
  saveInputOf,
  startInputOf,
} from "@/lib/registry/declaration-input";

describe("the declaration forms, read", () => {
  it("reads the new-declaration form's release as standard and version", () => {
    expect(
      startInputOf({
        release: "iotmark@1.1.0",
        organisation: "lumen",
        "product.name": "Lamp",
        "product.model": "",
        "product.url": "https://example.org",
        "product.category": "",
      }),
    ).toMatchObject({ standard: "iotmark", release: "1.1.0", product: { name: "Lamp" } });
    expect(
      startInputOf({
        release: "nonsense",
        organisation: "lumen",
        "product.name": "",
        "product.model": "",
        "product.url": "",
        "product.category": "",
      }),
    ).toMatchObject({ standard: "", release: "" });
  });

  it("reads claims in scope and each shown clause's answer from flat fields", () => {
    const input = saveInputOf({
      number: "3",
      intent: "save",
      release: "1.1.0",
      "product.name": "Lamp",
      "product.url": "https://example.org/lamp",
      "claims.SW": "Silver",
      "claims.HW": "",
      "answers.SW-1.answer": "met",
      "answers.SW-1.justification": "Shown.",
      "answers.SW-1.evidence": "https://example.org/a\r\n\r\nhttps://example.org/b\n",
      "answers.SW-2.answer": "",
      "answers.SW-2.justification": "",
      "answers.SW-2.evidence": "",
      $ACTION_ID_abc: "",
    });
    expect(input.claims).toEqual([{ module: "SW", level: "Silver" }]);
    expect(input.product).toEqual({
      name: "Lamp",
      model: "",
      url: "https://example.org/lamp",
      category: "",
    });
    expect(input.answers).toEqual([
      {
        ref: "SW-1",
        answer: "met",
        justification: "Shown.",
        evidence: ["https://example.org/a", "https://example.org/b"],
      },
      { ref: "SW-2", answer: "", justification: "", evidence: [] },
    ]);
  });
});

describe("parsing answers and products", () => {
  it("keys each problem next to its field", () => {
    const problems: FieldErrors = {};
    parseAnswers(
      [
        { ref: "SW-1", answer: "met", justification: "x", evidence: ["mailto:a@example.org"] },
        { ref: "SW-2", answer: "", justification: "Words without a choice.", evidence: [] },
        { ref: "SW-3", answer: "maybe" as "met", justification: "", evidence: [] },
        { ref: "SW-4", answer: "not_met", justification: "j".repeat(2001), evidence: [] },
      ],
      problems,
    );
    expect(problems).toEqual({
      "answers.SW-1.evidence": "invalid_url",
      "answers.SW-2.answer": "required",
      "answers.SW-3.answer": "invalid",
      "answers.SW-4.justification": "too_long",
    });
  });

  it("refuses markup in the product's name and a product page that is not on the web", () => {
    const problems: FieldErrors = {};
    parseProduct(
      { name: "<i>Lamp</i>", model: "", url: "javascript:alert(1)", category: "Light" },
      problems,
    );
    expect(problems).toEqual({
      "product.name": "plain_text_only",
      "product.url": "invalid_url",
    });
    const fine: FieldErrors = {};
    expect(
      parseProduct({ name: " Lamp ", model: "", url: "https://example.org", category: "" }, fine),
    ).toEqual({ name: "Lamp", model: "", url: "https://example.org", category: "" });
    expect(fine).toEqual({});
  });
});
