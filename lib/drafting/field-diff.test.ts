import { describe, expect, it } from "vitest";
import {
  type Block,
  type BlockChange,
  blocksOf,
  type ClauseVersion,
  clausesDiffer,
  diffBlocks,
  diffClause,
  type FieldDiff,
  versionFields,
} from "@/lib/drafting/field-diff";
import { markdownToRichText as md } from "@/lib/drafting/markdown/text";
import { sameJson } from "@/lib/drafting/same-json";

const p = (text: string, marker: string | null = null, indent = marker ? 1 : 0): Block => ({
  text,
  marker,
  indent,
});

/** A change as a short line: "= text", "+ text", "- text", "~ old → new" or "≠ old → new". */
const summary = (change: BlockChange) =>
  change.kind === "edited"
    ? `${change.rewritten ? "≠" : "~"} ${change.before.text} → ${change.after.text}`
    : `${{ same: "=", added: "+", removed: "-" }[change.kind]} ${change.block.text}`;

const clause = (fields: Partial<ClauseVersion> = {}): ClauseVersion => ({
  title: "Collect only what is needed",
  strength: "MUST",
  level: "Bronze",
  body: md("The product MUST collect only the personal data it needs."),
  assessment: md("The privacy notice that lists each category of data."),
  examples: md("- A thermostat that asks for location only when needed."),
  ...fields,
});

const field = (diffs: FieldDiff[], name: FieldDiff["name"]) => {
  const found = diffs.find((diff) => diff.name === name);
  if (!found) throw new Error(`no ${name}`);
  return found;
};

