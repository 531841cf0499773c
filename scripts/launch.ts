/**
 * Starts Hum: `dev` and `start` run Next.js; `migrate` and `seed` only prepare the database.
 * Without DATABASE_URL it serves embedded PGlite on a loopback socket for every process.
 * Failures that a person can fix (port taken, database unreachable, data folder in use) end
 * with one clear line, not a stack trace.
 *
 * Each part runs apart (lib/launch/parts.ts): the collab server in a child process and the front
 * on a thread, each started again when it fails, and Next.js in a child process; none of them
 * outlives the launcher. SIGTERM and SIGINT stop them in order: Next.js and the front, the
 * collab server (storing its pending documents), the database.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { challengesDue } from "@/lib/challenges/deciding";
import { listenToPostgres } from "@/lib/db/change-channel";
import { createDatabase, getDb } from "@/lib/db/client";
import { DataDirInUseError, type EmbeddedDatabase, startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";
import { closeDue } from "@/lib/decisions/close-due";
import { seedDemo } from "@/lib/demo/seed";
import {
  assertPublicUrlConfigured,
  childProcessEnv,
  EnvError,
  getEnv,
  publicUrl,
  setEnv,
} from "@/lib/env";
import { changeChannel, createChangeFeed } from "@/lib/freshness/feed";
import {
  type ChildRun,
  type FrontRun,
  startCollabProcess,
  startFrontThread,
  startNextProcess,
} from "@/lib/launch/parts";
import { describeError, type Supervised, supervise } from "@/lib/launch/supervise";
import { deliverDue } from "@/lib/notifications";
import { checkDueEvidence } from "@/lib/registry/evidence-checks";
import { lapseDue, remindDue } from "@/lib/registry/lifecycle";
import { moveDueSurveys } from "@/lib/reviews/surveys";
import { fanOutWebhookEvents, sendDueWebhooks } from "@/lib/webhooks";

type Mode = "dev" | "start" | "migrate" | "seed";
const modes: Mode[] = ["dev", "start", "migrate", "seed"];

class StartupError extends Error {}

const startupError = (error: Error): never => {
  throw new StartupError(error.message);
};

function fail(message: string): never {
  console.error(`hum: ${message}`);
  process.exit(1);
}

/** Where a database URL points, without its user name or password. */
function databaseLocation(url: string): string {
  const parsed = new URL(url);
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
        `cannot reach the database at ${databaseLocation(url)} (${reason}); check DATABASE_URL.`,
      );
    }
    await migrateDatabase(db);
    if (mode === "dev" || mode === "seed") {
      // `seed --without-releases`: the community before it published anything, as the
      // end-to-end suite starts from (its specs publish the first releases themselves).
      const releases = !process.argv.includes("--without-releases");
      if (await seedDemo(db, new Date(), { releases })) {
        console.log("hum: demo community created");
      }
    }
  } finally {
    await pool.end();
  }
}

/**
 * Moves calls past their deadlines every minute (closing, escalating, ending appeal windows) and
 * sends notification email every few seconds (immediate ones, and the daily digests once the
 * digest hour has passed). Email is rendered here, outside the web app's bundle, and each step
 * is safe when several servers run it at the same moment. A tick never throws, and never
 * overlaps the previous one of its kind.
 */
function every(name: string, ms: number, task: () => Promise<unknown>): NodeJS.Timeout {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    Promise.resolve()
      .then(task)
      .catch((error: unknown) => console.error(`hum: ${name} failed: ${describeError(error)}`))
      .finally(() => {
        running = false;
      });
  };
  tick();
  return setInterval(tick, ms).unref();
}

/** One line for a step that failed inside a scheduled task, as `every` writes for a task. */
const logStep = (name: string) => (error: unknown) =>
  console.error(`hum: ${name} failed: ${describeError(error)}`);

