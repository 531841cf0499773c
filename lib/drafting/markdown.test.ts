import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ClauseDocument,
  deriveModuleCode,
  exportStandard,
  inferStrength,
  parsePlainDocument,
  parseStandard,
  type StandardDocument,
} from "@/lib/drafting/markdown";
import { normaliseRichText } from "@/lib/drafting/markdown-text";
import { emptyRichText, type RichText, strengths } from "@/lib/drafting/rich-text";

const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
type Mark = { type: string; attrs?: Record<string, string> };
const t = (text: string, ...marks: Mark[]): RichText =>
  marks.length ? { type: "text", text, marks } : { type: "text", text };
const p = (...content: RichText[]): RichText => ({ type: "paragraph", content });
const doc = (...content: RichText[]): RichText => ({ type: "doc", content });
const bullets = (...items: RichText[][]): RichText => ({
  type: "bulletList",
  content: items.map((content) => ({ type: "listItem", content })),
});
const parsed = (markdown: string): StandardDocument => {
  const result = parseStandard(markdown);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.standard;
};
const problems = (result: ReturnType<typeof parseStandard>) => (result.ok ? [] : result.problems);
const clause = (standard: StandardDocument, ref: string) =>
  standard.clauses.find((c) => c.ref === ref);

const small: StandardDocument = {
  slug: "mini",
  name: "Mini mark",
  summary: 'Two lines,\n"quoted"',
  modules: [
    { code: "SW", name: "Software  and\tfirmware", summary: "" },
    { code: "EMPTY", name: "Empty", summary: "No clauses yet." },
  ],
  levels: [{ name: "Bronze", summary: "" }],
  clauses: [
    {
      ref: "SW-2",
      moduleCode: "SW",
      title: " Signed\nupdates ",
      level: "Bronze",
      strength: "MUST",
      retired: true,
      body: doc(p(t("Only "), t("signed", { type: "bold" }), t(" images."))),
      assessment: emptyRichText(),
      examples: doc({ type: "paragraph" }),
    },
  ],
};
const smallMarkdown = `---
slug: "mini"
name: "Mini mark"
summary: "Two lines,\\n\\"quoted\\""
modules:
  - code: "SW"
    name: "Software and firmware"
    summary: ""
  - code: "EMPTY"
    name: "Empty"
    summary: "No clauses yet."
levels:
  - name: "Bronze"
    summary: ""
---

## Software and firmware (SW)

### SW-2 Signed updates

Level: Bronze · Strength: MUST
Status: retired

Only **signed** images.

#### Assessment

#### Examples

## Empty (EMPTY)
`;

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

