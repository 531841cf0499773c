/**
 * Real-time collaboration on clause texts: edit-to-peer latency and lost updates.
 *
 *   npx tsx --import ./scripts/outside-next.mjs bench/collab.ts \
 *     [clients=300] [clauses=100] [seconds=20]
 *
 * N Hocuspocus providers (multiplexed over one shared socket per collab server and client thread)
 * edit M clauses,
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
 * Each collab server runs on a worker thread of its own (as it would in a process of its own) and
 * the clients on CLIENT_THREADS more (default 2; all peers of a clause share one, so they share a
 * clock); the main thread holds the database (in-memory PGlite, or PostgreSQL with
 * HUM_TEST_POSTGRES) and the servers reach it over its socket, as they would a database server.
 *
 * lost/duplicated count (token, client copy) pairs; stored-lost/-duplicated count tokens missing
 * from, or repeated in, the database. loop-p99 is the event-loop delay while sending, on the
 * busiest client thread and on the busiest server thread; database p50/p99, how long a trivial
 * query took meanwhile. Repeated server log lines are counted and printed once, after the
 * figures. COLLAB_BENCH_PROFILE=<folder> writes a CPU profile of each server while the clients
 * edit. Loopback only; every phase is bounded in time. Any lost, duplicated or unstored edit, or
 * copies that never converge, fail the run (exit status 1).
 */
import net from "node:net";
import { Worker } from "node:worker_threads";
import { inArray, sql } from "drizzle-orm";
import type { ClientJob, ClientReport, ClientSpec, Losses, ServerJob } from "@/bench/collab-worker";
import { mintCollabToken } from "@/lib/collab/token";
import type { Participant } from "@/lib/community/authz";
import type { Viewer } from "@/lib/community/viewer";
import type { Database } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed";
import { createClause } from "@/lib/drafting/mutations";
import { clauseTexts } from "@/lib/drafting/schema";
import { limits } from "@/lib/rate-limit";
import { TEST_SECRET } from "@/tests/collab-clients";
import { createTestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

const clientCount = Number(process.argv[2] ?? 300);
const clauseCount = Number(process.argv[3] ?? 100);
const seconds = Number(process.argv[4] ?? 20);
const clientThreads = Math.max(1, Math.min(clauseCount, Number(process.env.CLIENT_THREADS ?? 2)));
const REDIS_URL = "redis://127.0.0.1:6379";
const PEOPLE = 50;
const MODULES = ["ORG", "HW", "SW", "LEGAL", "DATA"];
const TOKEN = /«c\d+e\d+»/g;

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

type Reply = { type: string; reason?: string } & Record<string, unknown>;

/** A worker thread running bench/collab-worker.ts, answering one message at a time. */
class Thread {
  private readonly worker: Worker;
  private readonly replies: Reply[] = [];
  private waiting: ((reply: Reply) => void) | null = null;

  constructor(job: ServerJob | ClientJob) {
    this.worker = new Worker(new URL("./collab-worker.ts", import.meta.url), {
      workerData: job,
      execArgv: ["--import", "tsx", "--import", "./scripts/outside-next.mjs"],
    });
    this.worker.on("message", (reply: Reply) => this.deliver(reply));
    this.worker.on("error", (error) => this.deliver({ type: "failed", reason: String(error) }));
  }

  private deliver(reply: Reply) {
    if (this.waiting) this.waiting(reply);
    else this.replies.push(reply);
  }

  send(message: unknown) {
    this.worker.postMessage(message);
  }

  /** The next reply, which must be of the type expected, within the time given. */
  async next(type: string, timeoutMs: number): Promise<Reply> {
    const reply =
      this.replies.shift() ??
      (await new Promise<Reply>((resolve) => {
        const timer = setTimeout(() => resolve({ type: "failed", reason: "no answer" }), timeoutMs);
        this.waiting = (value) => {
          clearTimeout(timer);
          this.waiting = null;
          resolve(value);
        };
      }));
    if (reply.type !== type)
      throw new Error(`bench: expected ${type}, got ${reply.type}: ${reply.reason}`);
    return reply;
  }

  terminate() {
    return this.worker.terminate();
  }
}

async function createClauses(db: Database): Promise<string[]> {
  const empty = { type: "doc", content: [] };
  const ids: string[] = [];
  let author: Participant = await createPerson(db);
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

async function storedLosses(db: Database, tokensOf: Map<string, string[]>) {
  const rows = await db
    .select({ clauseId: clauseTexts.clauseId, plainText: clauseTexts.plainText })
    .from(clauseTexts)
    .where(inArray(clauseTexts.clauseId, [...tokensOf.keys()]));
  const stored = new Map(rows.map((row) => [row.clauseId, row.plainText]));
  const losses: Losses = { lost: 0, duplicated: 0 };
  for (const [id, tokens] of tokensOf) tally(stored.get(id) ?? "", tokens, losses);
  return losses;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100));
  return Math.round(sorted[index] ?? 0);
}

