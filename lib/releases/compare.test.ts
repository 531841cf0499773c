import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { changedFields, compareClauses } from "@/lib/releases/clause-diff";
import { compareReleases, parseCompareRange } from "@/lib/releases/compare";
import type { ReleaseClause } from "@/lib/releases/content";
import { clause, doc, release, renumber } from "@/tests/release-content";

const refs = (clauses: { ref: string }[]) => clauses.map((c) => c.ref);
const movedRefs = (from: ReleaseClause[], to: ReleaseClause[]) =>
  compareClauses(from, to).moved.map((m) => m.clause.ref);
const module = (code: string, count: number) =>
  Array.from({ length: count }, (_, i) => clause(`${code}-${i + 1}`));

describe("compareReleases", () => {
  const base = [...module("SW", 4), ...module("HW", 3)];

  it("finds nothing between a release and itself", () => {
    const content = release("1.0.0", base);
    const result = compareReleases(content, structuredClone({ ...content, version: "1.0.1" }));
    expect(result).toEqual({
      added: [],
      removed: [],
      moved: [],
      changed: [],
      unchanged: 7,
      summary: { added: 0, removed: 0, moved: 0, changed: 0, unchanged: 7 },
    });
  });

  it("matches clauses by reference and lists added and removed ones", () => {
    const next = [...base.filter((c) => c.ref !== "SW-2"), clause("HW-4"), clause("PRIV-1")];
    const result = compareReleases(release("1.0.0", base), release("2.0.0", next));
    expect(refs(result.added)).toEqual(["HW-4", "PRIV-1"]);
    expect(refs(result.removed)).toEqual(["SW-2"]);
    expect(result.summary).toEqual({ added: 2, removed: 1, moved: 0, changed: 0, unchanged: 6 });
  });

  it("gives word-level redlines for each changed field, in reading order", () => {
    const [first] = base;
    if (!first) throw new Error("fixture");
    const to = {
      ...first,
      title: "Signed updates",
      strength: "MUST" as const,
      level: "silver",
      body: doc("The vendor MUST meet SW-1 in full."),
    };
    const result = compareClauses([first], [to]);
    expect(result.changed).toHaveLength(1);
    const [change] = result.changed;
    expect(change?.ref).toBe("SW-1");
    expect(change?.from).toBe(first);
    expect(change?.to).toBe(to);
    expect(change?.fields.map((f) => f.name)).toEqual(["title", "strength", "level", "body"]);
    expect(change?.fields.find((f) => f.name === "strength")?.parts).toEqual([
      { kind: "removed", text: "SHOULD" },
      { kind: "added", text: "MUST" },
    ]);
    expect(change?.fields.find((f) => f.name === "body")?.parts).toEqual([
      { kind: "same", text: "The vendor " },
      { kind: "removed", text: "SHOULD" },
      { kind: "added", text: "MUST" },
      { kind: "same", text: " meet SW-1" },
      { kind: "added", text: " in full" },
      { kind: "same", text: "." },
    ]);
    expect(result.unchanged).toBe(0);
  });

  it("shows a level becoming recommended-only as the level name removed", () => {
    const [first] = base;
    if (!first) throw new Error("fixture");
    expect(changedFields(first, { ...first, level: null })).toEqual([
      { name: "level", parts: [{ kind: "removed", text: "bronze" }] },
    ]);
  });

  it("lists assessment and examples changes, and reads lists and breaks as lines", () => {
    const [first] = base;
    if (!first) throw new Error("fixture");
    const examples = {
      type: "doc",
      content: [
        {
          type: "bulletList",
          content: ["Signed firmware", "Verified boot"].map((text) => ({
            type: "listItem",
            content: [{ type: "paragraph", content: [{ type: "text", text }] }],
          })),
        },
        { type: "paragraph", content: [{ type: "hardBreak" }] },
      ],
    };
    const fields = changedFields(first, { ...first, assessment: doc("Audit."), examples });
    expect(fields.map((f) => f.name)).toEqual(["assessment", "examples"]);
    expect(fields[1]?.parts).toEqual([
      { kind: "added", text: "Signed firmware\nVerified boot\n\n" },
    ]);
  });

  it("lists a formatting-only change, though its words read the same", () => {
    const [first] = base;
    if (!first) throw new Error("fixture");
    const text = `The vendor SHOULD meet ${first.ref}.`;
    const bold = {
      type: "doc",
      content: [
        { type: "paragraph", content: [{ type: "text", text, marks: [{ type: "bold" }] }] },
      ],
    };
    const fields = changedFields(first, { ...first, body: bold });
    expect(fields).toEqual([{ name: "body", parts: [{ kind: "same", text }] }]);
  });

  it("ignores key order and undefined members in rich text", () => {
    const [first] = base;
    if (!first) throw new Error("fixture");
    const reordered = {
      content: [
        {
          content: [{ text: `The vendor SHOULD meet ${first.ref}.`, type: "text" }],
          type: "paragraph",
        },
      ],
      attrs: undefined,
      type: "doc",
    };
    expect(changedFields(first, { ...first, body: reordered })).toEqual([]);
  });

  it("refuses releases that repeat a reference", () => {
    const [first] = base;
    if (!first) throw new Error("fixture");
    expect(() => compareClauses([first, first], [first])).toThrow(
      /older release repeats SW-1|SW-1/,
    );
    expect(() => compareClauses([first], [first, first])).toThrow(
      /newer release repeats clause SW-1/,
    );
  });
});

