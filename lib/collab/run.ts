import "server-only";
import type { Server } from "@hocuspocus/server";
import { type CollabContext, createCollabServer } from "@/lib/collab/server";
import { createDatabase } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

export type RunningCollab = {
  server: Server<CollabContext>;
  port: number;
  stop: () => Promise<void>;
};

/**
 * Starts the collab server from the environment. `stop` flushes every pending save (the
 * documents are stored before they unload), then closes the database pool.
 */
export async function startCollab(databaseUrl: string, secret: string): Promise<RunningCollab> {
  const env = getEnv();
  const { db, pool } = createDatabase(databaseUrl);
  const server = createCollabServer({
    db,
    secret,
    port: env.COLLAB_PORT,
    host: env.COLLAB_HOST,
    redisUrl: env.REDIS_URL,
    name: env.COLLAB_NAME,
  });
  await server.listen();
  return {
    server,
    port: server.address.port,
    stop: async () => {
      await server.destroy();
      await pool.end();
    },
  };
}