/**
 * How long the database takes to answer a trivial query, five times a second, while the servers
 * work: what a read-only recheck or an acknowledgement waits for besides the work itself.
 */
function probeDatabase(db: Database) {
  const latencies: number[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const start = performance.now();
      await db.execute(sql`select 1`);
      latencies.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return latencies;
    },
  };
}

/** What went wrong in a scenario that must fail the run, or nothing. */
const failures: string[] = [];

/**
 * Clients of clause c go to client thread c % clientThreads; the k-th client of a clause to
 * server k % servers, so peers on one clause sit on different servers.
 */
function layout(clauseIds: string[], tokens: string[], urls: string[]): ClientSpec[][] {
  const threads: ClientSpec[][] = Array.from({ length: clientThreads }, () => []);
  for (let index = 0; index < clientCount; index++) {
    const clause = index % clauseCount;
    const clauseId = clauseIds[clause];
    const token = tokens[index % tokens.length];
    const url = urls[Math.floor(index / clauseCount) % urls.length];
    if (!clauseId || !token || !url) throw new Error("bench: bad client layout");
    threads[clause % clientThreads]?.push({ index, clauseId, token, url });
  }
  return threads;
}

/** One scenario, from new clauses to stored text; resolves to its figures and server logs. */
async function measure(
  db: Database,
  dbUrl: string,
  people: Viewer[],
  servers: number,
  redisUrl?: string,
): Promise<{ figures: string; logs: Map<string, number> }> {
  const clauseIds = await createClauses(db);
  const tokens = people.map((person) => mintCollabToken(person.id, TEST_SECRET));
  const serverThreads = [...Array(servers).keys()].map(
    (index) => new Thread({ role: "server", dbUrl, index, redisUrl, redisPrefix: REDIS_PREFIX }),
  );
  const clientThreadList: Thread[] = [];
  const logs = new Map<string, number>();
  try {
    const ports = await Promise.all(serverThreads.map((t) => t.next("listening", 60_000)));
    const urls = ports.map((reply) => `ws://127.0.0.1:${reply.port}`);
    for (const clients of layout(clauseIds, tokens, urls)) {
      clientThreadList.push(new Thread({ role: "clients", clients }));
    }
    await Promise.all(clientThreadList.map((t) => t.next("ready", 60_000)));
    const connectStart = performance.now();
    for (const t of clientThreadList) t.send({ type: "connect" });
    await Promise.all(clientThreadList.map((t) => t.next("connected", 120_000)));
    const connectSeconds = (performance.now() - connectStart) / 1000;
    for (const t of clientThreadList) t.send({ type: "prime" });
    await Promise.all(clientThreadList.map((t) => t.next("primed", 30_000)));
    for (const t of serverThreads) t.send("measure");
    const database = probeDatabase(db);
    const startAt = performance.timeOrigin + performance.now() + 500;
    for (const t of clientThreadList) t.send({ type: "edit", startAt, seconds });
    const reports = (
      await Promise.all(clientThreadList.map((t) => t.next("report", seconds * 1000 + 60_000)))
    ).map((reply) => reply.report as ClientReport);
    for (const t of serverThreads) t.send("stop-measuring");
    const databaseLatencies = (await database.stop()).sort((a, b) => a - b);
    for (const t of clientThreadList) t.send({ type: "close" });
    await Promise.all(clientThreadList.map((t) => t.next("closed", 30_000)));
    // Destroying a server stores every document.
    for (const t of serverThreads) t.send("destroy");
    let destroyed = true;
    let serverLoopP99 = 0;
    for (const t of serverThreads) {
      try {
        const reply = await t.next("destroyed", 60_000);
        serverLoopP99 = Math.max(serverLoopP99, reply.loopP99 as number);
        for (const [line, n] of reply.logs as [string, number][]) {
          logs.set(line, (logs.get(line) ?? 0) + n);
        }
      } catch {
        destroyed = false;
      }
    }
    const tokensOf = new Map(reports.flatMap((report) => report.tokensOf));
    const stored = await storedLosses(db, tokensOf);
    const sorted = reports.flatMap((report) => report.latencies).sort((a, b) => a - b);
    const copies = { lost: 0, duplicated: 0 };
    let edits = 0;
    let expectedDeliveries = 0;
    for (const report of reports) {
      copies.lost += report.copies.lost;
      copies.duplicated += report.copies.duplicated;
      edits += report.edits;
      expectedDeliveries += report.expectedDeliveries;
    }
    const settled = reports.every((report) => report.settled);
    const clientLoopP99 = Math.max(...reports.map((report) => report.loopP99));
    const scenario = `servers=${servers}`;
    if (stored.lost > 0)
      failures.push(`${scenario}: ${stored.lost} delivered edit(s) missing from the database`);
    if (stored.duplicated > 0)
      failures.push(`${scenario}: ${stored.duplicated} edit(s) stored twice`);
    if (copies.lost > 0 || copies.duplicated > 0)
      failures.push(`${scenario}: copies lost ${copies.lost}, duplicated ${copies.duplicated}`);
    if (!settled) failures.push(`${scenario}: the copies did not converge within 30 s`);
    if (!destroyed) failures.push(`${scenario}: the servers were not destroyed within 60 s`);
    const figures =
      `collab  servers=${servers} clients=${clientCount} clauses=${clauseCount} seconds=${seconds}` +
      ` client-threads=${clientThreads}` +
      `  edits=${edits} deliveries=${sorted.length}/${expectedDeliveries}` +
      `  p50=${percentile(sorted, 50)}ms p95=${percentile(sorted, 95)}ms` +
      ` p99=${percentile(sorted, 99)}ms max=${Math.round(sorted.at(-1) ?? 0)}ms` +
      `  lost=${copies.lost} duplicated=${copies.duplicated}` +
      ` stored-lost=${stored.lost} stored-duplicated=${stored.duplicated}` +
      `  connect=${connectSeconds.toFixed(1)}s converged=${settled ? "yes" : "no"}` +
      ` loop-p99 clients=${Math.round(clientLoopP99)}ms servers=${Math.round(serverLoopP99)}ms` +
      ` database p50=${percentile(databaseLatencies, 50)}ms p99=${percentile(databaseLatencies, 99)}ms` +
      (destroyed ? "" : "  (servers not destroyed within 60 s)");
    return { figures, logs };
  } finally {
    await Promise.all([...clientThreadList, ...serverThreads].map((t) => t.terminate()));
  }
}

async function runScenario(
  db: Database,
  dbUrl: string,
  people: Viewer[],
  servers: number,
  redisUrl?: string,
) {
  const { figures, logs } = await measure(db, dbUrl, people, servers, redisUrl);
  console.log(figures);
  for (const [line, n] of logs) console.log(`  logged ${n}× ${line}`);
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
    console.log(
      `database: ${process.env.HUM_TEST_POSTGRES ? "PostgreSQL" : "in-memory PGlite on the main thread"}`,
    );
    await runScenario(test.db, test.url, people, 1);
    const problem = await redisProblem();
    if (problem)
      console.log(`collab  servers=2 skipped: Redis at ${REDIS_URL} unreachable (${problem})`);
    else await runScenario(test.db, test.url, people, 2, REDIS_URL);
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
