/**
 * The threads of bench/collab.ts: a collab server, or a share of the editing clients. Each runs
 * on a thread of its own, as servers and browsers run in processes of their own, so the figures
 * are the servers' and not the queue of one event loop doing everything.
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import * as Y from "yjs";
import { createCollabServer } from "@/lib/collab/server";
import { createDatabase } from "@/lib/db/client";
import { bodyText, firstParagraphText, TEST_SECRET } from "@/tests/collab-clients";

export type ServerJob = {
  role: "server";
  dbUrl: string;
  index: number;
  redisUrl?: string;
  redisPrefix: string;
};
export type ClientSpec = { index: number; clauseId: string; token: string; url: string };
export type ClientJob = { role: "clients"; clients: ClientSpec[] };
export type Losses = { lost: number; duplicated: number };
export type ClientReport = {
  edits: number;
  latencies: number[];
  copies: Losses;
  expectedDeliveries: number;
  settled: boolean;
  tokensOf: [string, string[]][];
  loopP99: number;
};

const EDIT_MS = 500;
const BATCH = 25;
const TOKEN = /«c\d+e\d+»/g;
const UUID = /[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/g;

if (!parentPort) throw new Error("bench/collab-worker.ts runs as a worker of bench/collab.ts");
const port = parentPort;
const post = (message: unknown) => port.postMessage(message);

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

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across threads. */
const now = () => performance.timeOrigin + performance.now();

