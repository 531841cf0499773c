import { describe, expect, it } from "vitest";
import { exportStandard, parseStandard } from "@/lib/drafting/markdown/document";
import { parsePlainDocument } from "@/lib/drafting/markdown/plain";
import { guessSectionKind, withoutContents } from "@/lib/drafting/markdown/plain-sections";
import { fixture, parsed } from "@/lib/drafting/markdown/test-standard";
import type { StandardDocument } from "@/lib/drafting/markdown/types";
import { plainTextOf, type RichText } from "@/lib/drafting/rich-text";

// A community's own document, as such documents are written: licence, introduction,
// terminology, definitions, roles, assessment guidance, a linked table of contents, themed
// sections of numbered principles with notes, and a list of contributors.

const read = (name: string): StandardDocument => {
  const result = parsePlainDocument(fixture(name), { slug: "", name: "", levels: [] });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.standard;
};
const earlier = read("home-principles-2025.md");
const later = read("home-principles-2026.md");
const numbered = (markdown: string) => (markdown.match(/^### \d+\. /gm) ?? []).length;
const hasText = (doc: RichText) => plainTextOf(doc).trim().length > 0;
/** The wholly bold paragraphs of a section: the terms it defines. */
const terms = (doc: RichText) =>
  (doc.content ?? [])
    .filter(
      (block) =>
        block.type === "paragraph" &&
        block.content?.length === 1 &&
        block.content[0]?.marks?.some((mark) => mark.type === "bold"),
    )
    .map((block) => block.content?.[0]?.text);

describe("a community document", () => {
  it.each([
    ["earlier", earlier, "home-principles-2025.md"],
    ["later", later, "home-principles-2026.md"],
  ])(
    "turns every numbered principle of the %s text into a clause with its strength, assessment and example",
    (_, standard, file) => {
      expect(standard.clauses).toHaveLength(numbered(fixture(file)));
      for (const clause of standard.clauses) {
        expect(clause.strength).toMatch(/^(MUST|SHOULD|MAY)$/);
        expect(hasText(clause.body)).toBe(true);
        expect(hasText(clause.assessment)).toBe(true);
        expect(hasText(clause.examples)).toBe(true);
      }
      // Nothing becomes a module that has no clauses.
      for (const module of standard.modules) {
        expect(standard.clauses.some((clause) => clause.moduleCode === module.code)).toBe(true);
      }
    },
  );

  it("keeps the seven themes as modules, their notes as plain summaries", () => {
    expect(earlier.name).toBe("Open Home Device Principles");
    expect(earlier.slug).toBe("open-home-device-principles");
    expect(earlier.modules.map((m) => `${m.code} ${m.name}`)).toEqual([
      "PRIVAC Privacy",
      "SECURI Security",
      "SOFTWA Software updates",
      "TRANSP Transparency",
      "INTERO Interoperability",
      "LIFETI Lifetime",
      "DATA Data",
    ]);
    expect(earlier.clauses).toHaveLength(30);
    const security = earlier.modules.find((m) => m.code === "SECURI");
    // A note keeps its words, not its Markdown.
    expect(security?.summary).toBe(
      "Note: these principles build on the ETSI consumer IoT baseline and do not repeat it.",
    );
    expect(earlier.modules.map((m) => m.summary).join(" ")).not.toMatch(/[*[\]()]|https?:/);
    const strengths = earlier.clauses.map((c) => `${c.ref} ${c.strength}`);
    expect(strengths).toContain("PRIVAC-2 MUST");
    expect(strengths).toContain("PRIVAC-3 SHOULD");
    expect(strengths).toContain("SECURI-5 MAY");
  });

  it("makes every other heading a prose section of the kind its title names, and drops the table of contents", () => {
    expect(earlier.sections?.map((s) => `${s.slug} ${s.kind}`)).toEqual([
      "licence licence",
      "introduction introduction",
      "terminology terminology",
      "definitions definitions",
      "roles roles",
      "assessment-guidance assessment",
      "contributors acknowledgements",
    ]);
    const everything = JSON.stringify(earlier);
    expect(everything).not.toContain("Table of contents");
    expect(everything).not.toContain("#privacy");
    // Links and emphasis survive as rich text.
    const licence = earlier.sections?.[0]?.body;
    expect(JSON.stringify(licence)).toContain("https://creativecommons.org/licenses/by/4.0/");
    expect(JSON.stringify(licence)).toContain('"italic"');
  });

  it("makes each definition subheading a term: a wholly bold paragraph before its definition", () => {
    const definitions = earlier.sections?.find((s) => s.kind === "definitions");
    expect(terms(definitions?.body ?? {})).toEqual([
      "Device",
      "Vendor",
      "Owner",
      "Personal data",
      "Support period",
    ]);
    const blocks = definitions?.body.content ?? [];
    const vendor = blocks.findIndex((b) => plainTextOf(b) === "Vendor");
    expect(plainTextOf(blocks[vendor + 1] ?? {})).toMatch(/^The organisation that places/);
    expect(terms(later.sections?.find((s) => s.kind === "definitions")?.body ?? {})).toContain(
      "Companion app",
    );
  });

  it("survives the Hum format unchanged, sections and all", () => {
    for (const standard of [earlier, later]) {
      const markdown = exportStandard(standard);
      expect(parsed(markdown)).toEqual(standard);
      expect(exportStandard(parsed(markdown))).toBe(markdown);
    }
  });

  it("tells section kinds from titles", () => {
    expect(guessSectionKind("Scope of this document")).toBe("scope");
    expect(guessSectionKind("Background")).toBe("introduction");
    expect(guessSectionKind("Conventions used")).toBe("terminology");
    expect(guessSectionKind("Glossary")).toBe("definitions");
    expect(guessSectionKind("Roles and responsibilities")).toBe("roles");
    expect(guessSectionKind("How to assess")).toBe("other");
    expect(guessSectionKind("Assessing a product")).toBe("assessment");
    expect(guessSectionKind("Copyright")).toBe("licence");
    expect(guessSectionKind("Acknowledgements")).toBe("acknowledgements");
    expect(guessSectionKind("Principles")).toBe("other");
  });

  it("drops only lists made wholly of links to the document's own headings", () => {
    const lines = ["- [A](#a)", "  - [B](#b)", "", "- [C](https://example.org)", "- [D](#d)"];
    const { kept, dropped } = withoutContents(lines.map((text, i) => ({ text, line: i + 1 })));
    expect(dropped).toBe(true);
    expect(kept.map((l) => l.text)).toEqual(["", "- [C](https://example.org)", "- [D](#d)"]);
  });

  it("reports a principle without a keyword, and a stray subheading, by line", () => {
    const markdown = "# T\n\n## Privacy\n\n### 1. Data is kept short.\n\n### Why\n\nBecause.\n";
    const result = parsePlainDocument(markdown, { slug: "t", name: "", levels: [] });
    expect(result.ok ? [] : result.problems).toEqual([
      {
        line: 5,
        reason: "Requirement 1 has no RFC 2119 keyword (MUST, SHOULD, MAY, …) in capitals",
      },
      { line: 7, reason: 'A requirement heading must read "### N. requirement text"' },
    ]);
  });
});

describe("prose sections in the Hum format", () => {
  const withSections: StandardDocument = {
    slug: "mini",
    name: "Mini",
    summary: "",
    sections: [
      {
        slug: "definitions",
        kind: "definitions",
        title: "Definitions",
        retired: false,
        body: {
          type: "doc",
          content: [
            {
              type: "paragraph",
              content: [{ type: "text", text: "Device", marks: [{ type: "bold" }] }],
            },
          ],
        },
      },
      {
        slug: "old-scope",
        kind: "scope",
        title: "Old scope",
        retired: true,
        body: { type: "doc", content: [] },
      },
    ],
    modules: [{ code: "SW", name: "Software", summary: "" }],
    levels: [],
    clauses: [],
  };
  const markdown = exportStandard(withSections);

  it("writes them in the front matter and before the modules, and reads them back", () => {
    expect(markdown).toContain(
      'sections:\n  - slug: "definitions"\n    kind: "definitions"\n    title: "Definitions"\n  - slug: "old-scope"\n    kind: "scope"\n    title: "Old scope"\n    status: "retired"\nmodules:',
    );
    expect(markdown).toContain(
      "## Definitions {#definitions}\n\n**Device**\n\n## Old scope {#old-scope}\n\n## Software (SW)",
    );
    expect(parsed(markdown)).toEqual(withSections);
  });

  it("reports unknown, missing and misnamed sections, and unknown kinds, by line", () => {
    const lines = (text: string) => {
      const result = parseStandard(text);
      return result.ok ? [] : result.problems;
    };
    expect(lines(markdown.replace("{#old-scope}", "{#scope}"))).toEqual([
      { line: 9, reason: 'Section old-scope has no "## Old scope {#old-scope}" heading' },
      { line: 24, reason: 'Unknown section "scope": the front matter does not list it' },
    ]);
    expect(lines(markdown.replace('kind: "scope"', 'kind: "preface"'))).toEqual([
      {
        line: 10,
        reason:
          'Unknown section kind "preface"; expected one of scope, introduction, terminology, definitions, roles, assessment, licence, acknowledgements, other',
      },
    ]);
    expect(lines(markdown.replace("## Definitions {#", "## Terms {#"))).toEqual([
      {
        line: 20,
        reason: 'The front matter titles section definitions "Definitions", not "Terms"',
      },
    ]);
  });
});
