/**
 * Starts Hum: `dev` and `start` run Next.js; `migrate` and `seed` only prepare the database.
 * Without DATABASE_URL it serves embedded PGlite on a loopback socket for every process.
 * Failures that a person can fix (port taken, database unreachable, data folder in use) end
 * with one clear line, not a stack trace.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { type RunningCollab, startCollab } from "@/lib/collab/run";
import { createDatabase, getDb } from "@/lib/db/client";
import { DataDirInUseError, type EmbeddedDatabase, startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";
import { closeDue } from "@/lib/decisions/close-due";
import { seedDemo } from "@/lib/demo/seed";
import { childProcessEnv, EnvError, getEnv, setEnv } from "@/lib/env";
import { deliverDue } from "@/lib/notifications";
import { releaseEpoch } from "@/lib/releases/queries";

type Mode = "dev" | "start" | "migrate" | "seed";
const modes: Mode[] = ["dev", "start", "migrate", "seed"];

class StartupError extends Error {}

function fail(message: string): never {
  console.error(`hum: ${message}`);
  process.exit(1);
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return `${parsed.host}${parsed.pathname}`;
}

async function assertPortFree(port: number, hostname: string, setting = "PORT"): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new StartupError(
          error.code === "EADDRINUSE"
            ? `port ${port} on ${hostname} is already in use; stop the other server or set ${setting}.`
            : `cannot listen on ${hostname}:${port} (${error.code ?? error.message}).`,
        ),
      ),
    );
    probe.listen(port, hostname, () => probe.close(() => resolve()));
  });
}

/** AUTH_SECRET from the environment, or one generated once and kept with the local data. */
function authSecret(dataDir: string, required: boolean): string {
  const given = getEnv().AUTH_SECRET;
  if (given) return given;
  if (required) throw new StartupError("AUTH_SECRET must be set when DATABASE_URL is set.");
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  fs.chmodSync(file, 0o600);
  return fs.readFileSync(file, "utf8").trim();
}

async function prepareDatabase(url: string, mode: Mode): Promise<void> {
  const { db, pool } = createDatabase(url, { max: 2 });
  try {
    try {
      await pool.query("select 1");
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      const reason = code ?? message.split("\n")[0];
      throw new StartupError(
        `cannot reach the database at ${redact(url)} (${reason}); check DATABASE_URL.`,
      );
    }
    await migrateDatabase(db);
    if (mode === "dev" || mode === "seed") {
      if (await seedDemo(db, new Date(), { releases: true })) {
        console.log("hum: demo community created");
      }
    }
  } finally {
    await pool.end();
  }
}

function runNext(
  mode: "dev" | "start",
  port: number,
  env: NodeJS.ProcessEnv,
  stop: () => Promise<void>,
) {
  const require = createRequire(import.meta.url);
  const nextBin = require.resolve("next/dist/bin/next");
  const { HOSTNAME } = getEnv();
  const child = spawn(process.execPath, [nextBin, mode, "-p", String(port), "-H", HOSTNAME], {
    stdio: "inherit",
    env,
  });
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    stopping = true;
    child.kill(signal);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  child.on("exit", async (code, signal) => {
    await stop();
    process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
  });
}

/**
 * Moves calls past their deadlines every minute (closing, escalating, ending appeal windows) and
 * sends notification email every few seconds (immediate ones, and the daily digests once the
 * digest hour has passed). Email is rendered here, outside the web app's bundle, and each step
 * is safe when several servers run it at the same moment.
 */
function startScheduler(): void {
  const tick = () =>
    deliverDue().catch((error: unknown) =>
      console.error(
        `hum: scheduled delivery failed: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  setInterval(tick, 5_000).unref();
  const closeCalls = () =>
    closeDue(getDb()).catch((error: unknown) =>
      console.error(
        `hum: closing due calls failed: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  void closeCalls();
  setInterval(closeCalls, 60_000).unref();
}

function freePort(hostname: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, hostname, () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * Listens on PORT, on its own thread; forgets kept release pages whenever a release is published
 * or withdrawn.
 */
function startFront(nextPort: number): void {
  const { PORT, HOSTNAME } = getEnv();
  const front = new Worker(new URL("../lib/http/front-worker.ts", import.meta.url), {
    workerData: { host: HOSTNAME, port: PORT, nextPort },
  });
  front.on("error", (error) => console.error(`hum: the front failed: ${error.message}`));
  front.unref();
  let seen = "";
  const watch = () =>
    releaseEpoch(getDb())
      .then((epoch) => {
        if (epoch !== seen) front.postMessage("flush");
        seen = epoch;
      })
      .catch(() => undefined);
  setInterval(watch, 5_000).unref();
}

async function main(): Promise<void> {
  const mode = process.argv[2] as Mode;
  if (!modes.includes(mode)) fail(`usage: launch.ts ${modes.join("|")}`);
  const env = getEnv();
  const dataDir = path.resolve(env.HUM_DATA_DIR);
  if (mode === "dev" || mode === "start") {
    await assertPortFree(env.PORT, env.HOSTNAME);
    await assertPortFree(env.COLLAB_PORT, env.COLLAB_HOST, "COLLAB_PORT");
  }

  let embedded: EmbeddedDatabase | undefined;
  let collab: RunningCollab | undefined;
  // The collab server stores its pending documents before the database goes away.
  const stop = async () => {
    await collab?.stop();
    await embedded?.stop();
  };
  try {
    let url = env.DATABASE_URL;
    if (!url) {
      embedded = await startEmbeddedDatabase(dataDir);
      url = embedded.url;
    }
    await prepareDatabase(url, mode);
    if (mode === "migrate" || mode === "seed") return stop();

    const secret = authSecret(dataDir, Boolean(env.DATABASE_URL) && mode === "start");
    setEnv({ DATABASE_URL: url, AUTH_SECRET: secret });
    if (embedded)
      console.log(`hum: embedded database in ${path.relative(process.cwd(), dataDir)}/`);
    collab = await startCollab(url, secret);
    console.log(`hum: collab server on ws://${env.COLLAB_HOST}:${collab.port}`);
    startScheduler();
    // In production the front serves published releases itself and passes the rest to Next.js
    // on a loopback port of its own; in development Next.js answers directly, for hot reload.
    const nextPort = mode === "start" ? await freePort(env.HOSTNAME) : env.PORT;
    runNext(
      mode,
      nextPort,
      childProcessEnv({ DATABASE_URL: url, AUTH_SECRET: secret, NEXT_TELEMETRY_DISABLED: "1" }),
      stop,
    );
    if (mode === "start") startFront(nextPort);
  } catch (error) {
    await stop();
    throw error;
  }
}

main().catch((error: unknown) => {
  if (
    error instanceof StartupError ||
    error instanceof DataDirInUseError ||
    error instanceof EnvError
  ) {
    fail(error.message);
  }
  console.error(error);
  fail("could not start; the error above says why.");
});
