import { describe, expect, it } from "vitest";
import type { RichText } from "@/lib/drafting/rich-text";
import { compareReleases } from "@/lib/releases/compare";
import { clause, release } from "@/tests/release-content";

type Mark = NonNullable<RichText["marks"]>[number];
/** A paragraph with a link and inline code, the marks given as some editor stored them. */
const withLink = (link: Mark, code: Mark = { type: "code" }): RichText => ({
  type: "doc",
  content: [
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Read " },
        { type: "text", text: "the policy", marks: [link] },
        { type: "text", text: " and run " },
        { type: "text", text: "check()", marks: [code] },
      ],
    },
  ],
});

describe("releases compared across the change to stored text", () => {
  it("finds no change where a release kept the editor's rendering attributes and the next does not", () => {
    const rendered = withLink(
      {
        type: "link",
        attrs: {
          href: "https://example.org/policy",
          target: "_blank",
          rel: "noopener noreferrer nofollow",
          class: null,
          title: null,
        },
      },
      { type: "code", attrs: {} },
    );
    const stored = withLink({ type: "link", attrs: { href: "https://example.org/policy" } });
    const before = release("1.0.0", [clause("SW-1", { assessment: rendered })]);
    const after = release("1.1.0", [clause("SW-1", { assessment: stored })]);
    expect(compareReleases(before, after).summary.changed).toBe(0);

    const moved = withLink({ type: "link", attrs: { href: "https://example.org/new" } });
    const changed = compareReleases(
      before,
      release("1.1.0", [clause("SW-1", { assessment: moved })]),
    );
    expect(changed.changed.map((c) => c.fields.map((f) => f.name))).toEqual([["assessment"]]);
  });
});
