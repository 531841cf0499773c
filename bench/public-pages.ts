/**
 * Requests per second and latency of Hum's public pages through the production server, on the
 * embedded database with the demo community and 10,000 audit entries.
 *
 *   npm run build && npx tsx --import ./scripts/outside-next.mjs bench/public-pages.ts \
 *     [seconds=10] [connections=64]
 *
 * Loopback only; every run is bounded by its duration.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { createDatabase } from "@/lib/db/client";

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 64);
const port = 3200;
const base = `http://127.0.0.1:${port}`;
const paths = ["/", "/groups", "/groups/advisory-group", "/transparency", "/sign-in"];

if (!fs.existsSync(".next/BUILD_ID")) {
  console.error("bench: no production build; run `npm run build` first.");
  process.exit(1);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hum-bench-"));
const env = {
  ...process.env,
  HUM_DATA_DIR: dataDir,
  PORT: String(port),
  AUTH_URL: `http://127.0.0.1:${port}`,
  HOSTNAME: "127.0.0.1",
  COLLAB_PORT: String(port + 1),
};
const tsx = [
  "node_modules/tsx/dist/cli.mjs",
  "--import",
  "./scripts/outside-next.mjs",
  "scripts/launch.ts",
];

spawnSync(process.execPath, [...tsx, "seed"], { env, stdio: "inherit" });
const server = spawn(process.execPath, [...tsx, "start"], { env, stdio: "ignore" });

async function waitForServer(): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(`${base}/`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the server did not start");
}

async function addAuditEntries(count: number): Promise<void> {
  const url = fs.readFileSync(path.join(dataDir, "database-url"), "utf8");
  const { db, pool } = createDatabase(url, { max: 1 });
  await db.execute(sql`
    insert into audit_log (actor_id, action, subject_type, subject_id, details)
    select null, 'community.profile_updated', 'user', 'bench-' || n, jsonb_build_object('n', n)
    from generate_series(1, ${count}) as n`);
  await pool.end();
}

try {
  await waitForServer();
  await addAuditEntries(10_000);
  console.log(`${connections} connections, ${seconds} s per page, ${os.cpus().length} cores`);
  console.log(
    "path".padEnd(26),
    "req/s".padStart(8),
    "p50 ms".padStart(8),
    "p99 ms".padStart(8),
    "non-2xx".padStart(8),
  );
  for (const page of paths) {
    await autocannon({ url: `${base}${page}`, connections, duration: 1 }); // warm-up
    const result = await autocannon({ url: `${base}${page}`, connections, duration: seconds });
    console.log(
      page.padEnd(26),
      result.requests.average.toFixed(0).padStart(8),
      String(result.latency.p50).padStart(8),
      String(result.latency.p99).padStart(8),
      String(result.non2xx + result.errors).padStart(8),
    );
  }
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