/** Counts console.error/warn lines (ids blanked) instead of printing each. */
function captureLogs(): () => [string, number][] {
  const counts = new Map<string, number>();
  function count(...args: unknown[]) {
    const line = args.join(" ").replace(UUID, "…").slice(0, 200);
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  console.error = count;
  console.warn = count;
  return () => [...counts];
}

async function runServer(job: ServerJob) {
  const logs = captureLogs();
  const { db, pool } = createDatabase(job.dbUrl);
  const server = createCollabServer({
    db,
    secret: TEST_SECRET,
    port: 0,
    debounceMs: 500,
    redisUrl: job.redisUrl,
    redisPrefix: job.redisPrefix,
    name: `bench-collab-${job.index}`,
  });
  await server.listen();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  // COLLAB_BENCH_PROFILE=<folder>: a CPU profile of each server while the clients edit.
  const profileDir = process.env.COLLAB_BENCH_PROFILE;
  const profiler = profileDir ? new Session() : null;
  port.on("message", async (message: string) => {
    if (message === "measure") {
      loop.enable();
      if (profiler) {
        profiler.connect();
        await profiler.post("Profiler.enable");
        await profiler.post("Profiler.start");
      }
    }
    if (message === "stop-measuring") {
      loop.disable();
      if (profiler) {
        const { profile } = await profiler.post("Profiler.stop");
        const file = `${profileDir}/server-${job.index}-${process.pid}-${Date.now()}.cpuprofile`;
        writeFileSync(file, JSON.stringify(profile));
      }
    }
    if (message === "destroy") {
      await server.destroy(); // stores every document
      await pool.end();
      post({ type: "destroyed", logs: logs(), loopP99: loop.percentile(99) / 1e6 });
    }
  });
  post({ type: "listening", port: server.address.port });
}

type Client = { index: number; clauseId: string; document: Y.Doc; provider: HocuspocusProvider };

function runClients(job: ClientJob) {
  const sent = new Map<string, { at: number; client: number }>();
  const tokensOf = new Map<string, string[]>();
  const latencies: number[] = [];
  const refusals: string[] = [];
  const sockets = new Map<string, HocuspocusProviderWebsocket>();
  const clients: Client[] = [];

  /** Records, for each peer's token this client sees for the first time, how long it took. */
  function watch(client: Client): void {
    const seen = new Set<string>();
    client.document.getXmlFragment("body").observeDeep((events) => {
      const at = now();
      for (const event of events) {
        for (const { insert } of event.delta) {
          const text =
            typeof insert === "string" ? insert : Array.isArray(insert) ? insert.join("") : "";
          for (const token of text.match(TOKEN) ?? []) {
            const origin = sent.get(token);
            if (!origin || origin.client === client.index || seen.has(token)) continue;
            seen.add(token);
            latencies.push(at - origin.at);
          }
        }
      }
    });
  }

  /** Connects the clients 25 at a time, multiplexed over one socket per server. */
  async function connect() {
    for (const spec of job.clients) {
      let socket = sockets.get(spec.url);
      if (!socket) {
        socket = new HocuspocusProviderWebsocket({ url: spec.url });
        sockets.set(spec.url, socket);
      }
      tokensOf.set(spec.clauseId, []);
      const document = new Y.Doc();
      const provider = new HocuspocusProvider({
        websocketProvider: socket,
        sessionAwareness: true, // several providers of one clause on one socket
        name: `clause:${spec.clauseId}`,
        document,
        token: spec.token,
        onAuthenticationFailed: ({ reason }) => refusals.push(reason),
      });
      const client = { index: spec.index, clauseId: spec.clauseId, document, provider };
      clients.push(client);
      watch(client);
      provider.attach();
      if (clients.length % BATCH > 0 && clients.length < job.clients.length) continue;
      const batch = clients.slice(-BATCH);
      await waitFor(() => refusals.length > 0 || batch.every((c) => c.provider.isSynced), 30_000);
      if (refusals.length > 0) throw new Error(`the server refused a client: ${refusals[0]}`);
      if (!batch.every((c) => c.provider.isSynced)) throw new Error("clients not synced in 30 s");
    }
  }

  /** The first client of each clause makes its first paragraph, so all peers append to it. */
  async function prime() {
    const first = new Map<string, Client>();
    for (const client of clients)
      if (!first.has(client.clauseId)) first.set(client.clauseId, client);
    for (const client of first.values()) firstParagraphText(client.document);
    const primed = () => clients.every((c) => c.document.getXmlFragment("body").length === 1);
    if (!(await waitFor(primed, 15_000))) throw new Error("paragraphs never reached peers");
  }

  /** Every client appends a token about every EDIT_MS from startAt for `seconds`. */
  async function edit(startAt: number, seconds: number): Promise<ClientReport> {
    await sleep(Math.max(0, startAt - now()));
    const end = now() + seconds * 1000;
    let edits = 0;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    function type(client: Client, n: number) {
      if (now() >= end) return;
      const token = `«c${client.index}e${n}»`;
      sent.set(token, { at: now(), client: client.index });
      tokensOf.get(client.clauseId)?.push(token);
      const text = firstParagraphText(client.document);
      text.insert(text.length, token);
      edits += 1;
      setTimeout(type, EDIT_MS / 2 + Math.random() * EDIT_MS, client, n + 1);
    }
    for (const client of clients) setTimeout(type, Math.random() * EDIT_MS, client, 0);
    await sleep(seconds * 1000 + 2 * EDIT_MS);
    loop.disable();
    const settled = await waitFor(() => converged(), 30_000);
    const copies: Losses = { lost: 0, duplicated: 0 };
    let expectedDeliveries = -edits; // every copy of the clause but the sender's
    for (const client of clients) {
      const expected = tokensOf.get(client.clauseId) ?? [];
      tally(bodyText(client.document), expected, copies);
      expectedDeliveries += expected.length;
    }
    return {
      edits,
      latencies,
      copies,
      expectedDeliveries,
      settled,
      tokensOf: [...tokensOf],
      loopP99: loop.percentile(99) / 1e6,
    };
  }

  function converged(): boolean {
    return clients.every((client) => {
      if (client.provider.unsyncedChanges > 0) return false;
      const expected = tokensOf.get(client.clauseId) ?? [];
      return tally(bodyText(client.document), expected, { lost: 0, duplicated: 0 }).lost === 0;
    });
  }

  port.on("message", async (message: { type: string; startAt?: number; seconds?: number }) => {
    try {
      if (message.type === "connect") {
        await connect();
        post({ type: "connected" });
      } else if (message.type === "prime") {
        await prime();
        post({ type: "primed" });
      } else if (message.type === "edit") {
        post({ type: "report", report: await edit(message.startAt ?? 0, message.seconds ?? 0) });
      } else if (message.type === "close") {
        // Closing the shared sockets first ends every document connection on the servers at once.
        for (const socket of sockets.values()) socket.destroy();
        for (const client of clients) client.provider.destroy();
        post({ type: "closed" });
      }
    } catch (error) {
      post({ type: "failed", reason: (error as Error).message });
    }
  });
  post({ type: "ready" });
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

const job = workerData as ServerJob | ClientJob;
if (job.role === "server") {
  runServer(job).catch((error: unknown) => post({ type: "failed", reason: String(error) }));
} else {
  runClients(job);
}
