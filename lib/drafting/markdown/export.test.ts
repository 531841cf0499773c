import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exportStandard } from "@/lib/drafting/markdown/document";
import { bullets, doc, parsed, small, smallMarkdown } from "@/lib/drafting/markdown/test-standard";
import { normaliseRichText } from "@/lib/drafting/markdown/text";
import type { ClauseDocument } from "@/lib/drafting/markdown/types";
import { strengths } from "@/lib/drafting/rich-text";

describe("exportStandard", () => {
  it("writes front matter, every module heading and regular clause sections", () => {
    expect(exportStandard(small)).toBe(smallMarkdown);
    const bare = { ...small, modules: [], levels: [], clauses: [] };
    expect(exportStandard(bare)).toBe(
      '---\nslug: "mini"\nname: "Mini mark"\nsummary: "Two lines,\\n\\"quoted\\""\nmodules: []\nlevels: []\n---\n',
    );
  });

  it("keeps any character in front matter strings", () => {
    const odd = {
      ...small,
      name: 'N\u2028"x"\\',
      summary: "\u0000\ud800\n\t·",
      modules: [],
      clauses: [],
    };
    expect(parsed(exportStandard(odd))).toEqual(odd);
  });

  it("refuses a clause whose module is not in the standard", () => {
    const [first] = small.clauses as [ClauseDocument];
    expect(() => exportStandard({ ...small, clauses: [{ ...first, moduleCode: "HW" }] })).toThrow(
      "Clause SW-2 belongs to unknown module HW",
    );
  });
});

describe("standards round trip", () => {
  const unit = fc.constantFrom(..."aZ9 #*_`[]<>()·:-\\\u2028".split(""), "é", "😀");
  const name = fc
    .string({ unit, minLength: 1, maxLength: 10 })
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  const anyText = fc.string({ unit: "binary", maxLength: 20 });
  const inline = fc.oneof(
    fc.record({
      type: fc.constant("text"),
      text: fc.string({ unit, maxLength: 6 }),
      marks: fc.subarray([{ type: "bold" }, { type: "italic" }, { type: "code" }]),
    }),
    fc.constant({ type: "hardBreak" }),
  );
  const para = fc
    .array(inline, { maxLength: 4 })
    .map((content) => ({ type: "paragraph", content }));
  const block = fc.oneof(
    para,
    fc.array(para, { minLength: 1, maxLength: 2 }).map((ps) => bullets(...ps.map((x) => [x]))),
  );
  const rich = fc.array(block, { maxLength: 3 }).map((content) => doc(...content));
  const clauseOf = (code: string, n: number, levels: string[]) =>
    fc
      .record({
        title: name,
        level: levels.length
          ? fc.option(fc.constantFrom(...levels), { nil: null })
          : fc.constant(null),
        strength: fc.constantFrom(...strengths),
        retired: fc.boolean(),
        body: rich,
        assessment: rich,
        examples: rich,
      })
      .map((c): ClauseDocument => ({ ref: `${code}-${n}`, moduleCode: code, ...c }));
  const standardArb = fc
    .record({
      codes: fc.uniqueArray(fc.stringMatching(/^[A-Z][A-Z0-9]{0,9}$/), { maxLength: 4 }),
      levelNames: fc.uniqueArray(name, { maxLength: 3 }),
    })
    .chain(({ codes, levelNames }) =>
      fc.record({
        slug: fc.stringMatching(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
        name,
        summary: anyText,
        modules: fc.tuple(
          ...codes.map((code) => fc.record({ code: fc.constant(code), name, summary: anyText })),
        ),
        levels: fc.tuple(
          ...levelNames.map((n) => fc.record({ name: fc.constant(n), summary: anyText })),
        ),
        clauses: fc
          .tuple(
            ...codes.map((code) =>
              fc
                .uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 3 })
                .chain((ns) => fc.tuple(...ns.map((n) => clauseOf(code, n, levelNames)))),
            ),
          )
          .map((groups) => groups.flat()),
      }),
    );

  // Fixed size: 100 standards of at most 4 modules, 12 clauses and 36 short rich-text fields,
  // about a second on an idle machine; the budget leaves room for a busy two-core one.
  it("parses every exported standard back to the same standard and the same bytes", {
    timeout: 30_000,
  }, () => {
    fc.assert(
      fc.property(standardArb, (standard) => {
        const markdown = exportStandard(standard);
        const back = parsed(markdown);
        expect(exportStandard(back)).toBe(markdown);
        const canonical = (c: ClauseDocument) => ({
          ...c,
          body: normaliseRichText(c.body),
          assessment: normaliseRichText(c.assessment),
          examples: normaliseRichText(c.examples),
        });
        expect(back).toEqual({ ...standard, clauses: standard.clauses.map(canonical) });
      }),
      { numRuns: 100 },
    );
  });
});
