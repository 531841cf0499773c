import fs from "node:fs";
import type { Server } from "@hocuspocus/server";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type CollabContext, createCollabServer } from "@/lib/collab/server";
import { editInEditor, editorUndo, textPositions } from "@/lib/collab/test-editor";
import type { Participant, Secretariat } from "@/lib/community/authz";
import { fieldsChanged } from "@/lib/drafting/canonical-text";
import { parseStandard } from "@/lib/drafting/markdown/document";
import { takeRevision } from "@/lib/drafting/mutations";
import { type ClauseFields, clauseFields, type RichText } from "@/lib/drafting/rich-text";
import { formatRef } from "@/lib/drafting/rules";
import { clauseRevisions, clauses, clauseTexts, standards } from "@/lib/drafting/schema";
import { importStandard } from "@/lib/drafting/transfer";
import { draftCandidate } from "@/lib/releases/build";
import { changedFields } from "@/lib/releases/clause-diff";
import { contentDigest } from "@/lib/releases/content";
import { connectClient, TEST_SECRET, until } from "@/tests/collab-clients";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson, createSecretary } from "@/tests/people";

let test: TestDatabase;
let server: Server<CollabContext>;
let url: string;
let secretary: Secretariat;
let ann: Participant;

beforeAll(async () => {
  test = await createTestDatabase();
  secretary = await createSecretary(test.db, { name: "Sam" });
  ann = await createPerson(test.db, { name: "Ann" });
  server = createCollabServer({ db: test.db, secret: TEST_SECRET, port: 0, debounceMs: 50 });
  await server.listen();
  url = `ws://127.0.0.1:${server.address.port}`;
});
afterAll(async () => {
  await server?.destroy();
  await test?.close();
});

const markdown = fs.readFileSync("lib/drafting/fixtures/iotmark-export.md", "utf8");

/** The fixture (links, inline code, lists, hard breaks) imported as a standard of its own. */
async function importFixture(slug: string): Promise<string> {
  const result = parseStandard(markdown);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  await importStandard(test.db, secretary, { ...result.standard, slug });
  const [standard] = await test.db.select().from(standards).where(eq(standards.slug, slug));
  if (!standard) throw new Error("not imported");
  return standard.id;
}

async function clausesOf(standardId: string) {
  return test.db
    .select()
    .from(clauses)
    .where(eq(clauses.standardId, standardId))
    .orderBy(asc(clauses.position));
}

async function revision(clauseId: string, number: number) {
  const [row] = await test.db
    .select()
    .from(clauseRevisions)
    .where(and(eq(clauseRevisions.clauseId, clauseId), eq(clauseRevisions.number, number)));
  if (!row) throw new Error(`no revision ${number}`);
  return row;
}

const fieldsOf = (row: ClauseFields): ClauseFields => ({
  body: row.body,
  assessment: row.assessment,
  examples: row.examples,
});

/**
 * Opens a clause in an editor, lets `work` change its shared document, and waits until the
 * collab server has stored everything the editor holds.
 */
async function editLive(clauseId: string, work: (document: Y.Doc) => void): Promise<void> {
  const client = connectClient(url, clauseId, ann.id);
  try {
    await client.synced;
    work(client.document);
    await until(() => client.provider.unsyncedChanges === 0);
    const held = Y.encodeStateVector(client.document);
    await until(async () => {
      const [row] = await test.db
        .select({ state: clauseTexts.yjsState })
        .from(clauseTexts)
        .where(eq(clauseTexts.clauseId, clauseId));
      if (!row?.state) return false;
      const stored = new Y.Doc();
      Y.applyUpdate(stored, row.state);
      const same = Buffer.from(Y.encodeStateVector(stored)).equals(Buffer.from(held));
      stored.destroy();
      return same;
    });
  } finally {
    client.provider.destroy();
    client.document.destroy();
  }
}

/** Records the working text as a revision and makes it the adopted one, as an adoption would. */
async function adoptWorkingText(clauseId: string): Promise<number> {
  const number = await test.db.transaction((tx) =>
    takeRevision(tx, clauseId, { kind: "saved", note: "", actorId: ann.id }),
  );
  const { id } = await revision(clauseId, number);
  await test.db.update(clauses).set({ adoptedRevisionId: id }).where(eq(clauses.id, clauseId));
  return number;
}

