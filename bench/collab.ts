/**
 * Real-time collaboration on clause texts: edit-to-peer latency and lost updates.
 *
 *   npx tsx bench/collab.ts [clients=300] [clauses=100] [seconds=20]
 *
 * N Hocuspocus providers (multiplexed over one shared socket per collab server) edit M clauses,
 * client i on clause i % M. Each client appends a unique token («c12e7»: client 12, edit 7) to
 * the first paragraph of its clause's body about every 500 ms (jittered); every other client on
 * the same clause records now − send time the first time it sees the token. After sending stops,
 * every copy must converge and hold every token of its clause exactly once, and so must the
 * stored plain text (clause_text.plain_text) once the servers are destroyed (which stores).
 *
 * Scenario a: one collab server. Scenario b: two collab servers sharing Redis at
 * redis://127.0.0.1:6379, peers on one clause on different servers (skipped if Redis is down).
 * Budget from the design: p99 edit-to-peer ≤ 50 ms for 300 clients on 100 clauses through two
 * collab servers and Redis, and no update lost.
 *
 * lost/duplicated count (token, client copy) pairs; stored-lost/-duplicated count tokens missing
 * from, or repeated in, the database. loop-p99 is this process's event-loop delay while sending:
 * clients, servers and (without HUM_TEST_POSTGRES, which selects PostgreSQL) the in-memory PGlite
 * database share it, so latencies include their work. Repeated server log lines are counted and
 * printed once, after the figures. Loopback only; every phase is bounded in time. Any lost,
 * duplicated or unstored edit, or copies that never converge, fail the run (exit status 1).
 */
import net from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { inArray } from "drizzle-orm";
import * as Y from "yjs";
import { createCollabServer } from "@/lib/collab/server";
import { mintCollabToken } from "@/lib/collab/token";
import type { Viewer } from "@/lib/community/queries";
import type { Database } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { createClause } from "@/lib/drafting/mutations";
import { clauseTexts } from "@/lib/drafting/schema";
import { limits } from "@/lib/rate-limit";
import { bodyText, firstParagraphText, TEST_SECRET } from "@/tests/collab-clients";
import { createTestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

const clientCount = Number(process.argv[2] ?? 300);
const clauseCount = Number(process.argv[3] ?? 100);
const seconds = Number(process.argv[4] ?? 20);
const REDIS_URL = "redis://127.0.0.1:6379";
const EDIT_MS = 500;
const BATCH = 25;
const PEOPLE = 50;
const MODULES = ["ORG", "HW", "SW", "LEGAL", "DATA"];
const TOKEN = /«c\d+e\d+»/g;
const UUID = /[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/g;

type Client = { index: number; clauseId: string; document: Y.Doc; provider: HocuspocusProvider };
type Losses = { lost: number; duplicated: number };

// The running scenario's state. All clients live in this process, so they share one clock.
/** Send time and sender of every token. */
const sent = new Map<string, { at: number; client: number }>();
/** The tokens sent on each clause. */
const tokensOf = new Map<string, string[]>();
/** Edit-to-peer latencies in ms, one per (edit, peer). */
const latencies: number[] = [];
/** Why the server refused a client, if it did. */
const refusals: string[] = [];

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

/** Null when Redis accepts a TCP connection within a second, else why not. */
function redisProblem(): Promise<string | null> {
  const url = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port) });
    const done = (problem: string | null) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(1000, () => done("no answer within 1 s"));
    socket.once("connect", () => done(null));
    socket.once("error", (error) => done(error.message));
  });
}

