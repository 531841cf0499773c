import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  clausesRequiredAt,
  contentDigest,
  contentProblems,
  type JsonInput,
  type ReleaseContent,
} from "@/lib/releases/content";
import { clause, doc, release } from "@/tests/release-content";

/** The same data with every object's keys in reverse order, at every depth. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([key, item]) => [key, reverseKeys(item)]));
}

describe("canonicalJson", () => {
  it("sorts keys at every depth and writes no whitespace", () => {
    const value = { b: 1, a: { d: [3, { z: true, y: null }], c: "x y" } };
    expect(canonicalJson(value)).toBe('{"a":{"c":"x y","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it("keeps arrays in their order", () => {
    expect(canonicalJson([3, 1, 2, ["b", "a"]])).toBe('[3,1,2,["b","a"]]');
  });

  it("orders keys by UTF-16 code units, as RFC 8785 does", () => {
    expect(canonicalJson({ é: 1, a: 2, B: 3, "10": 4, "9": 5, "": 6 })).toBe(
      '{"":6,"10":4,"9":5,"B":3,"a":2,"é":1}',
    );
  });

  it("drops undefined members", () => {
    expect(canonicalJson({ a: undefined, b: { c: undefined }, d: 1 })).toBe('{"b":{},"d":1}');
  });

  it("writes strings and numbers as JSON.stringify does", () => {
    expect(canonicalJson({ s: 'quote " back \\ line\n tab\t \u0001 ü' })).toBe(
      JSON.stringify({ s: 'quote " back \\ line\n tab\t \u0001 ü' }),
    );
    expect(canonicalJson([0, -0, 1.5, 1e21, 1e-7, -3])).toBe("[0,0,1.5,1e+21,1e-7,-3]");
    expect(canonicalJson([true, false, null, "", {}, []])).toBe('[true,false,null,"",{},[]]');
  });

  it("refuses numbers that have no JSON form", () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/\$\.a is not finite/);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(/not finite/);
    expect(() => canonicalJson({ a: [{ b: Number.NEGATIVE_INFINITY }] })).toThrow(
      /\$\.a\[0\]\.b is not finite/,
    );
  });

  it("refuses what is not JSON rather than writing something else", () => {
    const refuse = (value: unknown) => () => canonicalJson(value as JsonInput);
    expect(refuse([1, undefined])).toThrow(/\$\[1\] is undefined/);
    expect(refuse({ f: () => 1 })).toThrow(/function/);
    expect(refuse({ n: 1n })).toThrow(/bigint/);
    expect(refuse({ s: Symbol("s") })).toThrow(/symbol/);
    expect(refuse({ d: new Date(0) })).toThrow(/not a plain object/);
    expect(refuse({ m: new Map() })).toThrow(/not a plain object/);
    expect(refuse(undefined)).toThrow(/undefined/);
  });

  it("refuses cycles but accepts data shared in two places", () => {
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic as JsonInput)).toThrow(/refers back to itself/);
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
    expect(canonicalJson(Object.assign(Object.create(null), { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });

  it("is valid JSON for the same data, whatever the key order", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value as JsonInput);
        expect(text).not.toMatch(/^\s|\s$/);
        // -0 has no JSON spelling of its own, so compare through a JSON round trip.
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(reverseKeys(value) as JsonInput)).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe("contentDigest", () => {
  const content = release("1.0.0", [
    clause("SW-1", { strength: "MUST", body: doc("Updates MUST be signed.") }),
    clause("SW-2", { level: null }),
  ]);

  it("is the SHA-256 of the canonical JSON, in lowercase hex", () => {
    const digest = contentDigest(content);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).toBe(createHash("sha256").update(canonicalJson(content)).digest("hex"));
  });

  it("does not drift: a published digest must stay checkable", () => {
    const fixed: ReleaseContent = {
      standard: { slug: "s", name: "S", summary: "" },
      version: "1.0.0",
      notes: "",
      modules: [{ code: "M", name: "M", summary: "" }],
      levels: [{ name: "bronze", summary: "" }],
      clauses: [],
    };
    expect(canonicalJson(fixed)).toBe(
      '{"clauses":[],"levels":[{"name":"bronze","summary":""}],"modules":[{"code":"M","name":"M","summary":""}],"notes":"","standard":{"name":"S","slug":"s","summary":""},"version":"1.0.0"}',
    );
    // Computed once with `sha256sum` over the string above.
    expect(contentDigest(fixed)).toBe(
      "3ad9356e6e351cf07d2818f5eebb69ef3e66733a3839d3877120209e5a300de8",
    );
  });

  it("is the same whatever order the keys were built in, and after a JSON round trip", () => {
    expect(contentDigest(reverseKeys(content) as ReleaseContent)).toBe(contentDigest(content));
    const exported = JSON.stringify(content, null, 2);
    expect(contentDigest(JSON.parse(exported))).toBe(contentDigest(content));
  });

  it("changes with any change of content, including the order of clauses", () => {
    const base = contentDigest(content);
    const [first, second] = content.clauses;
    if (!first || !second) throw new Error("fixture");
    expect(contentDigest({ ...content, clauses: [second, first] })).not.toBe(base);
    expect(contentDigest({ ...content, notes: `${content.notes} ` })).not.toBe(base);
    const edited = { ...first, body: doc("Updates MUST be signed!") };
    expect(contentDigest({ ...content, clauses: [edited, second] })).not.toBe(base);
  });
});

describe("clausesRequiredAt", () => {
  const content = release("1.0.0", [
    clause("HW-1", { level: "gold" }),
    clause("HW-2", { level: "bronze" }),
    clause("HW-3", { level: null }),
    clause("HW-4", { level: "silver" }),
    clause("HW-5", { level: "platinum" }),
    clause("HW-6", { level: "bronze", strength: "MAY" }),
  ]);
  const refs = (level: string) => clausesRequiredAt(content, level).map((c) => c.ref);

  it("includes every level at or below the one asked for, in release order", () => {
    expect(refs("bronze")).toEqual(["HW-2", "HW-6"]);
    expect(refs("silver")).toEqual(["HW-2", "HW-4", "HW-6"]);
    expect(refs("gold")).toEqual(["HW-1", "HW-2", "HW-4", "HW-6"]);
  });

  it("leaves out recommended-only clauses and levels the release does not define", () => {
    expect(refs("gold")).not.toContain("HW-3");
    expect(refs("gold")).not.toContain("HW-5");
  });

  it("requires nothing at an unknown level, and is case-sensitive about names", () => {
    expect(refs("platinum")).toEqual([]);
    expect(refs("Gold")).toEqual([]);
    expect(refs("")).toEqual([]);
  });

  it("follows the order of the levels array, not the names", () => {
    const reordered = { ...content, levels: [...content.levels].reverse() };
    expect(clausesRequiredAt(reordered, "gold").map((c) => c.ref)).toEqual(["HW-1"]);
  });
});

describe("contentProblems", () => {
  it("accepts sound content", () => {
    expect(contentProblems(release("1.0.0", [clause("A-1"), clause("A-2")]))).toEqual([]);
  });

  it("names repeated references, positions, modules and levels, and unknown ones", () => {
    const content = release("1.0.0", [
      clause("A-1"),
      clause("A-1", { position: 2 }),
      clause("A-3", { position: 2 }),
      clause("B-1", { level: "diamond" }),
    ]);
    content.modules = [
      { code: "A", name: "A", summary: "" },
      { code: "A", name: "again", summary: "" },
    ];
    content.levels.push({ name: "gold", summary: "" });
    expect(contentProblems(content)).toEqual([
      "module A appears more than once",
      "level gold appears more than once",
      "clause A-1 appears more than once",
      "position A 2 appears more than once",
      "clause B-1 names unknown module B",
      "clause B-1 names unknown level diamond",
    ]);
  });
});
