import { describe, expect, it } from "vitest";
import { type ExistingStandard, planLaterText } from "@/lib/drafting/import-plan";
import { parsePlainDocument } from "@/lib/drafting/markdown/plain";
import { fixture } from "@/lib/drafting/markdown/test-standard";
import type { StandardDocument } from "@/lib/drafting/markdown/types";

const read = (name: string): StandardDocument => {
  const result = parsePlainDocument(fixture(name), { slug: "", name: "", levels: [] });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.standard;
};
/** A standard as it stands after importing a document: ids are refs and slugs here. */
const standing = (document: StandardDocument, adopted: boolean): ExistingStandard => ({
  ...document,
  clauses: document.clauses.map((clause) => ({ ...clause, id: clause.ref, adopted })),
  sections: (document.sections ?? []).map((section) => ({ ...section, id: section.slug, adopted })),
});
const earlier = read("home-principles-2025.md");
const later = read("home-principles-2026.md");

describe("planning a later text", () => {
  it("finds nothing to do in the same text", () => {
    const plan = planLaterText(standing(earlier, true), earlier);
    expect(plan.preview.counts).toEqual({ new: 0, updated: 0, unchanged: 37, retired: 0 });
    expect(plan.updated).toEqual([]);
  });

  it("matches reworded principles by reference, renumbered ones by title, and gives new ones fresh refs", () => {
    const plan = planLaterText(standing(earlier, true), later);
    expect(plan.updated.map((u) => `${u.existing.ref} ${u.incoming.strength}`)).toEqual([
      "PRIVAC-3 MUST",
      "SOFTWA-2 MUST",
      "TRANSP-3 MUST",
    ]);
    expect(plan.added.map((clause) => clause.ref)).toEqual(["SECURI-6", "DATA-5"]);
    // Principle 4 of Interoperability became principle 3 when 3 was dropped.
    expect(plan.retired.map((clause) => clause.ref)).toEqual(["INTERO-3"]);
    expect(plan.updatedSections.map((u) => u.existing.slug)).toEqual([
      "introduction",
      "definitions",
    ]);
    expect(plan.newModules).toEqual([]);
  });

  it("never reuses the ref of a retired clause", () => {
    const existing = standing(earlier, false);
    const retired = existing.clauses.map((c) =>
      c.ref === "SECURI-5" ? { ...c, retired: true } : c,
    );
    const five = earlier.clauses.find((c) => c.ref === "SECURI-5");
    if (!five) throw new Error("no SECURI-5");
    const withoutFive = {
      ...earlier,
      clauses: earlier.clauses.filter((c) => c.ref !== "SECURI-5"),
    };
    const plan = planLaterText(
      { ...existing, clauses: retired },
      {
        ...withoutFive,
        clauses: [...withoutFive.clauses, { ...five, ref: "SECURI-5", title: "Another" }],
      },
    );
    expect(plan.added.map((clause) => clause.ref)).toEqual(["SECURI-6"]);
  });
});
