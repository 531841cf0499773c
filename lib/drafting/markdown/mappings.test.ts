import { describe, expect, it } from "vitest";
import { exportStandard, parseStandard } from "@/lib/drafting/markdown/document";
import { parsed, problems, small } from "@/lib/drafting/markdown/test-standard";
import type { ClauseDocument, StandardDocument } from "@/lib/drafting/markdown/types";

const reasons = (markdown: string) =>
  problems(parseStandard(markdown)).map((problem) => `${problem.line}: ${problem.reason}`);
const [first, ...rest] = small.clauses as [ClauseDocument, ...ClauseDocument[]];
const etsi = {
  key: "etsi-en-303-645",
  name: "ETSI EN 303 645",
  version: "v2.1.1",
  url: "https://www.etsi.org/deliver/etsi_en/303600_303699/303645/02.01.01_60/en_303645v020101p.pdf",
};
const mapped: StandardDocument = {
  ...small,
  frameworks: [etsi],
  clauses: [
    {
      ...first,
      mappings: [
        {
          framework: "etsi-en-303-645",
          provision: "5.3-2",
          relationship: "superset",
          rationale: 'Asks for "signed" updates\nand a way to install them · too.',
        },
        {
          framework: "etsi-en-303-645",
          provision: "5.3 1",
          relationship: "related",
          rationale: "",
        },
      ],
    },
    ...rest,
  ],
};

describe("mappings in Markdown", () => {
  it("survive a round trip, sorted, with any character in provision and rationale", () => {
    const markdown = exportStandard(mapped);
    expect(markdown).toContain('frameworks:\n  - key: "etsi-en-303-645"');
    expect(markdown).toContain(
      'Mappings:\n- etsi-en-303-645 "5.3 1" related ""\n- etsi-en-303-645 "5.3-2" superset',
    );
    const back = parsed(markdown);
    expect(back.frameworks).toEqual([etsi]);
    expect(back.clauses[0]?.mappings?.map((m) => m.provision)).toEqual(["5.3 1", "5.3-2"]);
    expect(back.clauses[0]?.mappings?.[1]?.rationale).toBe(
      'Asks for "signed" updates\nand a way to install them · too.',
    );
    expect(exportStandard(back)).toBe(markdown);
  });

  it("leave a standard without mappings written as before", () => {
    expect(exportStandard(small)).not.toMatch(/frameworks:|Mappings:/);
    expect(parsed(exportStandard(small)).clauses.some((c) => c.mappings)).toBe(false);
  });

  it("are refused with their line when they name an unlisted framework or relationship", () => {
    const unlisted = exportStandard({ ...mapped, frameworks: undefined });
    expect(reasons(unlisted).join("\n")).toContain(
      'maps to framework "etsi-en-303-645", which the front matter does not list',
    );
    const odd = exportStandard(mapped).replace(" superset ", " kinda ");
    expect(reasons(odd).join("\n")).toContain('Unknown relationship "kinda"');
  });

  it("refuse a framework address that is not http or https", () => {
    const markdown = exportStandard({ ...mapped, frameworks: [{ ...etsi, url: "javascript:1" }] });
    expect(reasons(markdown).join("\n")).toContain("http or https");
  });
});
