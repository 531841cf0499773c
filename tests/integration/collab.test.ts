import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import net from "node:net";
import { type HocuspocusProvider, MessageType } from "@hocuspocus/provider";
import type { Server } from "@hocuspocus/server";
import { eq } from "drizzle-orm";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as Y from "yjs";
import { editorStop } from "@/components/clause-editor/editor-stop";
import { closeClauseConnections, replaceClauseText } from "@/lib/collab/internal";
import { type CollabContext, createCollabServer } from "@/lib/collab/server";
import { mintCollabToken } from "@/lib/collab/token";
import type { Participant } from "@/lib/community/authz";
import { seedDemo } from "@/lib/demo/seed";
import { saveRevision } from "@/lib/drafting/mutations";
import { listRevisions } from "@/lib/drafting/queries";
import { restoreRevision } from "@/lib/drafting/restore";
import { retireClause } from "@/lib/drafting/retire";
import { clauseEdits, clauseTexts } from "@/lib/drafting/schema";
import {
  connectClient,
  emptyDoc,
  firstParagraphText,
  frame,
  newTestClause,
  paragraphDoc,
  TEST_SECRET,
  until,
} from "@/tests/collab-clients";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

let test: TestDatabase;
let server: Server<CollabContext>;
let url: string;
let ann: Participant;
let bob: Participant;

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db);
  ann = await createPerson(test.db, { name: "Ann" });
  bob = await createPerson(test.db, { name: "Bob" });
  server = createCollabServer({ db: test.db, secret: TEST_SECRET, port: 0, debounceMs: 50 });
  await server.listen();
  url = `ws://127.0.0.1:${server.address.port}`;
});
afterAll(async () => {
  await server?.destroy();
  await test?.close();
});

const paragraph = paragraphDoc;
const empty = emptyDoc;
const newClause = (body = "") => newTestClause(test.db, ann, body);

/**
 * The server's answer to the next update this provider sends: its sync status ("applied" or
 * "refused"), or the reason it closed the connection instead.
 */
function nextSyncStatus(provider: HocuspocusProvider): Promise<string> {
  return new Promise((resolve) => {
    const onMessage = ({ event }: { event: MessageEvent }) => {
      const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
      decoding.readVarString(decoder); // document name
      const type = decoding.readVarUint(decoder);
      if (type !== MessageType.SyncStatus && type !== MessageType.CLOSE) return;
      provider.off("message", onMessage);
      if (type === MessageType.CLOSE) resolve(`closed: ${decoding.readVarString(decoder)}`);
      else resolve(decoding.readVarUint(decoder) === 1 ? "applied" : "refused");
    };
    provider.on("message", onMessage);
  });
}

const storedText = async (clauseId: string) =>
  (await test.db.select().from(clauseTexts).where(eq(clauseTexts.clauseId, clauseId)))[0];

describe("the collab server", () => {
  it("makes concurrent edits converge, stores them, and credits both editors", async () => {
    const clauseId = await newClause("Seeded.");
    const a = connectClient(url, clauseId, ann.id);
    const b = connectClient(url, clauseId, bob.id);
    await Promise.all([a.synced, b.synced]);
    expect(a.body()).toBe("Seeded.");
    // Both type at once, at the two ends of the same paragraph.
    for (let i = 0; i < 20; i++) {
      firstParagraphText(a.document).insert(0, "a");
      const text = firstParagraphText(b.document);
      text.insert(text.length, "b");
    }
    await until(() => a.body() === b.body() && a.body().length === "Seeded.".length + 40);
    expect(a.body()).toBe(`${"a".repeat(20)}Seeded.${"b".repeat(20)}`);
    await until(async () => (await storedText(clauseId))?.plainText === a.body());
    const stored = await storedText(clauseId);
    expect(stored?.body).toEqual(paragraph(a.body()));
    const editors = await test.db
      .select()
      .from(clauseEdits)
      .where(eq(clauseEdits.clauseId, clauseId));
    expect(editors.map((edit) => edit.userId).sort()).toEqual([ann.id, bob.id].sort());
    a.provider.destroy();
    b.provider.destroy();
  });

  it("seeds a document once: ten reconnections leave the text as it was", async () => {
    const clauseId = await newClause("The vendor MUST publish a support period.");
    const lengths: number[] = [];
    for (let i = 0; i < 10; i++) {
      const client = connectClient(url, clauseId, ann.id);
      await client.synced;
      lengths.push(client.body().length);
      client.provider.destroy();
      await until(() => !server.hocuspocus.documents.has(`clause:${clauseId}`));
    }
    expect(new Set(lengths)).toEqual(new Set(["The vendor MUST publish a support period.".length]));
  });

  it.each([
    ["missing", () => ""],
    ["forged", () => mintCollabToken("someone", "another secret")],
    ["expired", () => mintCollabToken("someone", TEST_SECRET, Date.now() - 3600_000)],
  ])("refuses a %s token", async (_label, token) => {
    const clauseId = await newClause();
    const client = connectClient(url, clauseId, ann.id, token());
    await expect(client.synced).rejects.toThrow(/collab token/);
    client.provider.destroy();
  });

  it("lets nobody write to a retired clause", async () => {
    const clauseId = await newClause("Old wording.");
    await retireClause(test.db, ann, clauseId);
    const client = connectClient(url, clauseId, ann.id);
    await client.synced;
    // The answer to the client's own sync step 2 comes first: wait for it.
    await until(() => !client.provider.hasUnsyncedChanges);
    const answer = nextSyncStatus(client.provider);
    firstParagraphText(client.document).insert(0, "Sneaky ");
    // The server's answer proves it handled the update, however busy the machine.
    expect(await answer).toBe("refused");
    const other = connectClient(url, clauseId, bob.id);
    await other.synced;
    expect(other.body()).toBe("Old wording.");
    client.provider.destroy();
    other.provider.destroy();
    // Unloading stores whatever the document holds: nothing typed after retirement is in it.
    await until(() => !server.hocuspocus.documents.has(`clause:${clauseId}`));
    const stored = await storedText(clauseId);
    expect(stored?.plainText).toBe("Old wording.");
  });
});

