import { readFileSync } from "node:fs";
import path from "node:path";
import { parseStandard } from "@/lib/drafting/markdown/document";
import type { StandardDocument } from "@/lib/drafting/markdown/types";
import { emptyRichText, type RichText } from "@/lib/drafting/rich-text";

// Builders for the tests of the standard's Markdown file: fixtures, rich text, a small standard.

export const fixture = (name: string) =>
  readFileSync(path.join(import.meta.dirname, "..", "fixtures", name), "utf8");
type Mark = { type: string; attrs?: Record<string, string> };
export const t = (text: string, ...marks: Mark[]): RichText =>
  marks.length ? { type: "text", text, marks } : { type: "text", text };
export const p = (...content: RichText[]): RichText => ({ type: "paragraph", content });
export const doc = (...content: RichText[]): RichText => ({ type: "doc", content });
export const bullets = (...items: RichText[][]): RichText => ({
  type: "bulletList",
  content: items.map((content) => ({ type: "listItem", content })),
});
export const parsed = (markdown: string): StandardDocument => {
  const result = parseStandard(markdown);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.standard;
};
export const problems = (result: ReturnType<typeof parseStandard>) =>
  result.ok ? [] : result.problems;

export const small: StandardDocument = {
  slug: "mini",
  name: "Mini mark",
  summary: 'Two lines,\n"quoted"',
  modules: [
    { code: "SW", name: "Software  and\tfirmware", summary: "" },
    { code: "EMPTY", name: "Empty", summary: "No clauses yet." },
  ],
  levels: [{ name: "Bronze", summary: "" }],
  clauses: [
    {
      ref: "SW-2",
      moduleCode: "SW",
      title: " Signed\nupdates ",
      level: "Bronze",
      strength: "MUST",
      retired: true,
      body: doc(p(t("Only "), t("signed", { type: "bold" }), t(" images."))),
      assessment: emptyRichText(),
      examples: doc({ type: "paragraph" }),
    },
  ],
};
export const smallMarkdown = `---
slug: "mini"
name: "Mini mark"
summary: "Two lines,\\n\\"quoted\\""
modules:
  - code: "SW"
    name: "Software and firmware"
    summary: ""
  - code: "EMPTY"
    name: "Empty"
    summary: "No clauses yet."
levels:
  - name: "Bronze"
    summary: ""
---

## Software and firmware (SW)

### SW-2 Signed updates

Level: Bronze · Strength: MUST
Status: retired

Only **signed** images.

#### Assessment

#### Examples

## Empty (EMPTY)
`;
