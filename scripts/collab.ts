/**
 * Runs the collab server on its own, against PostgreSQL: `npm run collab`. Several may run at
 * once when REDIS_URL is set. SIGTERM and SIGINT store every pending document before exit.
 */
import { startCollab } from "@/lib/collab/run";
import { EnvError, getEnv } from "@/lib/env";

async function main(): Promise<void> {
  const env = getEnv();
  if (!env.DATABASE_URL) throw new EnvError("DATABASE_URL must be set for `npm run collab`.");
  if (!env.AUTH_SECRET) throw new EnvError("AUTH_SECRET must be set for `npm run collab`.");
  const collab = await startCollab(env.DATABASE_URL, env.AUTH_SECRET);
  console.log(`collab: listening on ws://${env.COLLAB_HOST}:${collab.port}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await collab.stop();
    console.log("collab: stopped, every document stored");
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(`collab: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