async function releaseDigest(standardId: string): Promise<string> {
  const draft = await draftCandidate(test.db, standardId);
  expect(draft.leftOut).toEqual([]);
  return contentDigest({ ...draft.content, version: "1.0.0", notes: "" });
}

/** Text as an editor stored it before rendering attributes were kept out of stored text. */
function asStoredEarlier(json: RichText): RichText {
  const marks = json.marks?.map((mark) =>
    mark.type === "link"
      ? {
          type: "link",
          attrs: {
            ...mark.attrs,
            target: "_blank",
            rel: "noopener noreferrer nofollow",
            class: null,
            title: null,
          },
        }
      : { ...mark, attrs: {} },
  );
  const attrs = json.type === "orderedList" ? { start: 1, ...json.attrs } : json.attrs;
  return {
    ...json,
    ...(attrs ? { attrs } : {}),
    ...(marks ? { marks } : {}),
    ...(json.content ? { content: json.content.map(asStoredEarlier) } : {}),
  };
}

describe("text edited live is stored in one form", () => {
  it("lists only the field someone edited as changed, however the others hold links and code", async () => {
    const standardId = await importFixture("iot-edited");
    const clause = (await clausesOf(standardId)).find(
      (row) => formatRef(row.refCode, row.refNumber) === "ORG-1",
    );
    if (!clause) throw new Error("no clause ORG-1");
    await editLive(clause.id, (document) => {
      editInEditor(document, "assessment", (tr) =>
        tr.insertText(" Keep the answer.", textPositions(tr.doc).at(-1) ?? 1),
      );
    });
    expect(await adoptWorkingText(clause.id)).toBe(2);
    const imported = await revision(clause.id, 1);
    const edited = await revision(clause.id, 2);
    expect(fieldsChanged(fieldsOf(imported), fieldsOf(edited))).toEqual(["assessment"]);
    // The untouched fields are stored exactly as imported: links keep only their href.
    expect(edited.body).toEqual(imported.body);
    expect(edited.examples).toEqual(imported.examples);
    expect(JSON.stringify(edited)).not.toMatch(/noopener|_blank|"attrs":\{\}/);
    const asReleased = (row: typeof edited) => ({
      ref: "ORG-1",
      moduleCode: "ORG",
      position: 1,
      title: row.title,
      strength: row.strength,
      level: null,
      ...fieldsOf(row),
    });
    expect(changedFields(asReleased(imported), asReleased(edited)).map((f) => f.name)).toEqual([
      "assessment",
    ]);
  });

  it("releases text that went through the editor with the digest of the imported Markdown", async () => {
    const standardId = await importFixture("iot-released");
    // A retired clause is read-only: it keeps its text and stays out of releases.
    const all = (await clausesOf(standardId)).filter((clause) => clause.retiredAt === null);
    expect(all).toHaveLength(9);
    for (const clause of all) await adoptWorkingText(clause.id);
    const imported = await releaseDigest(standardId);

    // Every field of every clause opened in the editor, edited and the edit undone.
    for (const clause of all) {
      await editLive(clause.id, (document) => {
        for (const field of clauseFields) {
          const undo = editorUndo(document, field);
          editInEditor(document, field, (tr) =>
            tr.insertText("Draft words. ", textPositions(tr.doc)[0] ?? 1),
          );
          while (undo.canUndo()) undo.undo();
          undo.destroy();
        }
      });
      await adoptWorkingText(clause.id);
    }
    expect(await releaseDigest(standardId)).toBe(imported);

    // A revision recorded with the rendering attributes, as history holds it, releases the same.
    const first = all.find((row) => formatRef(row.refCode, row.refNumber) === "ORG-1");
    if (!first) throw new Error("no clause ORG-1");
    const adopted = await revision(first.id, 1);
    const [earlier] = await test.db
      .insert(clauseRevisions)
      .values({
        ...adopted,
        id: undefined,
        number: 99,
        body: asStoredEarlier(adopted.body),
        assessment: asStoredEarlier(adopted.assessment),
        examples: asStoredEarlier(adopted.examples),
      })
      .returning({ id: clauseRevisions.id, body: clauseRevisions.body });
    expect(JSON.stringify(earlier?.body)).toMatch(/noopener/);
    await test.db
      .update(clauses)
      .set({ adoptedRevisionId: earlier?.id })
      .where(eq(clauses.id, first.id));
    expect(await releaseDigest(standardId)).toBe(imported);
  });
});
