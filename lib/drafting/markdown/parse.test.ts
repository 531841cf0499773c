import { describe, expect, it } from "vitest";
import { exportStandard, parseStandard } from "@/lib/drafting/markdown/document";
import {
  bullets,
  doc,
  fixture,
  p,
  parsed,
  problems,
  smallMarkdown,
  t,
} from "@/lib/drafting/markdown/test-standard";
import type { StandardDocument } from "@/lib/drafting/markdown/types";
import { emptyRichText } from "@/lib/drafting/rich-text";

const clause = (standard: StandardDocument, ref: string) =>
  standard.clauses.find((c) => c.ref === ref);

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
