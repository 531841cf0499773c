import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import net from "node:net";
import { pathToFileURL } from "node:url";
import { Redis } from "@hocuspocus/extension-redis";
import type { Server } from "@hocuspocus/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CollabContext, createCollabServer } from "@/lib/collab/server";
import type { Participant } from "@/lib/community/authz";
import { seedDemo } from "@/lib/demo/seed";
import { createClause } from "@/lib/drafting/mutations";
import { clauseTexts } from "@/lib/drafting/schema";
import {
  connectClient,
  emptyDoc as empty,
  firstParagraphText,
  newTestClause,
  TEST_SECRET,
  until,
} from "@/tests/collab-clients";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

const REDIS_URL = "redis://127.0.0.1:6379";

let test: TestDatabase;
let ann: Participant;
let bob: Participant;

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db);
  ann = await createPerson(test.db, { name: "Ann" });
  bob = await createPerson(test.db, { name: "Bob" });
});
const children: ChildProcessWithoutNullStreams[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await test?.close();
});

const newClause = () => newTestClause(test.db, ann);

const storedText = async (clauseId: string) =>
  (
    await test.db
      .select({ plainText: clauseTexts.plainText })
      .from(clauseTexts)
      .where(eq(clauseTexts.clauseId, clauseId))
  )[0]?.plainText ?? "";

const missingFrom = (text: string, words: string[]) =>
  words.filter((word) => !text.split(/\s+/).includes(word));

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * `npm run collab` as its own process, on the test database. Node itself runs the script (tsx
 * as a loader, not its CLI, which would run it in a grandchild that SIGKILL would not reach).
 */
function collabProcess(port: number) {
  const tsx = createRequire(import.meta.url).resolve("tsx");
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [
      "--import",
      pathToFileURL(tsx).href,
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
    },
  );
  children.push(child);
  let output = "";
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on("exit", (code, signal) => resolve(signal ?? code)),
  );
  const listening = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("listening")) resolve();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    exited.then(() => reject(new Error(`collab process ended before listening:\n${output}`)));
  });
  listening.catch(() => {});
  return { child, exited, listening };
}

describe("a collab process killed with SIGKILL", () => {
  it("loses no edit it acknowledged: the restarted server stores and serves every one", async () => {
    const clauseId = await newClause();
    const port = await freePort();
    const url = `ws://127.0.0.1:${port}`;
    const first = collabProcess(port);
    await first.listening;
    const client = connectClient(url, clauseId, ann.id);
    await client.synced;
    firstParagraphText(client.document); // its own update, before the words are counted
    await until(() => client.provider.unsyncedChanges === 0);

    // Each word is one update; the server handles one connection's updates in order and
    // acknowledges each, so after n acknowledgements the first n words are the saved ones.
    let acknowledgements = 0;
    let last = 0;
    let killed = false;
    client.provider.on("unsyncedChanges", ({ number }: { number: number }) => {
      if (!killed && number < last) acknowledgements += last - number;
      last = number;
    });
    const typed: string[] = [];
    for (let i = 0; i < 200; i++) {
      const word = `w${i}`;
      const text = firstParagraphText(client.document);
      text.insert(text.length, `${word} `);
      typed.push(word);
      if (i === 120) {
        first.child.kill("SIGKILL"); // mid-burst: later words, and some before, are in flight
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    await first.exited;
    killed = true;
    client.provider.destroy();
    const acknowledged = typed.slice(0, acknowledgements);
    expect(acknowledged.length).toBeGreaterThan(20);

    const second = collabProcess(port);
    await second.listening;
    try {
      // The restarted server folded the logged edits into the stored text as it started.
      expect(missingFrom(await storedText(clauseId), acknowledged)).toEqual([]);
      const reader = connectClient(url, clauseId, bob.id);
      await reader.synced;
      expect(missingFrom(reader.body(), acknowledged)).toEqual([]);
      reader.provider.destroy();
    } finally {
      second.child.kill("SIGTERM");
      await second.exited;
    }
  }, 60_000);
});

/** Null when Redis accepts a TCP connection within two seconds, else why not. */
function redisProblem(): Promise<string | null> {
  const url = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port) });
    const done = (problem: string | null) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(2000, () => done("no answer within 2 s"));
    socket.once("connect", () => done(null));
    socket.once("error", (error) => done(error.message));
  });
}

const redisDown = await redisProblem();
if (redisDown)
  console.warn(`collab-storage: two-server tests skipped, Redis unreachable: ${redisDown}`);

