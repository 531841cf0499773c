import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readFields } from "@/lib/collab/document";
import { problemAfter } from "@/lib/collab/guard";
import {
  body,
  edit,
  element,
  firstText,
  listText,
  liveClause,
  newParagraph,
  paragraph,
  text,
} from "@/lib/collab/test-updates";

describe("keeping the validated shadow in step with the live document", () => {
  it("refuses an update building on changes the clause does not have", () => {
    const live = liveClause();
    const editor = new Y.Doc();
    Y.applyUpdate(editor, Y.encodeStateAsUpdate(live));
    body(editor).insert(0, [newParagraph("unseen")]);
    const before = Y.encodeStateVector(editor);
    (element(body(editor), 0).get(0) as Y.XmlText).insert(0, "x", {
      link: { href: "javascript:x" },
    });
    // Held back until "unseen" arrives, it would join the clause unchecked.
    expect(problemAfter(live, Y.encodeStateAsUpdate(editor, before))).toMatch(/does not have/);
  });

  it("keeps step with the live document through accepted, refused and foreign updates", () => {
    const live = liveClause();
    const apply = (update: Uint8Array) => {
      expect(problemAfter(live, update)).toBeNull();
      Y.applyUpdate(live, update);
    };
    for (let i = 0; i < 20; i++) apply(edit(live, (d) => firstText(d).insert(0, `${i} `)));
    const bad = edit(live, (d) => firstText(d).format(0, 2, { link: { href: "javascript:x" } }));
    expect(problemAfter(live, bad)).toMatch(/link/);
    // A peer server's change reaches the live document without the guard.
    Y.applyUpdate(
      live,
      edit(live, (d) => body(d).insert(0, [newParagraph("from a peer")])),
    );
    apply(edit(live, (d) => firstText(d).insert(0, "after ")));
    expect(problemAfter(live, bad)).toMatch(/link/);
    expect(readFields(live).body.content?.[0]).toEqual(paragraph(text("after from a peer")));
    expect(JSON.stringify(readFields(live))).not.toMatch(/javascript/);
  });

  it("holds a connection's update once, and still catches up when it was dropped meanwhile", () => {
    const live = liveClause();
    const ann = {};
    const bob = {};
    /** Hocuspocus applies a connection's update with this origin, after the guard passed it. */
    const applyFrom = (connection: object, update: Uint8Array) =>
      Y.applyUpdate(live, update, { source: "connection", connection });
    const next = edit(live, (d) => body(d).insert(0, [newParagraph("Ann's")]));
    expect(problemAfter(live, next, undefined, ann)).toBeNull();
    // Bob's refused update drops the shadow before Ann's update reaches the live document.
    const bad = edit(live, (d) => firstText(d).format(0, 1, { link: { href: "javascript:x" } }));
    expect(problemAfter(live, bad, undefined, bob)).toMatch(/link/);
    // Carol's update makes a new shadow, from the live document as it is: without Ann's.
    const carols = edit(live, (d) => listText(d).insert(0, "C"));
    expect(problemAfter(live, carols, undefined, {})).toBeNull();
    applyFrom(ann, next);
    // The new shadow got Ann's paragraph from the live document: typing into it is fine.
    const typing = edit(live, (d) => firstText(d).insert(0, "More "));
    expect(problemAfter(live, typing, undefined, ann)).toBeNull();
    applyFrom(ann, typing);
    const again = edit(live, (d) => firstText(d).insert(0, "And "));
    expect(problemAfter(live, again, undefined, ann)).toBeNull();
    applyFrom(ann, again);
    expect(readFields(live).body.content?.[0]).toEqual(paragraph(text("And More Ann's")));
    // (Carol's update never reached the live document; Hocuspocus closed her connection.)
    expect(
      problemAfter(
        live,
        edit(live, (d) => firstText(d).delete(0, 4)),
        undefined,
        bob,
      ),
    ).toBeNull();
  });

  it("reads only what an update changed, not the rest of the clause", () => {
    // The old check copied and read the whole clause for every keystroke. Here the clause holds
    // content the rules refuse (put there behind the guard's back): an update elsewhere is
    // judged on its own paragraph, so it is accepted.
    const live = liveClause();
    Y.applyUpdate(
      live,
      edit(live, (d) => d.getXmlFragment("examples").insert(0, [new Y.XmlElement("script")])),
    );
    expect(
      problemAfter(
        live,
        edit(live, (d) => firstText(d).insert(5, "!")),
      ),
    ).toBeNull();
    // The same paragraph changed again still gets its whole check.
    expect(
      problemAfter(
        live,
        edit(live, (d) => firstText(d).format(0, 1, { link: { href: "data:x" } })),
      ),
    ).toMatch(/link/);
  });
});
