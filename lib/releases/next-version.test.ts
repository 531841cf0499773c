import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReleaseClause } from "@/lib/releases/content";
import { suggestNextVersion } from "@/lib/releases/versions";
import { clause, doc, release, renumber } from "@/tests/release-content";

describe("suggestNextVersion", () => {
  const clauses = [
    clause("SW-1", { strength: "MUST", body: doc("Updates MUST be signed.") }),
    clause("SW-2", { strength: "SHOULD", level: "silver" }),
    clause("SW-3", { strength: "MAY", level: null }),
    clause("HW-1", { strength: "SHOULD" }),
  ];
  const previous = release("1.4.2", clauses);
  const edit = (ref: string, change: Partial<ReleaseClause>) =>
    clauses.map((c) => (c.ref === ref ? { ...c, ...change } : c));
  const suggest = (next: ReleaseClause[]) => suggestNextVersion(previous, next);

  it("starts at 1.0.0 when there is no earlier release", () => {
    expect(suggestNextVersion(null, clauses)).toEqual({
      version: "1.0.0",
      bump: "initial",
      reasons: ["first release"],
      findings: [],
    });
  });

  it("says so when nothing changed, and still proposes a patch", () => {
    expect(suggest(clauses)).toEqual({
      version: "1.4.3",
      bump: "patch",
      reasons: ["nothing changed since 1.4.2"],
      findings: [],
    });
    // A copy built in another key order is the same content.
    expect(
      suggest(clauses.map((c) => ({ ...c, body: { content: c.body.content, type: "doc" } }))),
    ).toMatchObject({ bump: "patch", reasons: ["nothing changed since 1.4.2"] });
  });

  describe("major", () => {
    it("for a new MUST clause", () => {
      const next = [...clauses, clause("SW-4", { strength: "MUST" })];
      expect(suggest(next)).toMatchObject({
        version: "2.0.0",
        bump: "major",
        reasons: ["SW-4 added as MUST"],
      });
    });

    it("for a removed clause, whatever its strength", () => {
      for (const ref of ["SW-1", "SW-3"]) {
        const result = suggest(clauses.filter((c) => c.ref !== ref));
        expect(result).toMatchObject({
          version: "2.0.0",
          bump: "major",
          reasons: [`${ref} removed`],
        });
      }
    });

    it.each(["SHOULD", "MAY"] as const)("for a clause that became MUST from %s", (strength) => {
      const ref = strength === "SHOULD" ? "SW-2" : "SW-3";
      expect(suggest(edit(ref, { strength: "MUST" }))).toMatchObject({
        version: "2.0.0",
        bump: "major",
        reasons: [`${ref} became MUST (was ${strength})`],
      });
    });
  });

  describe("minor", () => {
    it.each(["SHOULD", "MAY"] as const)("for a new %s clause", (strength) => {
      const next = [...clauses, clause("HW-2", { strength })];
      expect(suggest(next)).toMatchObject({
        version: "1.5.0",
        bump: "minor",
        reasons: [`HW-2 added as ${strength}`],
      });
    });

    it.each([
      ["SW-1", "SHOULD", "SW-1 changed from MUST to SHOULD"],
      ["SW-2", "MAY", "SW-2 changed from SHOULD to MAY"],
      ["SW-3", "SHOULD", "SW-3 changed from MAY to SHOULD"],
    ] as const)("for %s changing strength to %s", (ref, strength, reason) => {
      expect(suggest(edit(ref, { strength }))).toMatchObject({
        version: "1.5.0",
        bump: "minor",
        reasons: [reason],
      });
    });

    it.each([
      ["SW-2", "gold", "SW-2 level changed from silver to gold"],
      ["SW-2", "bronze", "SW-2 level changed from silver to bronze"],
      ["SW-2", null, "SW-2 level changed from silver to recommended only"],
      ["SW-3", "gold", "SW-3 level changed from recommended only to gold"],
    ] as const)("for %s changing level to %s", (ref, level, reason) => {
      expect(suggest(edit(ref, { level }))).toMatchObject({
        bump: "minor",
        reasons: [reason],
      });
    });

    it.each([
      ["a changed word", "Updates MUST be verified."],
      ["an added word", "Updates MUST be signed twice."],
      ["a removed word", "Updates MUST signed."],
      ["reordered words", "Signed MUST be updates."],
      ["a keyword's case, which RFC 8174 makes normative", "Updates must be signed."],
      ["a second paragraph", "Updates MUST be signed.\nAlways."],
    ])("for body text with %s", (_what, text) => {
      const body = doc(...text.split("\n"));
      expect(suggest(edit("SW-1", { body }))).toMatchObject({
        bump: "minor",
        reasons: ["SW-1 requirement text changed"],
      });
    });
  });

  describe("patch", () => {
    it.each([
      ["title", { title: "A better title" }, "SW-2 editorial changes (title)"],
      ["assessment", { assessment: doc("Other evidence.") }, "SW-2 editorial changes (assessment)"],
      ["examples", { examples: doc("For example, this.") }, "SW-2 editorial changes (examples)"],
      [
        "several editorial fields",
        { title: "T", examples: doc("E.") },
        "SW-2 editorial changes (title, examples)",
      ],
    ] as const)("for a change of %s", (_what, change, reason) => {
      expect(suggest(edit("SW-2", change))).toMatchObject({
        version: "1.4.3",
        bump: "patch",
        reasons: [reason],
      });
    });

    it.each([
      ["punctuation", doc("Updates MUST be signed!")],
      ["whitespace", doc("  Updates   MUST be\tsigned .")],
      ["a line break", doc("Updates MUST", "be signed.")],
      [
        "formatting",
        {
          type: "doc",
          content: [
            {
              type: "paragraph",
              content: [
                { type: "text", text: "Updates " },
                { type: "text", text: "MUST", marks: [{ type: "bold" }] },
                { type: "text", text: " be signed." },
              ],
            },
          ],
        },
      ],
    ])("for body changes of %s only", (_what, body) => {
      expect(suggest(edit("SW-1", { body }))).toMatchObject({
        bump: "patch",
        reasons: ["SW-1 editorial changes (body)"],
      });
    });

    it("for a move within a module or to another one", () => {
      const reordered = renumber(
        [clauses[1], clauses[0], clauses[2], clauses[3]].flatMap((c) => c ?? []),
      );
      expect(suggest(reordered)).toMatchObject({ bump: "patch", version: "1.4.3" });
      expect(suggest(reordered).reasons).toHaveLength(1);
      expect(suggest(reordered).reasons[0]).toMatch(/^SW-[12] moved within SW$/);
      const rehomed = edit("SW-3", { moduleCode: "HW", position: 9 });
      expect(suggest(rehomed)).toMatchObject({
        bump: "patch",
        reasons: ["SW-3 moved from SW to HW"],
      });
    });
  });

  it("takes the most significant change and lists every reason, most significant first", () => {
    const next = [
      ...edit("SW-2", { title: "Retitled", strength: "MUST" }).filter((c) => c.ref !== "HW-1"),
      clause("HW-7", { strength: "MAY" }),
    ];
    const result = suggest(next);
    expect(result.version).toBe("2.0.0");
    expect(result.bump).toBe("major");
    expect(result.reasons).toEqual([
      "HW-1 removed",
      "SW-2 became MUST (was SHOULD)",
      "HW-7 added as MAY",
      "SW-2 editorial changes (title)",
    ]);
    expect(result.findings.map((f) => [f.ref, f.kind, f.bump])).toEqual([
      ["HW-1", "removed", "major"],
      ["SW-2", "became-must", "major"],
      ["HW-7", "added", "minor"],
      ["SW-2", "editorial", "patch"],
    ]);
  });

  it("is never less than the most significant single change", () => {
    const rank = { patch: 0, minor: 1, major: 2 } as const;
    const edits: [number, (c: ReleaseClause[]) => ReleaseClause[]][] = [
      [0, (c) => c.map((x) => (x.ref === "HW-1" ? { ...x, title: "New" } : x))],
      [1, (c) => c.map((x) => (x.ref === "SW-2" ? { ...x, level: "gold" } : x))],
      [1, (c) => [...c, clause("HW-9", { strength: "SHOULD" })]],
      [2, (c) => c.filter((x) => x.ref !== "SW-3")],
      [2, (c) => [...c, clause("HW-8", { strength: "MUST" })]],
    ];
    fc.assert(
      fc.property(fc.subarray(edits, { minLength: 1 }), (chosen) => {
        const next = chosen.reduce((acc, [, apply]) => apply(acc), clauses);
        const { bump } = suggest(next);
        expect(bump).not.toBe("initial");
        if (bump === "initial") return;
        expect(rank[bump]).toBe(Math.max(...chosen.map(([level]) => level)));
      }),
    );
  });

  it("refuses a previous release whose version is not valid", () => {
    expect(() => suggestNextVersion(release("v1", clauses), clauses)).toThrow(/invalid version/);
  });
});
