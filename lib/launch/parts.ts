import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Run } from "@/lib/launch/supervise";

/**
 * How the launcher starts each part of Hum so that no part outlives it: the collab server is a
 * child process tied to the launcher by an IPC channel, Next.js a child process holding one end
 * of a pipe (fd 3), and the front a thread. When the launcher dies, even by SIGKILL, the channel
 * and the pipe close and each child ends itself.
 */

const require = createRequire(import.meta.url);
const collabScript = fileURLToPath(new URL("../../scripts/collab.ts", import.meta.url));
const lifeline = fileURLToPath(new URL("../../scripts/exit-with-parent.cjs", import.meta.url));
/** Lets Node load modules marked `import "server-only"`, as Next.js does on its server. */
const outsideNext = new URL("../../scripts/outside-next.mjs", import.meta.url).href;
const frontScript = new URL("../../scripts/front-worker.ts", import.meta.url);

export type ChildRun = Run & { child: ChildProcess };

/**
 * `exited` for a child process, and a stop that asks it to end (SIGTERM, unless `ask` says
 * otherwise), then sends SIGKILL after `graceMs`.
 */
function childRun(
  child: ChildProcess,
  graceMs: number,
  ready?: Promise<void>,
  ask = () => child.kill("SIGTERM"),
): ChildRun {
  const exited = new Promise<string>((resolve) => {
    child.once("exit", (code, signal) =>
      resolve(signal ? `signal ${signal}` : `exit code ${code}`),
    );
    child.once("error", (error) => resolve(error.message));
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    label: `pid ${child.pid}`,
    exited,
    ready,
    stop: async () => {
      if (!alive()) return;
      ask();
      const timer = setTimeout(() => alive() && child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The collab server (scripts/collab.ts) in a process of its own, so that nothing it does can
 * stop the database or the web server. Ready once it says it listens.
 */
export function startCollabProcess(env: NodeJS.ProcessEnv): ChildRun {
  const tsx = pathToFileURL(require.resolve("tsx")).href;
  const child = spawn(process.execPath, ["--import", tsx, "--import", outsideNext, collabScript], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env,
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.on("message", (message: { listening?: number }) => {
      if (typeof message?.listening === "number") resolve();
    });
    child.once("exit", () => reject(new Error("exited")));
  });
  // Asked over its channel: a SIGTERM sent to the whole process group (systemd, a terminal)
  // must not stop it before Next.js. Storing every pending document can take a while.
  return childRun(child, 20_000, ready, () =>
    child.connected ? child.send({ stop: true }) : child.kill("SIGTERM"),
  );
}

/** Next.js, which ends itself when the launcher's end of its fd 3 closes. */
export function startNextProcess(args: string[], env: NodeJS.ProcessEnv): ChildRun {
  const nextBin = require.resolve("next/dist/bin/next");
  const child = spawn(process.execPath, ["--require", lifeline, nextBin, ...args], {
    stdio: ["inherit", "inherit", "inherit", "pipe"],
    env: { ...env, HUM_LIFELINE_FD: "3" },
  });
  return childRun(child, 10_000);
}

export type FrontRun = Run & { worker: Worker };
export type FrontThreadData = {
  host: string;
  port: number;
  nextPort: number;
  hsts: boolean;
  origin: string;
  apiReadsPerMinute: number;
  trustedProxies: number;
  /** Where the front writes anonymous survey answers. */
  databaseUrl: string;
};

/** The front on a thread: a thread ends with the process, so it cannot outlive the launcher. */
export function startFrontThread(workerData: FrontThreadData): FrontRun {
  const worker = new Worker(frontScript, { workerData });
  let failure = "";
  worker.on("error", (error) => {
    failure = error.message.split("\n")[0] ?? "";
  });
  const exited = new Promise<string>((resolve) =>
    worker.once("exit", (code) => resolve(failure || `exit code ${code}`)),
  );
  const ready = new Promise<void>((resolve, reject) => {
    worker.on("message", (message) => message === "listening" && resolve());
    worker.once("exit", () => reject(new Error("exited")));
  });
  return {
    worker,
    exited,
    ready,
    stop: async () => {
      await worker.terminate();
    },
  };
}