const urlOf = (server: Server<CollabContext>) => `ws://127.0.0.1:${server.address.port}`;

/** The socket on which a server's Redis extension hears its peers. */
function redisSubscriberOf(server: Server<CollabContext>): net.Socket {
  const extension = server.hocuspocus.configuration.extensions.find(
    (candidate): candidate is Redis => candidate instanceof Redis,
  );
  if (!extension) throw new Error("the server has no Redis extension");
  return (extension.sub as unknown as { stream: net.Socket }).stream;
}

describe.skipIf(redisDown !== null)("two collab servers over Redis", () => {
  const prefix = `hum-test-${randomBytes(6).toString("hex")}`;
  let servers: Server<CollabContext>[] = [];

  beforeAll(async () => {
    servers = ["a", "b"].map((name) =>
      createCollabServer({
        db: test.db,
        secret: TEST_SECRET,
        port: 0,
        debounceMs: 30,
        redisUrl: REDIS_URL,
        redisPrefix: prefix,
        name: `${prefix}-${name}`,
      }),
    );
    await Promise.all(servers.map((server) => server.listen()));
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.destroy()));
  });

  it("seed a new clause once when both open it at the same moment", async () => {
    const { clauseId } = await createClause(test.db, ann, {
      standardSlug: "iotmark",
      title: "Support period",
      moduleCode: "SW",
      level: "Bronze",
      strength: "MUST",
      fields: {
        body: {
          type: "doc",
          content: [{ type: "paragraph", content: [{ type: "text", text: "Seeded." }] }],
        },
        assessment: empty,
        examples: empty,
      },
    });
    const readers = servers.map((server) => connectClient(urlOf(server), clauseId, ann.id));
    await Promise.all(readers.map((reader) => reader.synced));
    await until(() => readers.every((reader) => reader.provider.unsyncedChanges === 0));
    for (const reader of readers) reader.provider.destroy();
    await until(
      () => servers.every((server) => !server.hocuspocus.documents.has(`clause:${clauseId}`)),
      20_000,
    );
    const reader = connectClient(urlOf(servers[0] as Server<CollabContext>), clauseId, bob.id);
    await reader.synced;
    expect(reader.body()).toBe("Seeded.");
    reader.provider.destroy();
  });

  it("store every acknowledged edit when each stores a clause before Redis brought it the other's", async () => {
    const [serverA, serverB] = servers;
    if (!serverA || !serverB) throw new Error("two servers expected");
    const clauseIds = await Promise.all([...Array(4).keys()].map(() => newClause()));
    const editors = clauseIds.flatMap((clauseId) => [
      { clauseId, side: "a", client: connectClient(urlOf(serverA), clauseId, ann.id) },
      { clauseId, side: "b", client: connectClient(urlOf(serverB), clauseId, bob.id) },
    ]);
    await Promise.all(editors.map(({ client }) => client.synced));
    // Fan-out through Redis can lag (it did under load): hold what server B hears from Redis
    // while both servers accept, acknowledge and store their own editors' words.
    const heardByB = redisSubscriberOf(serverB);
    heardByB.pause();
    const written = new Map<string, string[]>(clauseIds.map((id) => [id, []]));
    for (let i = 0; i < 3; i++) {
      for (const { clauseId, side, client } of editors) {
        const word = `${side}${i}`;
        const text = firstParagraphText(client.document);
        text.insert(text.length, ` ${word} `);
        written.get(clauseId)?.push(word);
      }
    }
    await until(() => editors.every(({ client }) => client.provider.unsyncedChanges === 0));
    const storing = (server: Server<CollabContext>) =>
      clauseIds.some((id) => {
        const key = `onStoreDocument-clause:${id}`;
        const { debouncer } = server.hocuspocus;
        return debouncer.isDebounced(key) || debouncer.isCurrentlyExecuting(key);
      });
    await until(() => !storing(serverA) && !storing(serverB), 20_000);
    heardByB.resume();
    for (const { client } of editors) client.provider.destroy();
    await until(
      () =>
        servers.every((server) =>
          clauseIds.every((id) => !server.hocuspocus.documents.has(`clause:${id}`)),
        ),
      20_000,
    );
    for (const clauseId of clauseIds) {
      const missing = missingFrom(await storedText(clauseId), written.get(clauseId) ?? []);
      expect({ clauseId, missing }).toEqual({ clauseId, missing: [] });
    }
  }, 120_000);
});
