import { describe, expect, it } from "vitest";
import type { ReleaseSection } from "@/lib/releases/content";
import { compareSections } from "@/lib/releases/section-diff";

const section = (slug: string, title: string, text: string): ReleaseSection => ({
  slug,
  kind: "other",
  title,
  body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] },
});

describe("compareSections", () => {
  it("lists added, removed and changed sections by slug", () => {
    const result = compareSections(
      [section("scope", "Scope", "Devices."), section("old", "Old", "Gone.")],
      [section("scope", "Scope and aims", "Connected devices."), section("new", "New", "Here.")],
    );
    expect(result.added.map((entry) => entry.slug)).toEqual(["new"]);
    expect(result.removed.map((entry) => entry.slug)).toEqual(["old"]);
    expect(result.changed).toHaveLength(1);
    expect(result.changed[0]?.title?.some((part) => part.kind === "added")).toBe(true);
    expect(result.changed[0]?.body?.find((part) => part.kind === "added")?.text).toContain(
      "Connected",
    );
  });

  it("finds nothing between equal sections, and treats absent lists as empty", () => {
    const same = [section("scope", "Scope", "Devices.")];
    expect(compareSections(same, same)).toEqual({ added: [], removed: [], changed: [] });
    expect(compareSections(undefined, undefined)).toEqual({ added: [], removed: [], changed: [] });
    expect(compareSections(undefined, same).added).toEqual(same);
  });
});