/** Counts console.error/warn lines (ids blanked) instead of printing each; returns the summary. */
function captureLogs(): () => string[] {
  const counts = new Map<string, number>();
  const original = { error: console.error, warn: console.warn };
  function count(...args: unknown[]) {
    const line = args.join(" ").replace(UUID, "…").slice(0, 200);
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  console.error = count;
  console.warn = count;
  return () => {
    Object.assign(console, original);
    return [...counts].map(([line, n]) => `  logged ${n}× ${line}`);
  };
}

async function createClauses(db: Database): Promise<string[]> {
  const empty = { type: "doc", content: [] };
  const ids: string[] = [];
  let author: Viewer = await createPerson(db);
  for (let i = 0; i < clauseCount; i++) {
    // New clauses are rate limited per person: a fresh author for every batch under the limit.
    if (i > 0 && i % limits.clause.points === 0) author = await createPerson(db);
    const { clauseId } = await createClause(db, author, {
      standardSlug: "iotmark",
      title: `Bench clause ${i}`,
      moduleCode: MODULES[i % MODULES.length] ?? "ORG",
      level: "Bronze",
      strength: "MUST",
      fields: { body: empty, assessment: empty, examples: empty },
    });
    ids.push(clauseId);
  }
  return ids;
}

/** Keys and channels of this run in Redis, apart from any other run's. */
const REDIS_PREFIX = `hum-bench-${process.pid}-${Date.now()}`;

async function startServer(db: Database, index: number, redisUrl?: string) {
  const name = `bench-collab-${index}`;
  const options = {
    db,
    secret: TEST_SECRET,
    port: 0,
    debounceMs: 500,
    redisUrl,
    redisPrefix: REDIS_PREFIX,
    name,
  };
  const server = createCollabServer(options);
  await server.listen();
  return server;
}

/** Records, for each peer's token this client sees for the first time, how long it took. */
function watch(client: Client): void {
  const seen = new Set<string>();
  client.document.getXmlFragment("body").observeDeep((events) => {
    const now = performance.now();
    for (const event of events) {
      for (const { insert } of event.delta) {
        const text =
          typeof insert === "string" ? insert : Array.isArray(insert) ? insert.join("") : "";
        for (const token of text.match(TOKEN) ?? []) {
          const origin = sent.get(token);
          if (!origin || origin.client === client.index || seen.has(token)) continue;
          seen.add(token);
          latencies.push(now - origin.at);
        }
      }
    }
  });
}

/** Connects the clients 25 at a time; peers on one clause alternate between the servers. */
async function connectClients(
  sockets: HocuspocusProviderWebsocket[],
  clauseIds: string[],
  tokens: string[],
) {
  const clients: Client[] = [];
  for (let index = 0; index < clientCount; index++) {
    const socket = sockets[Math.floor(index / clauseCount) % sockets.length];
    const clauseId = clauseIds[index % clauseCount];
    const token = tokens[index % tokens.length];
    if (!socket || !clauseId || !token) throw new Error("bench: bad client layout");
    const document = new Y.Doc();
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      sessionAwareness: true, // several providers of one clause on one socket
      name: `clause:${clauseId}`,
      document,
      token,
      onAuthenticationFailed: ({ reason }) => refusals.push(reason),
    });
    const client = { index, clauseId, document, provider };
    clients.push(client);
    watch(client);
    provider.attach();
    if ((index + 1) % BATCH > 0 && index + 1 < clientCount) continue;
    const batch = clients.slice(-BATCH);
    await waitFor(() => refusals.length > 0 || batch.every((c) => c.provider.isSynced), 30_000);
    if (refusals.length > 0) throw new Error(`bench: the server refused a client: ${refusals[0]}`);
    if (!batch.every((c) => c.provider.isSynced))
      throw new Error("bench: clients not synced in 30 s");
  }
  return clients;
}

/** The first client of each clause makes its first paragraph, so all peers append to that one. */
async function primeParagraphs(clients: Client[]): Promise<void> {
  for (const client of clients.slice(0, clauseCount)) firstParagraphText(client.document);
  const primed = () => clients.every((c) => c.document.getXmlFragment("body").length === 1);
  if (!(await waitFor(primed, 15_000))) throw new Error("bench: paragraphs never reached peers");
}

/** Every client appends a token about every EDIT_MS until time is up; resolves to the count. */
async function sendEdits(clients: Client[]): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let edits = 0;
  function edit(client: Client, n: number) {
    if (performance.now() >= end) return;
    const token = `«c${client.index}e${n}»`;
    sent.set(token, { at: performance.now(), client: client.index });
    tokensOf.get(client.clauseId)?.push(token);
    const text = firstParagraphText(client.document);
    text.insert(text.length, token);
    edits += 1;
    setTimeout(edit, EDIT_MS / 2 + Math.random() * EDIT_MS, client, n + 1);
  }
  for (const client of clients) setTimeout(edit, Math.random() * EDIT_MS, client, 0);
  await sleep(seconds * 1000 + 2 * EDIT_MS);
  return edits;
}

/** Adds how many expected tokens the text lacks, and how many it holds more than once. */
function tally(text: string, expected: string[], into: Losses): Losses {
  const counts = new Map<string, number>();
  for (const token of text.match(TOKEN) ?? []) counts.set(token, (counts.get(token) ?? 0) + 1);
  for (const token of expected) {
    const count = counts.get(token) ?? 0;
    if (count === 0) into.lost += 1;
    if (count > 1) into.duplicated += 1;
  }
  return into;
}

function converged(clients: Client[]): boolean {
  return clients.every((client) => {
    if (client.provider.unsyncedChanges > 0) return false;
    const expected = tokensOf.get(client.clauseId) ?? [];
    return tally(bodyText(client.document), expected, { lost: 0, duplicated: 0 }).lost === 0;
  });
}

async function storedLosses(db: Database, clauseIds: string[]) {
  const rows = await db
    .select({ clauseId: clauseTexts.clauseId, plainText: clauseTexts.plainText })
    .from(clauseTexts)
    .where(inArray(clauseTexts.clauseId, clauseIds));
  const stored = new Map(rows.map((row) => [row.clauseId, row.plainText]));
  const losses: Losses = { lost: 0, duplicated: 0 };
  for (const id of clauseIds) tally(stored.get(id) ?? "", tokensOf.get(id) ?? [], losses);
  return losses;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100));
  return Math.round(sorted[index] ?? 0);
}

