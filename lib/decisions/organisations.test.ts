import { describe, expect, it } from "vitest";
import { hasConflict, parseOrganisations } from "@/lib/decisions/organisations";

describe("conflicts of interest", () => {
  const member = {
    conflictOfInterest: "Paid audits for Lockwise in 2025.",
    affiliation: "Ümlaut Labs",
  };
  it("match named organisations as whole words, whatever their case and accents", () => {
    expect(hasConflict(member, ["lockwise"])).toBe(true);
    expect(hasConflict(member, ["Umlaut Labs"])).toBe(true);
    expect(hasConflict(member, ["Lock"])).toBe(false);
    expect(hasConflict(member, ["Acme", "  "])).toBe(false);
    expect(hasConflict(member, ["a.b(c"])).toBe(false);
  });
  it("read organisations from a list", () => {
    expect(parseOrganisations("Acme; Brightbulb Ltd,\nAcme, ")).toEqual(["Acme", "Brightbulb Ltd"]);
  });
});