function startScheduler(): NodeJS.Timeout[] {
  return [
    every("scheduled delivery", 5_000, () => deliverDue()),
    every("closing due calls", 60_000, () => closeDue(getDb())),
    every("moving due challenges", 60_000, () => challengesDue(getDb())),
    every("moving due surveys", 60_000, () => moveDueSurveys(getDb())),
    every("lapsing listings", 60_000, async () => {
      // Each step logs its own failure: reminders still go out when lapsing fails, and back.
      await lapseDue(getDb()).catch(logStep("lapsing listings"));
      await remindDue(getDb()).catch(logStep("reminding listings"));
    }),
    every("checking evidence", 60_000, () => checkDueEvidence(getDb())),
    // Events become deliveries, then are sent: claimed row by row, so servers never send twice.
    every("sending webhooks", 1_000, async () => {
      await fanOutWebhookEvents(getDb()).catch(logStep("queueing webhooks"));
      await sendDueWebhooks(getDb());
    }),
  ];
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
 * Listens on PORT, on its own thread, started again if it fails; forgets the pages it kept
 * when a committed change touches what they show. Every change is announced on the database's
 * change channel (heard through the embedded database, or a LISTEN connection to PostgreSQL,
 * so every server hears every change); the sequence of announcements is checked each second in
 * case one was not heard.
 */
function startFront(
  nextPort: number,
  embedded: EmbeddedDatabase | undefined,
  databaseUrl: string,
): { front: Supervised<FrontRun>; timers: NodeJS.Timeout[]; stopListening: () => Promise<void> } {
  const { PORT, HOSTNAME, API_READS_PER_MINUTE, TRUSTED_PROXIES } = getEnv();
  const origin = publicUrl();
  const front = supervise("front", () =>
    startFrontThread({
      host: HOSTNAME,
      port: PORT,
      nextPort,
      hsts: origin.startsWith("https:"),
      origin,
      apiReadsPerMinute: API_READS_PER_MINUTE,
      trustedProxies: TRUSTED_PROXIES,
      databaseUrl,
    }),
  );
  const feed = createChangeFeed(
    getDb(),
    (tags) => front.current()?.worker.postMessage({ touch: tags }),
    (line) => console.error(`hum: ${line}`),
  );
  let stopListening = async () => {};
  if (embedded) void embedded.listen(changeChannel, feed.hear);
  else {
    const channel = listenToPostgres(databaseUrl, changeChannel, feed.hear, feed.unsure);
    stopListening = channel.stop;
  }
  const timers = [every("checking the change feed", 1_000, feed.check)];
  return { front, timers, stopListening };
}

/**
 * The launcher itself keeps serving whatever goes wrong in it: it holds the embedded database
 * that every other part uses. Each error gets one line.
 */
function keepServing(): void {
  process.on("unhandledRejection", (reason) =>
    console.error(`hum: unhandled rejection in the launcher: ${describeError(reason)}`),
  );
  process.on("uncaughtException", (error) =>
    console.error(`hum: uncaught exception in the launcher: ${describeError(error)}`),
  );
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
  if (mode === "start") assertPublicUrlConfigured();

  let embedded: EmbeddedDatabase | undefined;
  let collab: Supervised<ChildRun> | undefined;
  let front: Supervised<FrontRun> | undefined;
  let next: ChildRun | undefined;
  let timers: NodeJS.Timeout[] = [];
  let stopListening = async () => {};
  let stopping: Promise<void> | undefined;
  // In order: the web server and the front, the collab server (which stores its pending
  // documents), then the database they both use.
  const stop = () => {
    stopping ??= (async () => {
      for (const timer of timers) clearInterval(timer);
      await stopListening();
      await Promise.all([next?.stop(), front?.stop()]);
      await collab?.stop();
      await embedded?.stop();
    })();
    return stopping;
  };
  try {
    let url = env.DATABASE_URL;
    if (!url) {
      embedded = await startEmbeddedDatabase(dataDir);
      url = embedded.url;
    }
    await prepareDatabase(url, mode);
    if (mode === "migrate" || mode === "seed") return stop();

    keepServing();
    const secret = authSecret(dataDir, Boolean(env.DATABASE_URL) && mode === "start");
    setEnv({ DATABASE_URL: url, AUTH_SECRET: secret });
    if (embedded)
      console.log(`hum: embedded database in ${path.relative(process.cwd(), dataDir)}/`);
    const childEnv = childProcessEnv({
      DATABASE_URL: url,
      AUTH_SECRET: secret,
      NEXT_TELEMETRY_DISABLED: "1",
    });
    collab = supervise("collab server", () => startCollabProcess(childEnv));
    const running = await collab.started.catch(startupError);
    console.log(
      `hum: collab server on ws://${env.COLLAB_HOST}:${env.COLLAB_PORT} (pid ${running.child.pid})`,
    );
    timers = startScheduler();
    // In production the front serves published releases itself and passes the rest to Next.js
    // on a loopback port of its own; in development Next.js answers directly, for hot reload.
    const nextPort = mode === "start" ? await freePort(env.HOSTNAME) : env.PORT;
    next = startNextProcess([mode, "-p", String(nextPort), "-H", env.HOSTNAME], childEnv);
    const shutdown = () => void stop().then(() => process.exit(0));
    process.on("SIGINT", shutdown);
    process.on("SIGTERM", shutdown);
    // Next.js ending on its own ends Hum, in order, with its exit code.
    void next.exited.then(async (why) => {
      if (stopping) return;
      console.error(`hum: the web server stopped (${why})`);
      const code = next?.child.exitCode;
      await stop();
      process.exit(code || 1);
    });
    if (mode === "start") {
      const started = startFront(nextPort, embedded, url);
      front = started.front;
      timers.push(...started.timers);
      stopListening = started.stopListening;
      await front.started.catch(startupError);
    }
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
