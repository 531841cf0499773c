import { describe, expect, it } from "vitest";
import type { Mapping } from "@/lib/drafting/mappings";
import type { ReleaseClause, ReleaseContent } from "@/lib/releases/content";
import {
  clausesMappedTo,
  crosswalk,
  crosswalkCsv,
  csvCell,
  provisionWithin,
} from "@/lib/releases/crosswalk";

const empty = { type: "doc", content: [] };
const clause = (ref: string, title: string, mappings?: Mapping[]): ReleaseClause => ({
  ref,
  moduleCode: "SW",
  position: Number(ref.split("-")[1]),
  title,
  strength: "MUST",
  level: null,
  body: empty,
  assessment: empty,
  examples: empty,
  ...(mappings ? { mappings } : {}),
});
const etsi = (provision: string, rationale = ""): Mapping => ({
  framework: "etsi",
  provision,
  relationship: "superset",
  rationale,
});
const content: ReleaseContent = {
  standard: { slug: "s", name: "S", summary: "" },
  version: "1.0.0",
  notes: "",
  modules: [{ code: "SW", name: "Software", summary: "" }],
  levels: [],
  frameworks: [{ key: "etsi", name: "ETSI EN 303 645", version: "v2.1.1", url: "" }],
  clauses: [
    clause("SW-1", "Signed updates", [etsi("5.3-10"), etsi("5.3-9", 'Says "more", plainly')]),
    clause("SW-2", "Support period, stated", [etsi("5.3-9")]),
    clause("SW-3", "Local interface"),
    clause("SW-4", "Passwords", [{ ...etsi("5.30-1"), framework: "nist" }, etsi("5.1-1")]),
  ],
};

describe("the crosswalk", () => {
  it("finds a provision and its numbered parts, never a longer number", () => {
    expect(provisionWithin("5.3-2", "5.3")).toBe(true);
    expect(provisionWithin("5.3.1", "5.3")).toBe(true);
    expect(provisionWithin("5.3", "5.3")).toBe(true);
    expect(provisionWithin("5.30-1", "5.3")).toBe(false);
    expect(clausesMappedTo(content.clauses, "etsi", "5.3").map((c) => c.ref)).toEqual([
      "SW-1",
      "SW-2",
    ]);
    expect(clausesMappedTo(content.clauses, "etsi").map((c) => c.ref)).toEqual([
      "SW-1",
      "SW-2",
      "SW-4",
    ]);
    expect(clausesMappedTo(content.clauses, "nist", "5.3")).toEqual([]);
  });

  it("lists provisions in their numbering order, then clauses in release order", () => {
    const [etsiWalk] = crosswalk(content);
    expect(etsiWalk?.rows.map((row) => `${row.provision} ${row.ref}`)).toEqual([
      "5.1-1 SW-4",
      "5.3-9 SW-1",
      "5.3-9 SW-2",
      "5.3-10 SW-1",
    ]);
    expect(crosswalk({ ...content, frameworks: undefined })).toEqual([]);
  });

  it("writes RFC 4180 CSV: CRLF lines, quotes only where needed, doubled inside", () => {
    const [etsiWalk] = crosswalk(content);
    const csv = crosswalkCsv(etsiWalk?.rows ?? []);
    expect(csv.split("\r\n")).toEqual([
      "provision,relationship,clause_ref,clause_title,rationale",
      "5.1-1,superset,SW-4,Passwords,",
      '5.3-9,superset,SW-1,Signed updates,"Says ""more"", plainly"',
      '5.3-9,superset,SW-2,"Support period, stated",',
      "5.3-10,superset,SW-1,Signed updates,",
      "",
    ]);
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });

  it("never hands a spreadsheet a formula", () => {
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("@sum")).toBe("'@sum");
    expect(csvCell("-x")).toBe("'-x");
    expect(csvCell("-1")).toBe("-1");
    expect(csvCell('+1,"2"')).toBe(`"'+1,""2"""`);
  });
});
