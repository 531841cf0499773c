/**
 * Runs the collab server on its own, against PostgreSQL: `npm run collab`. Several may run at
 * once when REDIS_URL is set. SIGTERM and SIGINT store every pending document before exit.
 *
 * The launcher runs it the same way, as a child process with an IPC channel: then it says when
 * it listens, stops when the launcher asks over the channel (after Next.js, before the
 * database), not on a signal sent to the whole process group, and ends when the channel
 * closes, so it never outlives the launcher. Any error nothing handled ends it after storing
 * what it can; whoever started it starts it again.
 */
import { type RunningCollab, startCollab } from "@/lib/collab/run";
import { EnvError, getEnv } from "@/lib/env";
import { describeError } from "@/lib/launch/supervise";

/** Storing pending documents must not hold an exit forever (say the database is gone too). */
const STOP_WITHIN_MS = 15_000;

let collab: RunningCollab | undefined;
let stopping = false;

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(code || 1), STOP_WITHIN_MS);
  try {
    await collab?.stop();
    if (collab) console.log("collab: stopped, every document stored");
  } catch (error) {
    console.error(`collab: could not store every document: ${describeError(error)}`);
    code ||= 1;
  }
  process.exit(code);
}

const fatal = (kind: string) => (error: unknown) => {
  console.error(`collab: ${kind}: ${describeError(error)}; stopping`);
  void stop(1);
};
process.on("unhandledRejection", fatal("unhandled rejection"));
process.on("uncaughtException", fatal("uncaught exception"));

async function main(): Promise<void> {
  const env = getEnv();
  if (!env.DATABASE_URL) throw new EnvError("DATABASE_URL must be set for `npm run collab`.");
  if (!env.AUTH_SECRET) throw new EnvError("AUTH_SECRET must be set for `npm run collab`.");
  collab = await startCollab(env.DATABASE_URL, env.AUTH_SECRET);
  if (process.send) {
    process.on("SIGINT", () => undefined);
    process.on("SIGTERM", () => undefined);
    process.on("message", (message: { stop?: boolean }) => message?.stop && void stop(0));
    process.on("disconnect", () => void stop(0));
    process.send({ listening: collab.port });
  } else {
    console.log(`collab: listening on ws://${env.COLLAB_HOST}:${collab.port}`);
    process.on("SIGTERM", () => void stop(0));
    process.on("SIGINT", () => void stop(0));
  }
}

main().catch((error: unknown) => {
  console.error(`collab: ${describeError(error)}`);
  process.exit(1);
});
