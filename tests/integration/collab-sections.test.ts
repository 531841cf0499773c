import type { Server } from "@hocuspocus/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { closeSectionConnections } from "@/lib/collab/internal";
import { sectionUpdates } from "@/lib/collab/schema";
import { type CollabContext, createCollabServer } from "@/lib/collab/server";
import type { Participant } from "@/lib/community/authz";
import { sectionEdits, sectionTexts, standards } from "@/lib/drafting/schema";
import { listSectionRevisions } from "@/lib/drafting/section-queries";
import { sectionRevisionOfWorkingText } from "@/lib/drafting/section-revisions";
import { createSection, retireUnadoptedSection } from "@/lib/drafting/sections";
import {
  connectDocument,
  firstParagraphText,
  paragraphDoc,
  rawClient,
  TEST_SECRET,
  until,
} from "@/tests/collab-clients";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

let test: TestDatabase;
let server: Server<CollabContext>;
let port: number;
let url: string;
let ann: Participant;
let bob: Participant;
const slug = "collab-sections";

beforeAll(async () => {
  test = await createTestDatabase();
  await test.db.insert(standards).values({ slug, name: "Collab sections", summary: "" });
  ann = await createPerson(test.db, { name: "Ann" });
  bob = await createPerson(test.db, { name: "Bob" });
  server = createCollabServer({ db: test.db, secret: TEST_SECRET, port: 0, debounceMs: 50 });
  await server.listen();
  port = server.address.port;
  url = `ws://127.0.0.1:${port}`;
});
/** A paragraph added to the front of a section's body, as one Yjs update. */
function paragraphUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  const element = new Y.XmlElement("paragraph");
  element.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment("body").insert(0, [element]);
  return Y.encodeStateAsUpdate(doc);
}

afterAll(async () => {
  await server?.destroy();
  await test?.close();
});

async function newSection(text: string, title = "Scope") {
  const { sectionId } = await createSection(test.db, ann, {
    standardSlug: slug,
    kind: "scope",
    title,
    body: text ? paragraphDoc(text) : undefined,
  });
  return sectionId;
}

const stored = async (sectionId: string) =>
  (await test.db.select().from(sectionTexts).where(eq(sectionTexts.sectionId, sectionId)))[0];

describe("section documents", () => {
  it("are seeded once from the stored body and shared live between editors", async () => {
    const sectionId = await newSection("This standard covers connected products.");
    expect((await stored(sectionId))?.yjsState).toBeNull();
    const a = connectDocument(url, `section:${sectionId}`, ann.id);
    const b = connectDocument(url, `section:${sectionId}`, bob.id);
    await Promise.all([a.synced, b.synced]);
    expect(a.body()).toBe("This standard covers connected products.");
    expect(b.body()).toBe("This standard covers connected products."); // seeded once, not twice
    expect((await stored(sectionId))?.yjsState).not.toBeNull();

    firstParagraphText(a.document).insert(0, "In short: ");
    await until(() => b.body().startsWith("In short: "));
    // Stored with its JSON and plain text in one transaction, and who edited it.
    await until(
      async () =>
        (await stored(sectionId))?.plainText ===
        "In short: This standard covers connected products.",
    );
    const row = await stored(sectionId);
    expect(row?.body).toEqual(paragraphDoc("In short: This standard covers connected products."));
    const edits = await test.db
      .select()
      .from(sectionEdits)
      .where(eq(sectionEdits.sectionId, sectionId));
    expect(edits.map((edit) => edit.userId)).toEqual([ann.id]);
    await until(
      async () =>
        (await test.db.select().from(sectionUpdates).where(eq(sectionUpdates.sectionId, sectionId)))
          .length === 0,
    );
    a.provider.destroy();
    b.provider.destroy();

    // The next revision credits the editor; the working text is now that revision.
    const number = await test.db.transaction((tx) =>
      sectionRevisionOfWorkingText(tx, sectionId, { note: "", actorId: bob.id, now: new Date() }),
    );
    const [revision] = await listSectionRevisions(test.db, sectionId);
    expect(revision).toMatchObject({ number, authors: ["Ann"] });
    expect(revision?.plainText).toBe("In short: This standard covers connected products.");
  });

  it("load from the stored state and log when nobody has them open", async () => {
    const sectionId = await newSection("Kept.");
    const a = connectDocument(url, `section:${sectionId}`, ann.id);
    await a.synced;
    firstParagraphText(a.document).insert(5, " across restarts");
    await until(async () => (await stored(sectionId))?.plainText === "Kept. across restarts");
    a.provider.destroy();
    await until(() => !server.hocuspocus.documents.has(`section:${sectionId}`));
    const again = connectDocument(url, `section:${sectionId}`, bob.id);
    await again.synced;
    expect(again.body()).toBe("Kept. across restarts");
    again.provider.destroy();
  });

  it("have one field: an update to any other is refused and nothing of it is stored", async () => {
    const sectionId = await newSection("Only a body.");
    const raw = await rawClient(url, sectionId, ann.id, `section:${sectionId}`);
    const doc = new Y.Doc();
    const element = new Y.XmlElement("paragraph");
    element.insert(0, [new Y.XmlText("smuggled")]);
    doc.getXmlFragment("assessment").insert(0, [element]);
    expect(await raw.sendUpdate(Y.encodeStateAsUpdate(doc))).toMatch(
      /^refused: .*field the clause does not have \(assessment\)/,
    );
    raw.close();
    await until(() => !server.hocuspocus.documents.has(`section:${sectionId}`));
    const state = new Y.Doc();
    Y.applyUpdate(state, (await stored(sectionId))?.yjsState ?? new Uint8Array());
    expect([...state.share.keys()].every((name) => name === "body")).toBe(true);
    expect(JSON.stringify(await stored(sectionId))).not.toContain("smuggled");
  });

  it("refuse unknown sections and names", async () => {
    const unknown = connectDocument(url, "section:00000000-0000-4000-8000-000000000000", ann.id);
    await expect(unknown.synced).rejects.toThrow(/no such section/);
    unknown.provider.destroy();
    const odd = connectDocument(url, "chapter:00000000-0000-4000-8000-000000000000", ann.id);
    await expect(odd.synced).rejects.toThrow(/unknown document/);
    odd.provider.destroy();
  });

  it("become read-only when retired, for editors already in them and anyone after", async () => {
    const sectionId = await newSection("Soon retired.", "Old notes");
    const a = connectDocument(url, `section:${sectionId}`, ann.id);
    await a.synced;
    await retireUnadoptedSection(test.db, ann, sectionId, new Date(), (id) =>
      closeSectionConnections(`http://127.0.0.1:${port}`, TEST_SECRET, id),
    );
    // The server closed the editor's connection to it at once.
    await until(
      () =>
        (server.hocuspocus.documents.get(`section:${sectionId}`)?.getConnectionsCount() ?? 0) === 0,
    );
    a.provider.destroy();
    // A late editor's change is answered as read-only, not applied.
    const late = await rawClient(url, sectionId, bob.id, `section:${sectionId}`);
    expect(await late.sendUpdate(paragraphUpdate("Ignored"))).not.toBe("applied");
    late.close();
    expect((await stored(sectionId))?.plainText).toBe("Soon retired.");
  });
});
