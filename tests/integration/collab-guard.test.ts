import type { Server } from "@hocuspocus/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { ReadOnlyWatch } from "@/lib/collab/access";
import { documentNameOf } from "@/lib/collab/document-name";
import { closeClauseConnections, replaceTextPath, signedHeaders } from "@/lib/collab/internal";
import { type CollabContext, createCollabServer } from "@/lib/collab/server";
import type { Participant } from "@/lib/community/authz";
import { seedDemo } from "@/lib/demo/seed";
import { retireClause } from "@/lib/drafting/retire";
import { clauseTexts } from "@/lib/drafting/schema";
import {
  connectClient,
  emptyDoc,
  firstParagraphText,
  httpRequest,
  newTestClause,
  type Post,
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
const rejections: unknown[] = [];
const noteRejection = (reason: unknown) => rejections.push(reason);

beforeAll(async () => {
  process.on("unhandledRejection", noteRejection);
  test = await createTestDatabase();
  await seedDemo(test.db);
  ann = await createPerson(test.db, { name: "Ann" });
  bob = await createPerson(test.db, { name: "Bob" });
  server = createCollabServer({ db: test.db, secret: TEST_SECRET, port: 0, debounceMs: 50 });
  await server.listen();
  port = server.address.port;
  url = `ws://127.0.0.1:${port}`;
});
afterAll(async () => {
  process.off("unhandledRejection", noteRejection);
  await server?.destroy();
  await test?.close();
});

const paragraph = paragraphDoc;
const empty = emptyDoc;
const newClause = (body = "") => newTestClause(test.db, ann, body);

const storedText = async (clauseId: string) =>
  (await test.db.select().from(clauseTexts).where(eq(clauseTexts.clauseId, clauseId)))[0];

/** The stored Yjs state as a document, to look for what should not be there. */
async function storedDocument(clauseId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const state = (await storedText(clauseId))?.yjsState;
  if (state) Y.applyUpdate(doc, state);
  return doc;
}

const request = (post: Post, options: { method?: string; chunked?: boolean } = {}) =>
  httpRequest(port, post, options);

/** The server still serves editors: a fresh client connects and syncs the clause. */
async function stillServes(clauseId: string, expected: string) {
  const client = connectClient(url, clauseId, bob.id);
  await client.synced;
  expect(client.body()).toBe(expected);
  client.provider.destroy();
  expect((await request({ path: "/" }, { method: "GET" })).status).toBe(200);
}

describe("the internal path of the collab server", () => {
  const bigBody = Buffer.alloc(5 * 1024 * 1024, "x");

  it("answers an oversized POST with 413, before and without reading it, and keeps serving", async () => {
    const clauseId = await newClause("Still here.");
    const path = replaceTextPath(clauseId);
    expect((await request({ path, body: bigBody })).status).toBe(413);
    // Signed, streamed without a length: counted while it arrives.
    const signed = signedHeaders(TEST_SECRET, "POST", path, bigBody.toString());
    expect(
      (await request({ path, body: bigBody, headers: signed }, { chunked: true })).status,
    ).toBe(413);
    await stillServes(clauseId, "Still here.");
    expect(rejections).toEqual([]);
  });

  it("refuses unsigned, stale, malformed and misrouted calls with a 4xx", async () => {
    const clauseId = await newClause("Keep me.");
    const path = replaceTextPath(clauseId);
    const valid = JSON.stringify({
      userId: ann.id,
      fields: { body: paragraph("Replaced"), assessment: empty, examples: empty },
    });
    const sign = (body: string, at = Date.now(), signedPath = path) =>
      signedHeaders(TEST_SECRET, "POST", signedPath, body, at);
    const cases: [string, Post, number][] = [
      ["unsigned", { path, body: valid }, 403],
      [
        "signed with another secret",
        { path, body: valid, headers: signedHeaders("other", "POST", path, valid) },
        403,
      ],
      [
        "signed an hour ago",
        { path, body: valid, headers: sign(valid, Date.now() - 3600_000) },
        403,
      ],
      ["signed for another body", { path, body: valid, headers: sign("{}") }, 403],
      [
        "signed for another path",
        { path, body: valid, headers: sign(valid, Date.now(), "/internal/x") },
        403,
      ],
      ["malformed JSON", { path, body: "{not json", headers: sign("{not json") }, 400],
      [
        "JSON of the wrong shape",
        { path, body: '{"fields":1}', headers: sign('{"fields":1}') },
        400,
      ],
      ["an unknown path", { path: "/internal/anything", body: "{}" }, 404],
      ["a path that is not a clause", { path: "/internal/clauses/x/text", body: "{}" }, 404],
    ];
    for (const [label, post, status] of cases) {
      expect({ label, status: (await request(post)).status }).toEqual({ label, status });
    }
    expect((await request({ path }, { method: "GET" })).status).toBe(405);
    expect((await storedText(clauseId))?.plainText).toBe("Keep me.");
    await stillServes(clauseId, "Keep me.");
    expect(rejections).toEqual([]);
  });
});

/** An update from a document of its own, as a client with its own id would send it. */
function updateFrom(build: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  build(doc);
  return Y.encodeStateAsUpdate(doc);
}

const paragraphUpdate = (text: string) =>
  updateFrom((doc) => {
    const element = new Y.XmlElement("paragraph");
    element.insert(0, [new Y.XmlText(text)]);
    doc.getXmlFragment("body").insert(0, [element]);
  });

describe("updates the guard refuses", () => {
  it.each([
    [
      "a big map under a new top-level name",
      (doc: Y.Doc) => doc.getMap("evil").set("k", "x".repeat(100_000)),
    ],
    [
      "an unknown XML fragment",
      (doc: Y.Doc) => doc.getXmlFragment("script").insert(0, [new Y.XmlText("alert(1)")]),
    ],
    [
      "keyed entries on a field",
      (doc: Y.Doc) => doc.getMap("body").set("hidden", "x".repeat(100_000)),
    ],
    [
      "an attribute the schema does not have",
      (doc: Y.Doc) => {
        const element = new Y.XmlElement("paragraph");
        element.setAttribute("onclick", "x".repeat(100_000));
        doc.getXmlFragment("body").insert(0, [element]);
      },
    ],
  ])("refuses %s and stores nothing of it", async (_label, build) => {
    const clauseId = await newClause("Clean text.");
    const raw = await rawClient(url, clauseId, ann.id);
    expect(await raw.sendUpdate(updateFrom(build))).toMatch(/^refused: /);
    raw.close();
    await stillServes(clauseId, "Clean text.");
    await until(() => !server.hocuspocus.documents.has(`clause:${clauseId}`));
    const stored = await storedDocument(clauseId);
    expect(
      [...stored.share.keys()].every((name) => ["body", "assessment", "examples"].includes(name)),
    ).toBe(true);
    expect(JSON.stringify(await storedText(clauseId))).not.toMatch(/xxxx|alert|onclick/);
  });

  it("refuses an update over 256 KB", async () => {
    const clauseId = await newClause("Small.");
    const raw = await rawClient(url, clauseId, ann.id);
    expect(await raw.sendUpdate(paragraphUpdate("y".repeat(300 * 1024)))).toMatch(/^refused: /);
    raw.close();
    await stillServes(clauseId, "Small.");
  });

  it("refuses updates that would take a clause past 2 MB, and keeps the state under it", async () => {
    const clauseId = await newClause("Growing.");
    const raw = await rawClient(url, clauseId, ann.id);
    const outcomes: string[] = [];
    for (let i = 0; i < 12 && raw.closedWith() === null; i++) {
      outcomes.push(
        await raw.sendUpdate(paragraphUpdate(String.fromCharCode(97 + i).repeat(200 * 1024))),
      );
    }
    expect(outcomes.filter((outcome) => outcome === "applied").length).toBeGreaterThanOrEqual(8);
    expect(outcomes.at(-1)).toMatch(/^refused: the clause would exceed/);
    raw.close();
    await until(() => !server.hocuspocus.documents.has(`clause:${clauseId}`));
    expect((await storedText(clauseId))?.yjsState?.length).toBeLessThanOrEqual(2 * 1024 * 1024);
  });
});

describe("awareness", () => {
  /** An awareness update for one client id, with whatever state a client makes up. */
  function awarenessUpdate(clientId: number, state: Record<string, unknown>): Uint8Array {
    const doc = new Y.Doc();
    doc.clientID = clientId;
    const awareness = new Awareness(doc);
    awareness.setLocalState(state);
    return encodeAwarenessUpdate(awareness, [clientId]);
  }

  it("passes on the name and colour the server vouches for, and no blob", async () => {
    const clauseId = await newClause("Watched.");
    const watcher = connectClient(url, clauseId, bob.id);
    await watcher.synced;
    const seen: Record<string, unknown>[] = [];
    watcher.provider.awareness?.on("change", () => {
      for (const state of watcher.provider.awareness?.getStates().values() ?? []) seen.push(state);
    });
    const raw = await rawClient(url, clauseId, ann.id);
    const forged = { name: "Sam Okafor (secretariat)", color: "#000000" };
    raw.sendAwareness(awarenessUpdate(4242, { user: forged, blob: "z".repeat(8 * 1024) }));
    await until(() => watcher.provider.awareness?.getStates().has(4242) === true);
    const state = watcher.provider.awareness?.getStates().get(4242);
    expect(state?.user).toEqual({ name: "Ann", color: expect.stringMatching(/^#[0-9a-f]{6}$/) });
    expect(state).not.toHaveProperty("blob");
    // Speaking for someone else's client id is not passed on either.
    raw.sendAwareness(awarenessUpdate(watcher.document.clientID, { user: forged }));
    // A large blob closes the connection before anything of it is applied.
    raw.sendAwareness(awarenessUpdate(4242, { user: forged, blob: "z".repeat(100 * 1024) }));
    await until(() => raw.closedWith() !== null);
    expect(raw.closedWith()).toMatch(/^refused: /);
    // Whatever was passed on before reaches the watcher before this.
    const later = await rawClient(url, clauseId, bob.id);
    later.sendAwareness(awarenessUpdate(5151, {}));
    await until(() => watcher.provider.awareness?.getStates().has(5151) === true);
    later.close();
    expect(seen.some((entry) => JSON.stringify(entry).includes("Sam Okafor"))).toBe(false);
    expect(seen.some((entry) => JSON.stringify(entry).includes("zzzz"))).toBe(false);
    raw.close();
    watcher.provider.destroy();
  });
});

describe("a clause retired while people edit it", () => {
  const internalUrl = () => `http://127.0.0.1:${port}`;

  it("closes their connections, and nothing typed afterwards is stored", async () => {
    const clauseId = await newClause("Before.");
    const editor = connectClient(url, clauseId, ann.id);
    await editor.synced;
    const raw = await rawClient(url, clauseId, bob.id);
    await retireClause(test.db, ann, clauseId, new Date(), (id) =>
      closeClauseConnections(internalUrl(), TEST_SECRET, id),
    );
    firstParagraphText(editor.document).insert(0, "After the editor. ");
    expect(await raw.sendUpdate(paragraphUpdate("After the raw client."))).not.toBe("applied");
    editor.provider.destroy();
    await until(() => !server.hocuspocus.documents.has(`clause:${clauseId}`));
    expect((await storedText(clauseId))?.plainText).toBe("Before.");
    raw.close();
  });

  it("stops them by itself when the collab server is not told (another server took the call)", async () => {
    const strict = createCollabServer({
      db: test.db,
      secret: TEST_SECRET,
      port: 0,
      debounceMs: 50,
      readOnlyRecheckMs: 0,
    });
    await strict.listen();
    try {
      const clauseId = await newClause("Before.");
      const raw = await rawClient(`ws://127.0.0.1:${strict.address.port}`, clauseId, bob.id);
      expect(await raw.sendUpdate(paragraphUpdate("While open."))).toBe("applied");
      await retireClause(test.db, ann, clauseId);
      expect(await raw.sendUpdate(paragraphUpdate("After."))).toMatch(/read-only/);
      raw.close();
      await until(() => !strict.hocuspocus.documents.has(`clause:${clauseId}`));
      expect((await storedText(clauseId))?.plainText).not.toContain("After.");
    } finally {
      await strict.destroy();
    }
  });

  it("are noticed without making edits wait for the database while the last answer is recent", async () => {
    const clauseId = await newClause("Before.");
    const name = documentNameOf(clauseId);
    const watch = new ReadOnlyWatch(test.db, 1000);
    const t0 = Date.now();
    expect(await watch.isReadOnly(name, t0)).toBe(false);
    await retireClause(test.db, ann, clauseId);
    // Within recheckMs: the answer kept. Past it: still that answer, while a new one is read.
    expect(await watch.isReadOnly(name, t0 + 500)).toBe(false);
    expect(await watch.isReadOnly(name, t0 + 1500)).toBe(false);
    await until(() => watch.isReadOnly(name, t0 + 1600));
    // An answer more than 5 × recheckMs old is not used: the edit waits for the database.
    const idle = new ReadOnlyWatch(test.db, 1000);
    const other = await newClause("Other.");
    const otherName = documentNameOf(other);
    expect(await idle.isReadOnly(otherName, t0)).toBe(false);
    await retireClause(test.db, ann, other);
    expect(await idle.isReadOnly(otherName, t0 + 5000)).toBe(true);
  });
});
