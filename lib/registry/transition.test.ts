import { describe, expect, it } from "vitest";
import type { Claim } from "@/lib/registry/rules";
import { nothingChanges, whatNewReleaseRequires } from "@/lib/registry/transition";
import { clause, doc, release } from "@/tests/release-content";

const base = [
  clause("SW-1", { strength: "MUST", level: "bronze" }),
  clause("SW-2", { level: "silver" }),
  clause("SW-3", { level: "gold" }),
  clause("HW-1", { strength: "MUST", level: "bronze" }),
  clause("HW-2", { level: "silver" }),
  clause("DATA-1", { level: "bronze" }),
];
const old = release("1.0.0", base);
const claims: Claim[] = [
  { module: "SW", level: "silver" },
  { module: "HW", level: "bronze" },
];
const next = (clauses = base) => release("1.1.0", clauses);
const replace = (ref: string, change: Partial<(typeof base)[number]>) =>
  base.map((c) => (c.ref === ref ? { ...c, ...change } : c));

describe("whatNewReleaseRequires", () => {
  it("finds nothing when the new release asks the same of the claims", () => {
    const changes = whatNewReleaseRequires(old, next(), claims);
    expect(nothingChanges(changes)).toBe(true);
  });

  it("ignores changes to clauses outside the claims", () => {
    const changes = whatNewReleaseRequires(
      old,
      next(replace("DATA-1", { body: doc("Reworded.") })),
      claims,
    );
    expect(nothingChanges(changes)).toBe(true);
  });

  it("names an added clause at a claimed level, with its title", () => {
    const added = clause("SW-4", { level: "bronze", title: "Signed updates" });
    const changes = whatNewReleaseRequires(old, next([...base, added]), claims);
    expect(changes.newlyRequired).toEqual([
      { ref: "SW-4", title: "Signed updates", reason: "added" },
    ]);
    expect(changes.changed).toEqual([]);
    expect(changes.noLongerRequired).toEqual([]);
  });

  it("does not name an added clause above the claimed level", () => {
    const added = clause("HW-3", { level: "gold" });
    expect(nothingChanges(whatNewReleaseRequires(old, next([...base, added]), claims))).toBe(true);
  });

  it("names a clause brought into scope by a lower level", () => {
    const changes = whatNewReleaseRequires(old, next(replace("HW-2", { level: "bronze" })), claims);
    expect(changes.newlyRequired).toEqual([
      { ref: "HW-2", title: "Title of HW-2", reason: "in_scope" },
    ]);
  });

  it("names a clause brought into scope by a move to a claimed module", () => {
    const changes = whatNewReleaseRequires(
      old,
      next(replace("DATA-1", { moduleCode: "SW", position: 9 })),
      claims,
    );
    expect(changes.newlyRequired.map((c) => [c.ref, c.reason])).toEqual([["DATA-1", "in_scope"]]);
  });

  it("names the fields that changed in a clause still required", () => {
    const changes = whatNewReleaseRequires(
      old,
      next(
        replace("SW-2", {
          body: doc("The vendor MUST now meet SW-2."),
          strength: "MUST",
          level: "bronze",
        }),
      ),
      claims,
    );
    expect(changes.changed).toEqual([
      { ref: "SW-2", title: "Title of SW-2", fields: ["body", "strength", "level"] },
    ]);
    expect(changes.newlyRequired).toEqual([]);
  });

  it("names a changed assessment, and a move between claimed modules", () => {
    const changes = whatNewReleaseRequires(
      old,
      next(
        base.map((c) =>
          c.ref === "HW-1"
            ? { ...c, assessment: doc("A signed test report."), moduleCode: "SW", position: 7 }
            : c,
        ),
      ),
      claims,
    );
    expect(changes.changed).toEqual([
      { ref: "HW-1", title: "Title of HW-1", fields: ["assessment", "module"] },
    ]);
  });

  it("does not count a new title or examples as a change the declarant must answer", () => {
    const changes = whatNewReleaseRequires(
      old,
      next(replace("SW-1", { title: "Renamed", examples: doc("An example.") })),
      claims,
    );
    expect(nothingChanges(changes)).toBe(true);
  });

  it("names a retired clause as no longer required, with its old title", () => {
    const changes = whatNewReleaseRequires(old, next(base.filter((c) => c.ref !== "SW-2")), claims);
    expect(changes.noLongerRequired).toEqual([
      { ref: "SW-2", title: "Title of SW-2", reason: "retired" },
    ]);
  });

  it("names a clause moved out of scope by a higher level or another module", () => {
    const changes = whatNewReleaseRequires(
      old,
      next(
        base.map((c) => {
          if (c.ref === "SW-2") return { ...c, level: "gold" };
          if (c.ref === "HW-1") return { ...c, moduleCode: "DATA", position: 5 };
          return c;
        }),
      ),
      claims,
    );
    expect(changes.noLongerRequired).toEqual([
      { ref: "SW-2", title: "Title of SW-2", reason: "out_of_scope" },
      { ref: "HW-1", title: "Title of HW-1", reason: "out_of_scope" },
    ]);
  });

  it("requires nothing of a claim for a module the new release lacks", () => {
    const changes = whatNewReleaseRequires(
      old,
      next(base.filter((c) => c.moduleCode !== "HW")),
      claims,
    );
    expect(changes.noLongerRequired.map((c) => [c.ref, c.reason])).toEqual([["HW-1", "retired"]]);
  });
});