describe("what an open editor hears when editing ends", () => {
  it("a retirement closes its connection with a reason the editor reads as read-only", async () => {
    const clauseId = await newClause("Old wording.");
    const client = connectClient(url, clauseId, ann.id);
    await client.synced;
    const closed = new Promise<string | undefined>((resolve) =>
      client.provider.on("close", ({ event }: { event?: { reason?: string } }) =>
        resolve(event?.reason),
      ),
    );
    await retireClause(test.db, ann, clauseId, new Date(), (id) =>
      closeClauseConnections(`http://127.0.0.1:${server.address.port}`, TEST_SECRET, id),
    );
    expect(editorStop(await closed)).toEqual({ kind: "read-only" });
    client.provider.destroy();
  });

  it("a refused update closes its connection with a reason the editor shows", async () => {
    const clauseId = await newClause("Clean text.");
    const client = connectClient(url, clauseId, ann.id);
    await client.synced;
    const closed = new Promise<string | undefined>((resolve) =>
      client.provider.on("close", ({ event }: { event?: { reason?: string } }) =>
        resolve(event?.reason),
      ),
    );
    firstParagraphText(client.document).insert(0, "x".repeat(300 * 1024));
    expect(editorStop(await closed)).toEqual({
      kind: "refused",
      reason: expect.stringMatching(/bytes/),
    });
    client.provider.destroy();
  });
});

describe("revisions", () => {
  it("credit the editors since the previous one, and a restore reaches live editors as a new revision", async () => {
    const clauseId = await newClause("First wording.");
    const a = connectClient(url, clauseId, ann.id);
    const b = connectClient(url, clauseId, bob.id);
    await Promise.all([a.synced, b.synced]);
    const text = firstParagraphText(a.document);
    text.insert(text.length, " Ann adds.");
    const other = firstParagraphText(b.document);
    await until(() => b.body() === "First wording. Ann adds.");
    other.insert(other.length, " Bob adds.");
    await until(
      async () => (await storedText(clauseId))?.plainText === "First wording. Ann adds. Bob adds.",
    );
    const saved = await saveRevision(test.db, ann, clauseId, "Both of us");
    expect(saved).toBe(2);

    const restored = await restoreRevision(test.db, bob, clauseId, 1, (id, fields, userId) =>
      replaceClauseText(`http://127.0.0.1:${server.address.port}`, TEST_SECRET, id, {
        userId,
        fields,
      }),
    );
    expect(restored).toBe(3);
    await until(() => a.body() === "First wording." && b.body() === "First wording.");
    const history = await listRevisions(test.db, clauseId);
    expect(history.map((revision) => [revision.number, revision.kind, revision.plainText])).toEqual(
      [
        [3, "restored", "First wording."],
        [2, "saved", "First wording. Ann adds. Bob adds."],
        [1, "automatic", "First wording."],
      ],
    );
    expect(history[1]?.authors.sort()).toEqual(["Ann", "Bob"]);
    a.provider.destroy();
    b.provider.destroy();
  });

  it("cannot be pushed to the collab server without the shared secret", async () => {
    const clauseId = await newClause("Keep me.");
    await expect(
      replaceClauseText(`http://127.0.0.1:${server.address.port}`, "wrong secret", clauseId, {
        userId: ann.id,
        fields: { body: paragraph("Replaced"), assessment: empty, examples: empty },
      }),
    ).rejects.toThrow(/403/);
    expect((await storedText(clauseId))?.plainText).toBe("Keep me.");
  });
});

