import { describe, expect, it } from "vitest";
import { canResolve, openThreadSchema, renderComment } from "@/lib/discussion/rules";

describe("renderComment", () => {
  it("renders the Markdown subset", () => {
    expect(renderComment("*Why* **must** it be `five` years?")).toBe(
      "<p><em>Why</em> <strong>must</strong> it be <code>five</code> years?</p>",
    );
    expect(renderComment("- one\n- two")).toBe("<ul>\n<li>one</li>\n<li>two</li>\n</ul>");
    expect(renderComment("> quoted")).toBe("<blockquote>\n<p>quoted</p>\n</blockquote>");
    expect(renderComment("[spec](https://example.org/x)")).toBe(
      '<p><a href="https://example.org/x" rel="nofollow noopener ugc">spec</a></p>',
    );
  });

  it.each([
    ["<script>alert(1)</script>", ""],
    ['<img src=x onerror="alert(1)">', ""],
    ["[x](javascript:alert(1))", '<p><a rel="nofollow noopener ugc">x</a></p>'],
    ["[x](JaVaScRiPt:alert(1))", '<p><a rel="nofollow noopener ugc">x</a></p>'],
    ["[x](data:text/html;base64,PHNjcmlwdD4=)", '<p><a rel="nofollow noopener ugc">x</a></p>'],
    [
      '<a href="#" onclick="alert(1)">x</a>',
      '<p><a href="#" rel="nofollow noopener ugc">x</a></p>',
    ],
    ["<svg><script>alert(1)</script></svg>", ""],
    ["# Heading", "Heading"],
  ])("removes what is unsafe or outside the subset: %j", (input, output) => {
    expect(renderComment(input)).toBe(output);
  });
});

describe("openThreadSchema", () => {
  it("accepts a thread and treats an empty quote as none", () => {
    expect(
      openThreadSchema.parse({ kind: "objection", title: "Too weak", quote: "", body: "Why?" }),
    ).toEqual({
      kind: "objection",
      title: "Too weak",
      quote: null,
      anchor: null,
      body: "Why?",
    });
  });

  it("reads a quote's anchor, and refuses one that is not an anchor", () => {
    const anchor = {
      field: "body",
      start: { type: null, tname: "body", item: null, assoc: 0 },
      end: { type: null, tname: "body", item: null, assoc: 0 },
    };
    const base = { kind: "comment", title: "T", quote: "five", body: "B" };
    expect(openThreadSchema.parse({ ...base, anchor: JSON.stringify(anchor) }).anchor).toEqual(
      anchor,
    );
    for (const bad of ["{", JSON.stringify({ field: "title", start: {}, end: {} }), "[]"]) {
      expect(openThreadSchema.safeParse({ ...base, anchor: bad }).error?.issues[0]?.path[0]).toBe(
        "anchor",
      );
    }
  });
  it.each([
    [{ kind: "rant" }, "kind"],
    [{ title: "" }, "title"],
    [{ title: "<b>x</b>" }, "title"],
    [{ body: "" }, "body"],
    [{ body: "x".repeat(10_001) }, "body"],
  ])("refuses %j", (input, field) => {
    const result = openThreadSchema.safeParse({ kind: "comment", title: "T", body: "B", ...input });
    expect(result.error?.issues[0]?.path[0]).toBe(field);
  });
});

describe("canResolve", () => {
  it("holds an objection open until its author withdraws or sustains it", () => {
    expect(canResolve({ kind: "objection", objectionState: "raised" })).toBe(false);
    expect(canResolve({ kind: "objection", objectionState: "withdrawn" })).toBe(true);
    expect(canResolve({ kind: "objection", objectionState: "sustained" })).toBe(true);
    expect(canResolve({ kind: "question", objectionState: null })).toBe(true);
  });
});
