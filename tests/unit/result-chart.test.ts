import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ResultChart, type ResultChartWords } from "@/components/reviews/result-chart";
import type { Question } from "@/lib/reviews/questions";
import { type ChoiceResult, type ScaleResult, surveyResults } from "@/lib/reviews/results";

const words: ResultChartWords = {
  title: "Did the mark help you choose?",
  option: "Option",
  count: "Responses",
  percent: "Percent",
  answered: "Answered",
  mean: "Mean",
  other: "Other",
};

const questions: Question[] = [
  {
    id: "helped",
    kind: "single_choice",
    prompt: "Did the mark help you choose?",
    required: true,
    options: [
      { key: "yes", label: "Yes" },
      { key: "no", label: "<script>alert(1)</script>" },
    ],
    allowOther: true,
  },
  {
    id: "trust",
    kind: "scale",
    prompt: "Trust",
    required: true,
    lowLabel: "Low",
    highLabel: "High",
  },
];

const answers = [
  { helped: "yes", trust: 5 },
  { helped: "yes", trust: 4 },
  { helped: "no", trust: 4 },
  { helped: null, trust: 1 },
];
const [choice, scale] = surveyResults(
  questions,
  answers.map((a, i) => ({
    id: `r${i}`,
    answers: {
      helped: { kind: "choice", choice: a.helped, ...(a.helped ? {} : { other: "Price" }) },
      trust: { kind: "scale", value: a.trust },
    },
    publishableText: new Set<string>(),
  })),
) as [ChoiceResult, ScaleResult];

const render = (result: ChoiceResult | ScaleResult, locale = "en") =>
  renderToStaticMarkup(createElement(ResultChart, { result, words, locale }));

/** The markup between an element's opening tag and its closing one. */
const part = (html: string, tag: string) => {
  const found = html.match(new RegExp(`<${tag}[\\s>][\\s\\S]*</${tag}>`));
  if (!found) throw new Error(`no <${tag}>`);
  return found[0];
};

describe("ResultChart", () => {
  it("draws an SVG named by its title and described by its figures", () => {
    const svg = part(render(choice), "svg");
    const label = svg.match(/aria-labelledby="([^"]+)"/)?.[1];
    const described = svg.match(/aria-describedby="([^"]+)"/)?.[1];
    expect(svg).toContain('role="img"');
    expect(svg).toContain(`<title id="${label}">Did the mark help you choose?</title>`);
    expect(svg).toContain(`<desc id="${described}">Yes: 2 (50%); `);
    expect(svg).toMatch(/viewBox="0 0 320 \d+"/);
    expect(svg).toContain('width="100%"');
    expect(svg).not.toContain("<table");
    // One bar per option and one for "other", each with its percentage written out.
    for (const text of ["Yes", "Other", "50%", "25%"]) expect(svg).toContain(`>${text}</text>`);
    expect(svg).toContain("fill-accent");
  });

  it("puts the same figures in a table with a caption and headers", () => {
    const table = part(render(choice), "table");
    expect(table).toContain("<caption");
    expect(table).toContain(">Did the mark help you choose?</caption>");
    for (const head of ["Option", "Responses", "Percent"])
      expect(table).toMatch(new RegExp(`<th scope="col"[^>]*>${head}</th>`));
    const rows = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
      [...(row[1] ?? "").matchAll(/>([^<]*)<\/t[hd]>/g)].map((cell) => cell[1]),
    );
    expect(rows).toEqual([
      ["Option", "Responses", "Percent"],
      ["Yes", "2", "50%"],
      ["&lt;script&gt;alert(1)&lt;/script&gt;", "1", "25%"],
      ["Other", "1", "25%"],
      ["Answered", "4", "100%"],
    ]);
    expect(table).toMatch(/<th scope="row"[^>]*>Yes<\/th>/);
  });

  it("escapes an option's label everywhere it is written", () => {
    const html = render(choice);
    expect(html).not.toContain("<script");
    expect(html.match(/&lt;script&gt;alert\(1\)&lt;\/script&gt;/g)).toHaveLength(3);
  });

  it("draws a scale's five values with its ends named, and its mean in the table", () => {
    const html = render(scale);
    const svg = part(html, "svg");
    expect(svg).toContain(">1 (Low)</text>");
    expect(svg).toContain(">5 (High)</text>");
    expect(svg.match(/<g>/g)).toHaveLength(5);
    expect(svg).toContain("Mean: 3.50</desc>");
    const table = part(html, "table");
    expect(table).toMatch(/<th scope="row"[^>]*>Mean<\/th><td colSpan="2"[^>]*>3.50<\/td>/);
  });

  it("writes numbers the reader's way", () => {
    const html = render(scale, "fr");
    expect(html).toContain("3,50");
    expect(html).toMatch(/50\s%/);
  });

  it("gives two charts on one page different ids", () => {
    const page = renderToStaticMarkup(
      createElement("div", null, [
        createElement(ResultChart, { key: "a", result: choice, words, locale: "en" }),
        createElement(ResultChart, { key: "b", result: scale, words, locale: "en" }),
      ]),
    );
    const ids = [...page.matchAll(/ id="([^"]+)"/g)].map((match) => match[1]);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
  });
});