describe("moves", () => {
  const sw = module("SW", 6);
  const order = (...numbers: number[]) =>
    renumber(numbers.map((n) => sw[n - 1]).filter((c): c is ReleaseClause => c !== undefined));

  it("counts one move when two neighbours swap", () => {
    expect(movedRefs(sw, order(2, 1, 3, 4, 5, 6))).toHaveLength(1);
  });

  it("counts only the clause that was taken out and put back elsewhere", () => {
    expect(movedRefs(sw, order(6, 1, 2, 3, 4, 5))).toEqual(["SW-6"]);
    expect(movedRefs(sw, order(2, 3, 4, 5, 6, 1))).toEqual(["SW-1"]);
    expect(movedRefs(sw, order(1, 2, 5, 3, 4, 6))).toEqual(["SW-5"]);
  });

  it("counts all but one when the order is reversed", () => {
    expect(movedRefs(sw, order(6, 5, 4, 3, 2, 1))).toHaveLength(5);
  });

  it("does not count shifts caused by insertions or removals", () => {
    const inserted = renumber([clause("SW-9"), ...sw.slice(0, 3), clause("SW-8"), ...sw.slice(3)]);
    const removed = renumber(sw.filter((c) => c.ref !== "SW-1" && c.ref !== "SW-4"));
    expect(movedRefs(sw, inserted)).toEqual([]);
    expect(movedRefs(sw, removed)).toEqual([]);
    const result = compareClauses(sw, inserted);
    expect(result.summary).toEqual({ added: 2, removed: 0, moved: 0, changed: 0, unchanged: 6 });
  });

  it("uses only the order of positions, not their values", () => {
    const spaced = sw.map((c, i) => ({ ...c, position: (i + 1) * 10 }));
    expect(movedRefs(sw, spaced)).toEqual([]);
    const swapped = spaced.map((c) => (c.ref === "SW-3" ? { ...c, position: 55 } : c));
    expect(movedRefs(sw, swapped)).toEqual(["SW-3"]);
  });

  it("counts a change of module as a move, without disturbing either module", () => {
    const hw = module("HW", 3);
    const next = renumber([
      ...sw.filter((c) => c.ref !== "SW-2"),
      ...hw.slice(0, 1),
      { ...(sw[1] as ReleaseClause), moduleCode: "HW" },
      ...hw.slice(1),
    ]);
    const result = compareClauses([...sw, ...hw], next);
    expect(result.moved).toEqual([
      {
        clause: expect.objectContaining({ ref: "SW-2", moduleCode: "HW" }),
        fromModule: "SW",
        toModule: "HW",
        fromPosition: 2,
        toPosition: 2,
      },
    ]);
    expect(result.summary).toEqual({ added: 0, removed: 0, moved: 1, changed: 0, unchanged: 8 });
  });

  it("lets a clause be both moved and changed, counting it once against unchanged", () => {
    const next = order(2, 1, 3, 4, 5, 6).map((c) => ({ ...c, title: `${c.title}!` }));
    const result = compareClauses(sw, next);
    expect(result.summary).toEqual({ added: 0, removed: 0, moved: 1, changed: 6, unchanged: 0 });
    const onlyMoved = compareClauses(sw, order(2, 1, 3, 4, 5, 6));
    const movedRef = onlyMoved.moved[0]?.clause.ref;
    const both = order(2, 1, 3, 4, 5, 6).map((c) =>
      c.ref === movedRef ? { ...c, title: "T" } : c,
    );
    expect(compareClauses(sw, both).summary).toEqual({
      added: 0,
      removed: 0,
      moved: 1,
      changed: 1,
      unchanged: 5,
    });
  });

  it("never reports moves when only insertions and removals happen", () => {
    const numbers = fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 30 });
    fc.assert(
      fc.property(numbers, numbers, (before, after) => {
        const make = (ns: number[]) =>
          renumber([...ns].sort((a, b) => a - b).map((n) => clause(`SW-${n}`)));
        const result = compareClauses(make(before), make(after));
        expect(result.moved).toEqual([]);
        const common = before.filter((n) => after.includes(n)).length;
        expect(result.summary).toEqual({
          added: after.length - common,
          removed: before.length - common,
          moved: 0,
          changed: 0,
          unchanged: common,
        });
      }),
    );
  });

  it("moves the fewest clauses that explain any reordering", () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(sw, { minLength: 6, maxLength: 6 }), (shuffled) => {
        const moved = movedRefs(sw, renumber(shuffled));
        const stayed = shuffled.filter((c) => !moved.includes(c.ref)).map((c) => c.position);
        expect(stayed).toEqual([...stayed].sort((a, b) => a - b));
        // The longest run kept in order, found by brute force over all subsets.
        let best = 0;
        for (let mask = 0; mask < 1 << 6; mask++) {
          const picked = shuffled.filter((_, i) => mask & (1 << i)).map((c) => c.position);
          if (picked.every((p, i) => i === 0 || (picked[i - 1] ?? 0) < p)) {
            best = Math.max(best, picked.length);
          }
        }
        expect(moved).toHaveLength(6 - best);
      }),
    );
  });
});

describe("parseCompareRange", () => {
  it("reads two different versions around three dots, in either order", () => {
    expect(parseCompareRange("1.0.0...1.1.0")).toEqual({ from: "1.0.0", to: "1.1.0" });
    expect(parseCompareRange("2.0.0...1.10.3")).toEqual({ from: "2.0.0", to: "1.10.3" });
  });

  it.each([
    "",
    "...",
    "1.0.0",
    "1.0.0..1.1.0",
    "1.0.0....1.1.0",
    "1.0.0...1.1.0...1.2.0",
    "1.0.0...",
    "...1.1.0",
    "1.0.0...1.0.0",
    "v1.0.0...1.1.0",
    "1.0...1.1",
    "1.0.0 ... 1.1.0",
    "01.0.0...1.1.0",
    "1.0.0…1.1.0",
  ])("refuses %j", (range) => {
    expect(parseCompareRange(range)).toBeNull();
  });
});