describe("blocksOf", () => {
  it("reads paragraphs and list items in order, with bullets, numbers and nesting", () => {
    expect(
      blocksOf(md("First paragraph.\n\n- one\n- two\n\n3. third\n4. fourth\n\nLast.")),
    ).toEqual([
      p("First paragraph."),
      p("one", "•"),
      p("two", "•"),
      p("third", "3."),
      p("fourth", "4."),
      p("Last."),
    ]);
  });

  it("indents nested lists and an item's later paragraphs without a marker", () => {
    const doc = {
      type: "doc",
      content: [
        {
          type: "bulletList",
          content: [
            {
              type: "listItem",
              content: [
                { type: "paragraph", content: [{ type: "text", text: "outer" }] },
                { type: "paragraph", content: [{ type: "text", text: "more of outer" }] },
                {
                  type: "bulletList",
                  content: [
                    {
                      type: "listItem",
                      content: [{ type: "paragraph", content: [{ type: "text", text: "inner" }] }],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(blocksOf(doc)).toEqual([
      p("outer", "•", 1),
      p("more of outer", null, 1),
      p("inner", "•", 2),
    ]);
  });

  it("leaves out empty paragraphs and reads an empty field as nothing", () => {
    expect(blocksOf({ type: "doc", content: [] })).toEqual([]);
    expect(blocksOf({ type: "doc", content: [{ type: "paragraph" }] })).toEqual([]);
  });
});

describe("diffBlocks", () => {
  it("keeps unchanged paragraphs and edits a changed one word by word", () => {
    const changes = diffBlocks(
      [p("Keep this."), p("The vendor SHOULD publish it."), p("And this.")],
      [p("Keep this."), p("The vendor MUST publish it."), p("And this.")],
    );
    expect(changes.map(summary)).toEqual([
      "= Keep this.",
      "~ The vendor SHOULD publish it. → The vendor MUST publish it.",
      "= And this.",
    ]);
  });

  it("marks a paragraph that kept fewer than half its words as rewritten", () => {
    const changes = diffBlocks(
      [p("Updates MUST be signed.")],
      [p("Every update MUST carry a signature that the device checks before installing it.")],
    );
    expect(changes.map(summary)).toEqual([
      "≠ Updates MUST be signed. → Every update MUST carry a signature that the device checks before installing it.",
    ]);
  });

  it("shows a paragraph inserted before an edited one as added, not as a rewrite of it", () => {
    const changes = diffBlocks(
      [p("The vendor SHOULD publish its update policy.")],
      [p("A new opening paragraph."), p("The vendor MUST publish its update policy.")],
    );
    expect(changes.map(summary)).toEqual([
      "+ A new opening paragraph.",
      "~ The vendor SHOULD publish its update policy. → The vendor MUST publish its update policy.",
    ]);
  });

  it("leaves paragraphs with no word in common unpaired, removed before added", () => {
    const changes = diffBlocks([p("Old words here.")], [p("Something else entirely.")]);
    expect(changes.map(summary)).toEqual(["- Old words here.", "+ Something else entirely."]);
  });

  it("lists removed and added paragraphs where they were", () => {
    const changes = diffBlocks([p("A."), p("B gone."), p("C.")], [p("A."), p("C."), p("D new.")]);
    expect(changes.map(summary)).toEqual(["= A.", "- B gone.", "= C.", "+ D new."]);
  });

  it("does not call renumbering a change, and shows the current numbers", () => {
    const changes = diffBlocks(
      [p("first", "1."), p("second", "2.")],
      [p("zeroth", "1."), p("first", "2."), p("second", "3.")],
    );
    expect(changes.map(summary)).toEqual(["+ zeroth", "= first", "= second"]);
    expect(changes.map((change) => ("block" in change ? change.block.marker : null))).toEqual([
      "1.",
      "2.",
      "3.",
    ]);
  });

  it("sees a paragraph turned into a list item as a change", () => {
    const changes = diffBlocks([p("same words")], [p("same words", "•")]);
    expect(changes.map((change) => change.kind)).toEqual(["edited"]);
  });

  it("pairs long runs in order without trying every pairing", () => {
    const before = Array.from({ length: 30 }, (_, i) => p(`old paragraph ${i}`));
    const after = Array.from({ length: 30 }, (_, i) => p(`new paragraph ${i}`));
    const changes = diffBlocks(before, after);
    expect(changes).toHaveLength(30);
    expect(changes.every((change) => change.kind === "edited")).toBe(true);
  });

  it("names every change by its place in both texts, so repeated paragraphs stay apart", () => {
    const changes = diffBlocks(
      [p("Same."), p("Same."), p("Old one.")],
      [p("Same."), p("New one."), p("Same."), p("Same.")],
    );
    const keys = changes.map((change) => change.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("reads everything as added from nothing, and everything as removed to nothing", () => {
    expect(diffBlocks([], [p("a"), p("b")]).map(summary)).toEqual(["+ a", "+ b"]);
    expect(diffBlocks([p("a")], []).map(summary)).toEqual(["- a"]);
    expect(diffBlocks([], [])).toEqual([]);
  });
});

describe("diffClause: every field on its own", () => {
  it("names every field in reading order and says which are unchanged", () => {
    const diffs = diffClause(clause(), clause({ strength: "SHOULD" }));
    // A clause that maps to no other framework on either side has no mappings field at all.
    expect(diffs.map((diff) => diff.name)).toEqual(versionFields.filter((f) => f !== "mappings"));
    expect(diffs.map((diff) => diff.status)).toEqual([
      "unchanged",
      "changed",
      "unchanged",
      "unchanged",
      "unchanged",
      "unchanged",
    ]);
  });

  it("lists each mapping added or removed as a line of its own", () => {
    const link = (provision: string, rationale = "") => ({
      framework: "etsi-en-303-645",
      provision,
      relationship: "related" as const,
      rationale,
    });
    const before = clause({ mappings: [link("5.1-1"), link("5.3-2")] });
    const after = clause({
      mappings: [link("5.3-2"), link("5.1-1"), link("5.6-1", "Closes ports.")],
    });
    expect(field(diffClause(before, before), "mappings").status).toBe("unchanged");
    expect(
      field(
        diffClause(before, { ...before, mappings: [...(before.mappings ?? [])].reverse() }),
        "mappings",
      ).status,
    ).toBe("unchanged");
    const mappings = field(diffClause(before, after), "mappings");
    expect(mappings.status === "changed" && mappings.changes.map((c) => c.kind)).toEqual([
      "same",
      "same",
      "added",
    ]);
    expect(
      mappings.status === "changed" && mappings.changes[2]?.kind === "added"
        ? mappings.changes[2].block.text
        : null,
    ).toBe("etsi-en-303-645 5.6-1 (related): Closes ports.");
  });

  it("keeps a change in the assessment criteria out of the requirement and the examples", () => {
    const diffs = diffClause(
      clause(),
      clause({ assessment: md("The privacy notice that lists each category of data collected.") }),
    );
    expect(field(diffs, "body").status).toBe("unchanged");
    expect(field(diffs, "examples").status).toBe("unchanged");
    const assessment = field(diffs, "assessment");
    expect(assessment.status === "changed" && assessment.changes.map(summary)).toEqual([
      "~ The privacy notice that lists each category of data. → The privacy notice that lists each category of data collected.",
    ]);
    expect(assessment.status === "changed" && assessment.rewritten).toBe(false);
  });

  it("says when only formatting or links changed, not that the words did", () => {
    const diffs = diffClause(
      clause(),
      clause({ body: md("The product **MUST** collect only the personal data it needs.") }),
    );
    expect(field(diffs, "body").status).toBe("formatting");
  });

  it("sees key order and undefined members as no change", () => {
    const body = { content: [{ text: "x", type: "text", marks: undefined }], type: "paragraph" };
    const same = { type: "paragraph", content: [{ type: "text", text: "x" }] };
    expect(sameJson(body, same)).toBe(true);
    expect(
      diffClause(clause({ body }), clause({ body: same })).every((d) => d.status === "unchanged"),
    ).toBe(true);
  });

  it("reads an empty field written as an empty paragraph as unchanged", () => {
    const diffs = diffClause(
      clause({ examples: { type: "doc", content: [] } }),
      clause({ examples: { type: "doc", content: [{ type: "paragraph" }] } }),
    );
    expect(field(diffs, "examples").status).toBe("unchanged");
  });

  it("judges DATA-1's rewording between 1.0.0 and 1.1.0 a rewrite of its requirement", () => {
    const before = clause({
      body: md(
        "The product MUST collect only the personal data needed for the functions the owner actually uses.\n\nIn particular, the product does not collect:\n\n- precise location, unless a function the owner has turned on depends on it;\n- contact lists or data about other apps on the owner's phone;\n- audio or video beyond what a requested feature needs.",
      ),
    });
    const after = clause({
      body: md(
        "The product **MUST** collect only the personal data its functions need, and the manufacturer **MUST** name, for each item collected, the function that needs it.",
      ),
    });
    const body = field(diffClause(before, after), "body");
    expect(body.status).toBe("changed");
    expect(body.status === "changed" && body.rewritten).toBe(true);
    expect(body.status === "changed" && body.changes.map((change) => change.kind)).toEqual([
      "edited",
      "removed",
      "removed",
      "removed",
      "removed",
    ]);
  });

  it("shows every word of a clause never adopted as new", () => {
    const diffs = diffClause(null, clause({ examples: { type: "doc", content: [] } }));
    expect(diffs.map((diff) => diff.status)).toEqual([
      "changed",
      "changed",
      "changed",
      "changed",
      "changed",
      "unchanged",
    ]);
    const body = field(diffs, "body");
    expect(body.status === "changed" && body.changes.map(summary)).toEqual([
      "+ The product MUST collect only the personal data it needs.",
    ]);
    expect(diffs.some((diff) => diff.status === "changed" && diff.rewritten)).toBe(false);
  });

  it("shows every word of a removed clause as gone", () => {
    const diffs = diffClause(clause(), null);
    expect(diffs.every((diff) => diff.status === "changed")).toBe(true);
    const title = field(diffs, "title");
    expect(title.status === "changed" && title.changes.map(summary)).toEqual([
      "- Collect only what is needed",
    ]);
  });

  it("marks a title, strength or level word by word, never side by side, however much changed", () => {
    const diffs = diffClause(clause(), clause({ title: "Data minimisation", strength: "SHOULD" }));
    for (const name of ["title", "strength"] as const) {
      const changed = field(diffs, name);
      expect(changed.status).toBe("changed");
      expect(changed.status === "changed" && changed.rewritten).toBe(false);
      expect(
        changed.status === "changed" &&
          changed.changes.some((change) => change.kind === "edited" && change.rewritten),
      ).toBe(false);
    }
  });

  it("compares titles, strengths and levels as short texts", () => {
    const diffs = diffClause(
      clause(),
      clause({ title: "Collect only what is needed now", level: "Silver" }),
    );
    const title = field(diffs, "title");
    expect(title.status === "changed" && title.changes.map(summary)).toEqual([
      "~ Collect only what is needed → Collect only what is needed now",
    ]);
    const level = field(diffs, "level");
    expect(level.status === "changed" && level.changes.map(summary)).toEqual([
      "- Bronze",
      "+ Silver",
    ]);
  });
});

describe("clausesDiffer", () => {
  it("says whether any field differs, a level gone included", () => {
    const a = { ...clause(), level: null };
    expect(clausesDiffer(a, { ...a })).toBe(false);
    expect(clausesDiffer(a, { ...a, level: "Bronze" })).toBe(true);
    expect(clausesDiffer(a, { ...a, examples: md("- Another example.") })).toBe(true);
  });
});

describe("diffClause on texts stored before they were canonical", () => {
  it("finds no change where only the editor's render-only attributes differ", () => {
    const linked = md("See [the policy](https://example.org/policy).");
    const rendered = JSON.parse(
      JSON.stringify(linked).replace(
        '"attrs":{"href":"https://example.org/policy"}',
        '"attrs":{"href":"https://example.org/policy","rel":"noopener","target":"_blank","class":null,"title":null}',
      ),
    );
    expect(JSON.stringify(rendered)).not.toBe(JSON.stringify(linked));
    const diffs = diffClause(clause({ body: rendered }), clause({ body: linked }));
    expect(field(diffs, "body").status).toBe("unchanged");
  });
});
