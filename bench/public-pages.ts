/**
 * The live public pages an anonymous reader reads, through the production server (`npm start`,
 * whose front keeps them), each against nginx serving that very page's bytes in the same run;
 * and how soon a change reaches the next reader of two servers sharing one database.
 *
 *   npm run build && npx tsx --import ./scripts/outside-next.mjs bench/public-pages.ts \
 *     [seconds=10] [connections=64] [postgres=postgres://postgres@127.0.0.1:5432/postgres]
 *
 * Two servers run on a PostgreSQL database of their own (created and dropped here) holding the
 * demo community and 10,000 more audit entries. Budgets (issue 19): every page at least 0.5 of
 * nginx's rate with p99 ≤ 50 ms; a change seen within 1 s on the same server and 2 s on another.
 * The change is a reply committed by this script, so neither server made it: both hear it as
 * "another server" does, and the figures for both are held to 1 s.
 * Loopback only; every run is bounded by its duration.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { asc, eq, sql } from "drizzle-orm";
import pg from "pg";
import { users } from "@/lib/auth/schema";
import type { Participant } from "@/lib/community/authz";
import { loadViewer } from "@/lib/community/viewer";
import { createDatabase } from "@/lib/db/client";
import { calls } from "@/lib/decisions/schema";
import { demoEmail } from "@/lib/demo/seed";
import { openThread, reply } from "@/lib/discussion/mutations";
import { openThreadSchema } from "@/lib/discussion/rules";
import { formatRef } from "@/lib/drafting/rules";
import { clauses } from "@/lib/drafting/schema";
import { benchWorkspace, nginxBinary, startNginx, waitFor } from "./harness";

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 64);
const server = new URL(process.argv[4] ?? "postgres://postgres@127.0.0.1:5432/postgres");
const portA = 3200;
const portB = 3210;
const nginxPort = 3202;
const baseA = `http://127.0.0.1:${portA}`;
const baseB = `http://127.0.0.1:${portB}`;
const ROUNDS = 8;

const database = `hum_bench_${process.pid}`;
const url = new URL(server);
url.pathname = `/${database}`;
const databaseUrl = url.toString();

const { workDir, env, launcher } = benchWorkspace("pages", portA);
const shared = { ...env, DATABASE_URL: databaseUrl, AUTH_SECRET: randomBytes(32).toString("hex") };
const envB = {
  ...shared,
  HUM_DATA_DIR: path.join(workDir, "data-b"),
  PORT: String(portB),
  AUTH_URL: baseB,
  COLLAB_PORT: String(portB + 1),
};
const children: ChildProcess[] = [];

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function measure(target: string) {
  await autocannon({ url: target, connections, duration: 1 }); // warm-up: the first render
  const result = await autocannon({ url: target, connections, duration: seconds });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

/** Polls `target` until its body contains `marker`; milliseconds from `since`. */
async function seenAfter(target: string, marker: string, since: number): Promise<number> {
  for (;;) {
    const body = await (await fetch(target)).text();
    if (body.includes(marker)) return performance.now() - since;
    if (performance.now() - since > 10_000) return Number.POSITIVE_INFINITY;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

try {
  const nginx = nginxBinary();
  await admin((client) => client.query(`create database ${database}`));
  spawnSync(process.execPath, [...launcher, "seed"], { env: shared, stdio: "inherit" });

  const { db, pool } = createDatabase(databaseUrl, { max: 2 });
  await db.execute(sql`
    insert into audit_log (actor_id, action, subject_type, subject_id, details)
    select null, 'community.profile_updated', 'user', 'bench-' || n, jsonb_build_object('n', n)
    from generate_series(1, 10000) as n`);

  // A clause with a thread (its page shows the thread's comments), and the newest call.
  const [author] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, demoEmail("rosa")));
  const viewer = author ? ((await loadViewer(db, author.id)) as Participant | null) : null;
  if (!viewer) throw new Error("the demo community has no Rosa");
  const [clause] = await db
    .select({ id: clauses.id, code: clauses.refCode, number: clauses.refNumber })
    .from(clauses)
    .orderBy(asc(clauses.refCode), asc(clauses.refNumber))
    .limit(1);
  const [call] = await db
    .select({ number: calls.number })
    .from(calls)
    .orderBy(sql`${calls.number} desc`)
    .limit(1);
  if (!clause || !call) throw new Error("the demo community has no clause or call");
  const thread = await openThread(
    db,
    viewer,
    clause.id,
    openThreadSchema.parse({
      kind: "question",
      title: "How often should this be checked?",
      body: "A question the bench asks, so that the clause's page has a thread to show.",
    }),
  );
  const ref = formatRef(clause.code, clause.number);
  const pages = [
    "/",
    "/standards/iotmark",
    "/standards/iotmark/releases",
    "/standards/iotmark/draft",
    "/standards/iotmark/draft?level=Silver",
    `/standards/iotmark/draft/${ref}`,
    `/standards/iotmark/draft/${ref}/history`,
    "/standards/iotmark/calls",
    `/standards/iotmark/calls/${call.number}`,
    "/standards/iotmark/objections",
    "/groups",
    "/groups/advisory-group",
    "/transparency",
    "/registry",
    "/registry/1",
  ];

  children.push(spawn(process.execPath, [...launcher, "start"], { env: shared, stdio: "ignore" }));
  children.push(spawn(process.execPath, [...launcher, "start"], { env: envB, stdio: "ignore" }));
  await Promise.all([waitFor(`${baseA}/`), waitFor(`${baseB}/`)]);

  const home = Buffer.from(await (await fetch(`${baseA}/`)).arrayBuffer());
  children.push(
    startNginx({
      binary: nginx,
      workDir,
      port: nginxPort,
      file: "index.html",
      bytes: home,
      type: "text/html; charset=utf-8",
    }),
  );
  await waitFor(`http://127.0.0.1:${nginxPort}/index.html`);

  console.log(`${connections} connections, ${seconds} s per page, ${os.cpus().length} cores`);
  console.log(
    "page".padEnd(40),
    "bytes".padStart(8),
    "nginx/s".padStart(8),
    "req/s".padStart(8),
    "p50 ms".padStart(7),
    "p99 ms".padStart(7),
    "errors".padStart(7),
  );
  let met = true;
  for (const [index, page] of pages.entries()) {
    // nginx serves this page's own bytes, as the front sends them to this client (no gzip).
    const bytes = Buffer.from(await (await fetch(`${baseA}${page}`)).arrayBuffer());
    const file = `page-${index}.html`;
    fs.writeFileSync(path.join(workDir, "www", file), bytes);
    const reference = await measure(`http://127.0.0.1:${nginxPort}/${file}`);
    const figures = await measure(`${baseA}${page}`);
    const ratio = figures.rps / reference.rps;
    const ok = ratio >= 0.5 && figures.p99 <= 50 && figures.errors === 0;
    met &&= ok;
    console.log(
      page.padEnd(40),
      String(bytes.length).padStart(8),
      reference.rps.toFixed(0).padStart(8),
      figures.rps.toFixed(0).padStart(8),
      String(figures.p50).padStart(7),
      String(figures.p99).padStart(7),
      String(figures.errors).padStart(7),
      `${ratio.toFixed(2)} of nginx ${ok ? "met" : "MISSED"}`,
    );
  }
  console.log(
    `pages: ${met ? "every budget met" : "a budget was missed"} (≥ 0.5 of nginx, p99 ≤ 50 ms)`,
  );

  // Freshness: a reply in the clause's thread, committed; then both servers polled.
  const page = `/standards/iotmark/draft/${ref}`;
  const same: number[] = [];
  const other: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await Promise.all([fetch(`${baseA}${page}`), fetch(`${baseB}${page}`)]); // both keep it
    const marker = `freshness-${process.pid}-${round}`;
    await reply(db, viewer, {
      threadId: thread.threadId,
      parentId: null,
      body: `A note for the bench: ${marker}`,
    });
    const committed = performance.now();
    const [a, b] = await Promise.all([
      seenAfter(`${baseA}${page}`, marker, committed),
      seenAfter(`${baseB}${page}`, marker, committed),
    ]);
    same.push(a);
    other.push(b);
  }
  const fresh = (name: string, values: number[], budget: number) =>
    console.log(
      `freshness on ${name}: median ${median(values).toFixed(0)} ms, worst ${Math.max(...values).toFixed(0)} ms over ${values.length} changes (budget ≤ ${budget} ms: ${Math.max(...values) <= budget ? "met" : "MISSED"})`,
    );
  fresh("server A", same, 1000);
  fresh("server B", other, 1000);
  await pool.end();
} finally {
  for (const child of children) child.kill("SIGTERM");
  await Promise.all(
    children.map((child) =>
      child.exitCode === null ? new Promise((resolve) => child.once("exit", resolve)) : null,
    ),
  );
  await admin((client) => client.query(`drop database if exists ${database} with (force)`)).catch(
    () => {},
  );
  fs.rmSync(workDir, { recursive: true, force: true });
}