describe("parseStandard", () => {
  const exported = fixture("iotmark-export.md");

  it("reads the fixture and writes it back byte for byte", () => {
    const standard = parsed(exported);
    expect(exportStandard(standard)).toBe(exported);
    expect(standard.modules.map((m) => m.code)).toEqual(["ORG", "HW", "SW", "LEGAL", "DATA"]);
    expect(standard.levels.map((l) => l.name)).toEqual(["Bronze", "Silver", "Gold"]);
    expect(standard.summary).toBe(
      "A voluntary label for connected consumer devices.\nIt tells a buyer what to expect about privacy, security, openness, repair and support.",
    );
    expect(
      standard.clauses.map(
        (c) => `${c.ref} ${c.level ?? "-"} ${c.strength}${c.retired ? " retired" : ""}`,
      ),
    ).toEqual([
      "ORG-1 Bronze MUST",
      "ORG-2 Bronze MUST",
      "HW-1 Silver SHOULD",
      "HW-2 - MAY",
      "SW-1 Bronze MUST",
      "SW-2 Silver MUST retired",
      "SW-3 Bronze MUST",
      "LEGAL-1 Silver SHOULD",
      "DATA-1 Bronze MUST",
      "DATA-2 Gold SHOULD",
    ]);
    expect(clause(standard, "ORG-1")?.body.content?.[1]).toEqual(
      bullets(
        [
          p(
            t("where to send a report, for example "),
            t("security@vendor.example", {
              type: "link",
              attrs: { href: "mailto:security@vendor.example" },
            }),
            t(";"),
          ),
        ],
        [
          p(
            t("how soon a first reply arrives (at most "),
            t("five working days", { type: "italic" }),
            t(");"),
          ),
        ],
        [p(t("that research done in good faith will not lead to legal action."))],
      ),
    );
    expect(clause(standard, "SW-3")?.assessment.content?.[1]).toMatchObject({
      type: "orderedList",
      attrs: { start: 3 },
    });
    expect(clause(standard, "SW-1")?.examples).toEqual(
      doc(
        p(
          t("The label under the device reads "),
          t("Wi-Fi key: 7f3k_9q2m", { type: "italic" }),
          t("; a second unit reads "),
          t("Wi-Fi key: p4x8_r7ta", { type: "italic" }),
          t("."),
        ),
      ),
    );
    expect(clause(standard, "DATA-2")?.examples).toEqual(
      doc(
        p(
          t("Settings › Privacy › "),
          t("Download my data", { type: "bold" }),
          { type: "hardBreak" },
          t("# of files: one per device, named "),
          t("device-<id>.json", { type: "code" }),
        ),
      ),
    );
    expect(clause(standard, "HW-1")?.examples).toEqual(emptyRichText());
    expect(clause(standard, "LEGAL-1")?.body.content?.[0]).toMatchObject({
      content: [{ text: expect.stringContaining("(< 2000 words each)") }, {}, {}],
    });
  });

  it("accepts CRLF line endings", () => {
    expect(parsed(exported.replace(/\n/g, "\r\n"))).toEqual(parsed(exported));
  });

  it("reports a broken front matter and stops there", () => {
    expect(problems(parseStandard(fixture("broken-front-matter.md")))).toEqual([
      { line: 3, reason: "The name must be a string in double quotes (JSON syntax)" },
    ]);
    expect(problems(parseStandard("## Software (SW)\n"))).toEqual([
      { line: 1, reason: 'The file must start with front matter: a line "---"' },
    ]);
    expect(problems(parseStandard('---\nslug: "a"\n'))).toEqual([
      { line: 1, reason: 'The front matter is not closed by a line "---"' },
    ]);
    const shape = (lines: string[]) => problems(parseStandard(["---", ...lines, "---"].join("\n")));
    expect(shape(['slug: "a"', 'name: "A"'])).toEqual([
      { line: 4, reason: 'Expected "summary:" followed by a quoted string' },
    ]);
    expect(shape(['slug: "a"', 'name: "A"', 'summary: ""', "modules:", "levels: []"])).toEqual([
      { line: 6, reason: 'Expected "- code:" followed by a quoted string' },
    ]);
    expect(shape(['slug: "a"', 'name: "A"', 'summary: ""', "modules: []", "levels: none"])).toEqual(
      [{ line: 6, reason: 'Expected "levels:" followed by "  - " entries, or "levels: []"' }],
    );
    expect(
      shape(['slug: "a"', 'name: "A"', 'summary: ""', "modules: []", "levels: []", "extra: 1"]),
    ).toEqual([{ line: 7, reason: "Unexpected line in the front matter" }]);
  });

  it("reports every problem in the clauses with its line", () => {
    expect(problems(parseStandard(fixture("broken-clauses.md")))).toEqual([
      { line: 9, reason: 'Module APP has no "## Companion app (APP)" heading' },
      { line: 12, reason: "Duplicate module code APP (first on line 9)" },
      { line: 18, reason: 'Duplicate level name "Bronze" (first on line 16)' },
      { line: 22, reason: "Text outside a clause; text belongs under a ### clause heading" },
      { line: 38, reason: 'Clause APP-1 is under module LOCK, so its ref must start with "LOCK-"' },
      { line: 40, reason: 'Unknown level "Platinum"; use one of "Bronze", "recommended only"' },
      { line: 48, reason: "Duplicate clause ref LOCK-1 (first on line 26)" },
      { line: 48, reason: 'Clause LOCK-1 has no "#### Examples" subsection' },
      { line: 50, reason: 'Unknown strength "must"; use MUST, SHOULD or MAY' },
      {
        line: 56,
        reason:
          'Unknown subsection "#### Notes"; a clause has "#### Assessment" then "#### Examples"',
      },
      {
        line: 58,
        reason:
          'Malformed clause ref "lock-3"; expected a module code, "-" and a number, such as SW-4',
      },
      { line: 58, reason: 'Clause lock-3 has no "Level: … · Strength: …" line under its heading' },
      { line: 64, reason: "Block quotes are not supported" },
      { line: 68, reason: "Clause LOCK-4 has an empty title" },
      { line: 76, reason: 'Unknown module code "CLOUD": the front matter does not list it' },
      { line: 82, reason: 'Links must use http:, https: or mailto:, not "javascript:alert(1)"' },
    ]);
  });

  it("reports problems in headings, order and metadata lines", () => {
    const lines = smallMarkdown.split("\n");
    const edit = (changes: Record<number, string>) =>
      problems(parseStandard(lines.map((line, i) => changes[i + 1] ?? line).join("\n")));
    expect(edit({ 2: 'slug: "Mini Mark"', 7: '    name: ""', 13: '  - name: "Bronze "' })).toEqual([
      {
        line: 2,
        reason:
          'The slug "Mini Mark" must be lowercase letters and digits joined by single hyphens',
      },
      { line: 7, reason: "A module name must not be empty" },
      { line: 13, reason: "A level name must be one line without extra spaces" },
      { line: 17, reason: 'The front matter names module SW "", not "Software and firmware"' },
      { line: 21, reason: 'Unknown level "Bronze"; use one of "Bronze ", "recommended only"' },
    ]);
    expect(
      edit({ 13: '  - name: "recommended only"', 21: "Level: recommended only · Strength: MUST" }),
    ).toEqual([{ line: 13, reason: '"recommended only" is reserved and cannot name a level' }]);
    expect(
      edit({
        6: '  - code: "sw"',
        17: "## Software and firmware (sw)",
        19: "### sw-2 Signed updates",
      }),
    ).toEqual([
      {
        line: 6,
        reason: 'Module code "sw" must be 1–10 capital letters or digits, starting with a letter',
      },
      {
        line: 19,
        reason:
          'Malformed clause ref "sw-2"; expected a module code, "-" and a number, such as SW-4',
      },
    ]);
    expect(edit({ 17: "## Empty (EMPTY)", 30: "## Software and firmware (SW)" })).toEqual([
      {
        line: 19,
        reason: 'Clause SW-2 is under module EMPTY, so its ref must start with "EMPTY-"',
      },
      { line: 30, reason: "Module SW is out of the front matter's order" },
    ]);
    expect(edit({ 30: "## Software and firmware (SW)" })).toEqual([
      { line: 9, reason: 'Module EMPTY has no "## Empty (EMPTY)" heading' },
      { line: 30, reason: "Module SW already has a heading on line 17" },
    ]);
    expect(
      edit({ 17: "## Software and firmware", 21: "Level: Bronze", 22: "Status: draft" }),
    ).toEqual([
      { line: 6, reason: 'Module SW has no "## Software and firmware (SW)" heading' },
      { line: 17, reason: 'A module heading must read "## Name (CODE)"' },
      {
        line: 21,
        reason: 'The Level line must read "Level: <level> · Strength: <MUST, SHOULD or MAY>"',
      },
      { line: 22, reason: 'The only status line is "Status: retired"' },
    ]);
    expect(edit({ 17: "", 26: "#### Examples", 28: "#### Assessment" })).toEqual([
      { line: 6, reason: 'Module SW has no "## Software and firmware (SW)" heading' },
      { line: 19, reason: "Clause heading before any module heading" },
      { line: 19, reason: 'Clause SW-2 has no "#### Examples" subsection' },
      {
        line: 26,
        reason:
          'Out-of-place subsection "#### Examples"; a clause has "#### Assessment" then "#### Examples"',
      },
    ]);
    const malformed = {
      line: 19,
      reason: 'A clause heading must read "### REF Title", such as "### SW-4 Security updates"',
    };
    expect(edit({ 19: "###" })).toEqual([malformed]);
    expect(edit({ 19: "### " })).toEqual([malformed]);
    expect(edit({ 20: "Only **signed** images.", 21: "", 22: "" })).toEqual([
      { line: 19, reason: 'Clause SW-2 has no "Level: … · Strength: …" line under its heading' },
    ]);
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

describe("parsePlainDocument", () => {
  const base = {
    slug: "connected-home",
    name: "Connected Home Baseline",
    levels: [{ name: "Bronze", summary: "Entry level." }],
  };
  const plain = (markdown: string) => parsePlainDocument(markdown, base);

  it("imports the outside document", () => {
    const result = plain(fixture("outside-document.md"));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { standard } = result;
    expect(standard.summary).toBe(
      "This baseline lists what a smart-home product should meet before it is sold to consumers.\nA volunteer working group wrote it and offers it as input to the Hum trustmark.",
    );
    expect(standard.levels).toEqual(base.levels);
    expect(standard.modules).toEqual([
      {
        code: "SECURI",
        name: "Security updates",
        summary: "Updates keep a device safe after it leaves the shop.",
      },
      { code: "PRIV", name: "Privacy", summary: "" },
      { code: "REPAIR", name: "Repair and openness", summary: "" },
      { code: "DATA", name: "Data handling", summary: "" },
    ]);
    expect(standard.clauses.map((c) => `${c.ref} ${c.strength} ${c.title}`)).toEqual([
      "SECURI-1 MUST The manufacturer MUST provide security updates for at…",
      "SECURI-2 SHOULD Security updates SHOULD install automatically, and the owner…",
      "SECURI-3 MUST Installing an update MUST NOT require the owner…",
      "PRIV-1 MUST Personal data SHALL NOT be sold or handed…",
      "PRIV-2 SHOULD The core function of the product SHOULD keep…",
      "PRIV-3 MUST A one-page privacy summary is REQUIRED in the box",
      "REPAIR-1 SHOULD Spare batteries, chargers and displays SHOULD be sold…",
      "REPAIR-2 MUST Schematics are OPTIONAL, but a repair manual MUST…",
      "REPAIR-3 MAY Once support ends, owners MAY receive what they…",
      "DATA-1 SHOULD Collecting raw audio for analytics is NOT RECOMMENDED",
    ]);
    expect(standard.clauses.every((c) => c.level === null && !c.retired)).toBe(true);
    const [first, second, third] = standard.clauses as [
      ClauseDocument,
      ClauseDocument,
      ClauseDocument,
    ];
    expect(first.body).toEqual(
      doc(
        p(
          t(
            "The manufacturer MUST provide security updates for at least five years after the model was last sold.",
          ),
        ),
        p(
          t(
            "The period starts on the last day the manufacturer or an authorised reseller offers the model for sale.",
          ),
        ),
      ),
    );
    expect(first.assessment).toEqual(
      doc(
        p(
          t(
            "Compare the published end-of-support date with the last sale date announced to retailers.",
          ),
        ),
      ),
    );
    expect(first.examples).toEqual(
      doc(
        p(t("A camera last sold in March 2026 gets security updates until March 2031 or later.")),
      ),
    );
    expect(second.assessment).toEqual(
      doc(
        bullets(
          [p(t("Leave a test unit on old firmware with automatic updates on."))],
          [
            p(
              t("Check that it runs the current release within "),
              t("7 days", { type: "bold" }),
              t("."),
            ),
          ],
        ),
      ),
    );
    expect(third.body).toEqual(
      doc(
        p(
          t("Installing an update MUST NOT require the owner to create an account or accept new "),
          t("terms", { type: "italic" }),
          t("."),
        ),
      ),
    );
    expect(third.assessment).toEqual(emptyRichText());
    expect(standard.clauses[5]?.assessment).toEqual(
      doc(
        p(t("Check the packaging of a unit bought from a shop, not one sent by the manufacturer.")),
      ),
    );
    // The import is a valid standard: it survives the standard format unchanged.
    expect(parsed(exportStandard(standard))).toEqual(standard);
  });

  it("reports problems with their lines", () => {
    expect(problems(plain(fixture("broken-plain.md")))).toEqual([
      { line: 3, reason: "Requirement before any ## module heading" },
      { line: 9, reason: 'A requirement heading must read "### N. requirement text"' },
      { line: 11, reason: 'Requirement 1 appears twice in "Hardware" (first on line 7)' },
      {
        line: 13,
        reason: "Requirement 3 has no RFC 2119 keyword (MUST, SHOULD, MAY, …) in capitals",
      },
      { line: 17, reason: 'Requirement 3 has a second "Assessment:" paragraph' },
      { line: 19, reason: "Only the first line may be a # title" },
      { line: 25, reason: "Images are not supported" },
    ]);
    expect(problems(plain("## (X1)\n\n## Data (DATA)\n\n## More data (DATA)\n"))).toEqual([
      { line: 1, reason: "A module heading needs a name" },
      { line: 5, reason: "Duplicate module code DATA" },
    ]);
  });

  it("derives module codes and takes explicit ones", () => {
    const result = plain(
      "## Data handling\n\n## Data (DATA) ##\n\n## Données personnelles\n\n## 2. Cloud & apps (APP2)\n\n## ∞\n",
    );
    expect(result.ok && result.standard.modules.map((m) => `${m.code} ${m.name}`)).toEqual([
      "DATA2 Data handling",
      "DATA Data",
      "DONNEE Données personnelles",
      "APP2 2. Cloud & apps",
      "M ∞",
    ]);
    expect(deriveModuleCode("Repair and openness", new Set())).toBe("REPAIR");
    expect(deriveModuleCode("IoT security", new Set(["IOT", "IOT2"]))).toBe("IOT3");
  });

  it("infers strength from capitalised RFC 2119 keywords, strongest first", () => {
    const cases: [string, string | null][] = [
      ["It MUST work.", "MUST"],
      ["It MUST NOT leak.", "MUST"],
      ["It SHALL NOT leak.", "MUST"],
      ["A manual is REQUIRED.", "MUST"],
      ["It SHOULD NOT log.", "SHOULD"],
      ["Logging is NOT RECOMMENDED.", "SHOULD"],
      ["Encryption is RECOMMENDED.", "SHOULD"],
      ["It MAY log, but it SHOULD ask.", "SHOULD"],
      ["A dark mode is OPTIONAL.", "MAY"],
      ["It MAY work.", "MAY"],
      ["It must work and may log.", null],
      ["MUSTARD and MAYBE are not keywords.", null],
    ];
    expect(cases.map(([sentence]) => inferStrength(sentence))).toEqual(
      cases.map(([, strength]) => strength),
    );
    const coded = plain("## Software\n\n### 1. Run `MUST` only when asked.\n");
    expect(problems(coded)).toEqual([
      {
        line: 3,
        reason: "Requirement 1 has no RFC 2119 keyword (MUST, SHOULD, MAY, …) in capitals",
      },
    ]);
  });
});