/** What went wrong in a scenario that must fail the run, or nothing. */
const failures: string[] = [];

/** One scenario, from new clauses to stored text; resolves to its figures as one line. */
async function measure(db: Database, people: Viewer[], servers: number, redisUrl?: string) {
  sent.clear();
  tokensOf.clear();
  latencies.length = 0;
  const clauseIds = await createClauses(db);
  for (const clauseId of clauseIds) tokensOf.set(clauseId, []);
  const tokens = people.map((person) => mintCollabToken(person.id, TEST_SECRET));
  const collab = await Promise.all(
    [...Array(servers).keys()].map((i) => startServer(db, i, redisUrl)),
  );
  const urls = collab.map((server) => `ws://127.0.0.1:${server.address.port}`);
  const sockets = urls.map((url) => new HocuspocusProviderWebsocket({ url }));
  const connectStart = performance.now();
  const clients = await connectClients(sockets, clauseIds, tokens);
  const connectSeconds = (performance.now() - connectStart) / 1000;
  await primeParagraphs(clients);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const edits = await sendEdits(clients);
  loop.disable();
  const settled = await waitFor(() => converged(clients), 30_000);
  const copies: Losses = { lost: 0, duplicated: 0 };
  let expectedDeliveries = -edits; // every copy of the clause but the sender's
  for (const client of clients) {
    const expected = tokensOf.get(client.clauseId) ?? [];
    tally(bodyText(client.document), expected, copies);
    expectedDeliveries += expected.length;
  }
  // Closing the shared sockets first ends every document connection on the servers at once.
  for (const socket of sockets) socket.destroy();
  for (const client of clients) client.provider.destroy();
  let destroyed = false; // destroying stores every document
  Promise.all(collab.map((server) => server.destroy())).then(() => {
    destroyed = true;
  });
  await waitFor(() => destroyed, 60_000);
  const stored = await storedLosses(db, clauseIds);
  const sorted = latencies.sort((a, b) => a - b);
  const scenario = `servers=${servers}`;
  if (stored.lost > 0)
    failures.push(`${scenario}: ${stored.lost} delivered edit(s) missing from the database`);
  if (stored.duplicated > 0)
    failures.push(`${scenario}: ${stored.duplicated} edit(s) stored twice`);
  if (copies.lost > 0 || copies.duplicated > 0)
    failures.push(`${scenario}: copies lost ${copies.lost}, duplicated ${copies.duplicated}`);
  if (!settled) failures.push(`${scenario}: the copies did not converge within 30 s`);
  if (!destroyed) failures.push(`${scenario}: the servers were not destroyed within 60 s`);
  return (
    `collab  servers=${servers} clients=${clientCount} clauses=${clauseCount} seconds=${seconds}` +
    `  edits=${edits} deliveries=${sorted.length}/${expectedDeliveries}` +
    `  p50=${percentile(sorted, 50)}ms p95=${percentile(sorted, 95)}ms` +
    ` p99=${percentile(sorted, 99)}ms max=${Math.round(sorted.at(-1) ?? 0)}ms` +
    `  lost=${copies.lost} duplicated=${copies.duplicated}` +
    ` stored-lost=${stored.lost} stored-duplicated=${stored.duplicated}` +
    `  connect=${connectSeconds.toFixed(1)}s converged=${settled ? "yes" : "no"}` +
    ` loop-p99=${Math.round(loop.percentile(99) / 1e6)}ms` +
    (destroyed ? "" : "  (servers not destroyed within 60 s)")
  );
}

async function runScenario(db: Database, people: Viewer[], servers: number, redisUrl?: string) {
  const logs = captureLogs();
  let figures = "";
  try {
    figures = await measure(db, people, servers, redisUrl);
  } finally {
    const logged = logs();
    if (figures) console.log(figures);
    for (const line of logged) console.log(line);
  }
}

function giveUp(): never {
  console.error("bench: gave up after the overall time limit");
  process.exit(1);
}

async function main(): Promise<void> {
  setTimeout(giveUp, (seconds * 2 + 600) * 1000).unref();
  const test = await createTestDatabase();
  try {
    await seedDemo(test.db);
    const people: Viewer[] = [];
    for (let i = 0; i < Math.min(PEOPLE, clientCount); i++) {
      people.push(await createPerson(test.db, { name: `Bench ${i}` }));
    }
    await runScenario(test.db, people, 1);
    const problem = await redisProblem();
    if (problem)
      console.log(`collab  servers=2 skipped: Redis at ${REDIS_URL} unreachable (${problem})`);
    else await runScenario(test.db, people, 2, REDIS_URL);
  } finally {
    await test.close();
  }
  if (failures.length > 0) {
    console.error("\n!!! bench: FAILED: updates were lost or not stored !!!");
    for (const failure of failures) console.error(`!!! ${failure}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error("bench: crashed:", error);
  process.exit(1);
});