describe("updates sent on a raw socket", () => {
  it.each([
    [
      "a javascript: link in any letter case",
      () => {
        const doc = new Y.Doc();
        const p = new Y.XmlElement("paragraph");
        const text = new Y.XmlText();
        p.insert(0, [text]);
        doc.getXmlFragment("body").insert(0, [p]);
        text.insert(0, "click me", { link: { href: "JaVaScRiPt:alert(1)" } });
        return doc;
      },
    ],
    [
      "a data: link",
      () => {
        const doc = new Y.Doc();
        const p = new Y.XmlElement("paragraph");
        const text = new Y.XmlText();
        p.insert(0, [text]);
        doc.getXmlFragment("examples").insert(0, [p]);
        text.insert(0, "x", { link: { href: "data:text/html,<script>alert(1)</script>" } });
        return doc;
      },
    ],
    [
      "a node type the editor does not have",
      () => {
        const doc = new Y.Doc();
        const script = new Y.XmlElement("script");
        script.insert(0, [new Y.XmlText("alert(1)")]);
        doc.getXmlFragment("body").insert(0, [script]);
        return doc;
      },
    ],
    [
      "a mark the editor does not have",
      () => {
        const doc = new Y.Doc();
        const p = new Y.XmlElement("paragraph");
        const text = new Y.XmlText();
        p.insert(0, [text]);
        doc.getXmlFragment("assessment").insert(0, [p]);
        text.insert(0, "x", { iframe: { src: "https://example.com" } });
        return doc;
      },
    ],
  ])("are refused when they carry %s, and nothing is stored", async (_label, craft) => {
    const clauseId = await newClause("Clean text.");
    const name = `clause:${clauseId}`;
    const socket = new WebSocket(url);
    // The server ends one document's connection with a CLOSE message (the socket may carry others).
    const closedWith = new Promise<string>((resolve) =>
      socket.on("message", (data: Buffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        decoding.readVarString(decoder);
        if (decoding.readVarUint(decoder) === 7) resolve(decoding.readVarString(decoder));
      }),
    );
    await new Promise((resolve) => socket.on("open", resolve));
    const authenticated = new Promise((resolve) => socket.once("message", resolve));
    socket.send(
      frame(name, (encoder) => {
        encoding.writeVarUint(encoder, 2); // Auth
        encoding.writeVarUint(encoder, 0); // Token
        encoding.writeVarString(encoder, mintCollabToken(ann.id, TEST_SECRET));
      }),
    );
    await authenticated;
    socket.send(
      frame(name, (encoder) => {
        encoding.writeVarUint(encoder, 0); // Sync
        encoding.writeVarUint(encoder, 2); // Update
        encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(craft()));
      }),
    );
    expect(await closedWith).toMatch(/^refused: /);
    socket.close();
    // A fresh client sees the clean text, and so does the database.
    const client = connectClient(url, clauseId, bob.id);
    await client.synced;
    expect(client.body()).toBe("Clean text.");
    client.provider.destroy();
    await until(() => !server.hocuspocus.documents.has(name));
    const stored = await storedText(clauseId);
    expect(JSON.stringify(stored)).not.toMatch(/javascript|data:|script|iframe/i);
  });
});

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("a collab server stopped with SIGTERM", () => {
  it("has stored every edit it acknowledged", async () => {
    const clauseId = await newClause();
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [
        createRequire(import.meta.url).resolve("tsx/cli"),
        "--import",
        "./scripts/outside-next.mjs",
        "scripts/collab.ts",
      ],
      {
        env: {
          PATH: process.env.PATH ?? "",
          NODE_ENV: "test",
          DATABASE_URL: test.url,
          AUTH_SECRET: TEST_SECRET,
          COLLAB_PORT: String(port),
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    await new Promise<void>((resolve) =>
      child.stdout.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("listening")) resolve();
      }),
    );
    const client = connectClient(`ws://127.0.0.1:${port}`, clauseId, ann.id);
    await client.synced;
    const acknowledged: string[] = [];
    for (let i = 0; i < 300; i++) {
      const word = `w${i} `;
      const text = firstParagraphText(client.document);
      text.insert(text.length, word);
      if (i === 40) child.kill("SIGTERM");
      try {
        await until(() => client.provider.unsyncedChanges === 0, 1000);
        acknowledged.push(word);
      } catch {
        break; // the server is gone: later edits were never acknowledged
      }
    }
    client.provider.destroy();
    expect(await exited).toBe(0);
    expect(acknowledged.length).toBeGreaterThan(40);
    const stored = (await storedText(clauseId))?.plainText ?? "";
    for (const word of acknowledged) expect(stored).toContain(word.trim());
  }, 60_000);
});
