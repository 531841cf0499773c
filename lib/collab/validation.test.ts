import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { problemWith, readFields } from "@/lib/collab/document";
import { problemAfter } from "@/lib/collab/guard";
import {
  body,
  edit,
  element,
  firstText,
  listItem,
  listText,
  liveClause,
  newParagraph,
} from "@/lib/collab/test-updates";
import { foreignContent } from "@/lib/collab/validation";

/** What the old full-copy check said: the whole clause, copied and read again. */
function wholeClauseProblem(live: Y.Doc, update: Uint8Array): string | null {
  const probe = new Y.Doc();
  try {
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(live));
    Y.applyUpdate(probe, update);
    for (const name of probe.share.keys()) {
      if (!["body", "assessment", "examples"].includes(name)) return `field ${name}`;
      const problem = foreignContent(probe.getXmlFragment(name), name);
      if (problem) return problem;
    }
    return problemWith(readFields(probe));
  } catch (error) {
    return (error as Error).message;
  } finally {
    probe.destroy();
  }
}

/** An update from a document of its own, as a raw client would craft it. */
function crafted(build: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  build(doc);
  return Y.encodeStateAsUpdate(doc);
}

type Case = [label: string, update: (live: Y.Doc) => Uint8Array];

const refused: Case[] = [
  ["a map under a new top-level name", () => crafted((d) => d.getMap("evil").set("k", "x"))],
  [
    "an unknown XML fragment",
    () => crafted((d) => d.getXmlFragment("script").insert(0, [newParagraph("x")])),
  ],
  ["keyed entries on a field", (l) => edit(l, (d) => d.getMap("body").set("hidden", "x"))],
  ["keyed entries on a text", (l) => edit(l, (d) => firstText(d).setAttribute("onclick", "x"))],
  [
    "an attribute the schema does not have",
    (l) => edit(l, (d) => element(body(d), 0).setAttribute("onclick", "x")),
  ],
  [
    "an attribute on a new element",
    (l) =>
      edit(l, (d) => {
        const p = newParagraph("x");
        p.setAttribute("style", "x");
        body(d).insert(0, [p]);
      }),
  ],
  [
    "a node type at the top",
    (l) => edit(l, (d) => body(d).insert(0, [new Y.XmlElement("script")])),
  ],
  [
    "a node type deep in a list",
    (l) => edit(l, (d) => listItem(d).insert(1, [new Y.XmlElement("iframe")])),
  ],
  [
    "a paragraph inside a paragraph",
    (l) => edit(l, (d) => element(body(d), 0).insert(1, [newParagraph("x")])),
  ],
  [
    "a list item at the top",
    (l) => edit(l, (d) => body(d).insert(0, [new Y.XmlElement("listItem")])),
  ],
  ["text straight in a field", (l) => edit(l, (d) => body(d).insert(0, [new Y.XmlText("x")]))],
  ["a string among nodes", (l) => edit(l, (d) => element(body(d), 0).insert(0, ["x" as never]))],
  ["a map among nodes", (l) => edit(l, (d) => body(d).insert(0, [new Y.Map() as never]))],
  ["an embed in a text", (l) => edit(l, (d) => firstText(d).insertEmbed(0, { image: "x" }))],
  ["a list emptied of its only item", (l) => edit(l, (d) => element(body(d), 1).delete(0, 1))],
  [
    "a javascript: link in any letter case on existing text",
    (l) => edit(l, (d) => firstText(d).format(0, 5, { link: { href: "JaVaScRiPt:alert(1)" } })),
  ],
  [
    "a javascript: link typed with new text",
    (l) => edit(l, (d) => firstText(d).insert(5, "x", { link: { href: " javascript:x" } })),
  ],
  [
    "a data: link deep in a list",
    (l) => edit(l, (d) => listText(d).insert(0, "x", { link: { href: "data:text/html,x" } })),
  ],
  ["a link with no href", (l) => edit(l, (d) => firstText(d).format(0, 2, { link: {} }))],
  [
    "a mark the editor does not have",
    (l) => edit(l, (d) => firstText(d).format(0, 5, { iframe: { src: "https://x.org" } })),
  ],
  [
    "a mark the editor does not have, on a new paragraph",
    (l) =>
      edit(l, (d) => {
        const t = new Y.XmlText();
        const p = new Y.XmlElement("paragraph");
        p.insert(0, [t]);
        d.getXmlFragment("examples").insert(0, [p]);
        t.insert(0, "x", { strike: {} });
      }),
  ],
  [
    "code together with bold",
    (l) =>
      edit(l, (d) => {
        firstText(d).format(0, 5, { bold: {} });
        firstText(d).format(0, 5, { code: {} });
      }),
  ],
  ["bytes that are no update", () => new Uint8Array([1, 2, 3, 250, 251, 252])],
];

const accepted: Case[] = [
  ["typing into a paragraph", (l) => edit(l, (d) => firstText(d).insert(5, " world"))],
  ["typing into a list item", (l) => edit(l, (d) => listText(d).insert(4, "s"))],
  ["deleting text", (l) => edit(l, (d) => firstText(d).delete(0, 2))],
  ["bold on existing text", (l) => edit(l, (d) => firstText(d).format(0, 5, { bold: {} }))],
  [
    "a safe link on existing text",
    (l) => edit(l, (d) => firstText(d).format(0, 5, { link: { href: "mailto:a@b.org" } })),
  ],
  [
    // Documents edited before links lost them hold such links still, and must stay editable.
    "a link with the rendering attributes earlier editors gave it",
    (l) =>
      edit(l, (d) =>
        firstText(d).format(0, 5, {
          link: { href: "https://x.org", target: "_blank", rel: "noopener", class: null },
        }),
      ),
  ],
  ["a new paragraph", (l) => edit(l, (d) => body(d).insert(1, [newParagraph("Next")]))],
  [
    "a new ordered list starting at 3",
    (l) =>
      edit(l, (d) => {
        const list = new Y.XmlElement("orderedList");
        list.setAttribute("start", 3 as never);
        const item = new Y.XmlElement("listItem");
        item.insert(0, [newParagraph("three")]);
        list.insert(0, [item]);
        d.getXmlFragment("examples").insert(0, [list]);
      }),
  ],
  [
    "a hard break",
    (l) =>
      edit(l, (d) =>
        element(body(d), 0).insert(1, [new Y.XmlElement("hardBreak"), new Y.XmlText("b")]),
      ),
  ],
  ["a whole list deleted", (l) => edit(l, (d) => body(d).delete(1, 1))],
  [
    "a bad node added and deleted in the same update",
    (l) =>
      edit(l, (d) => {
        body(d).insert(0, [new Y.XmlElement("script")]);
        body(d).delete(0, 1);
      }),
  ],
  ["an update the clause already has", (l) => Y.encodeStateAsUpdate(l)],
];

describe("checking an update against the validated shadow", () => {
  it.each(refused)("refuses %s, as the whole-clause check did", (_label, make) => {
    const live = liveClause();
    const update = make(live);
    expect(wholeClauseProblem(live, update)).not.toBeNull();
    expect(problemAfter(live, update)).not.toBeNull();
  });

  it.each(accepted)("accepts %s, as the whole-clause check did", (_label, make) => {
    const live = liveClause();
    const update = make(live);
    expect(wholeClauseProblem(live, update)).toBeNull();
    expect(problemAfter(live, update)).toBeNull();
  });
});
