import "server-only";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "@/lib/db/schema";
import { getEnv } from "@/lib/env";

export type Database = NodePgDatabase<typeof schema>;
/** A transaction handle; functions that must join the caller's transaction take this. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either the database or a transaction, for reads and writes that may run inside one. */
export type Executor = Database | Transaction;

export function createDatabase(
  url: string,
  options: { max?: number; onQuery?: (query: string) => void } = {},
) {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client that loses its server must not crash the process; the next query reconnects.
  pool.on("error", (error) => console.error(`database: idle connection lost (${error.message})`));
  const { onQuery } = options;
  const logger = onQuery ? { logQuery: (query: string) => onQuery(query) } : undefined;
  return { db: drizzle(pool, { schema, logger }), pool };
}

// One pool per process. Kept on globalThis so development reloads do not open new pools.
const holder = globalThis as typeof globalThis & {
  humDatabase?: ReturnType<typeof createDatabase>;
};

export function getDb(): Database {
  if (!holder.humDatabase) {
    const url = getEnv().DATABASE_URL;
    if (!url) {
      throw new Error("DATABASE_URL is not set: start Hum with `npm run dev` or `npm start`.");
    }
    holder.humDatabase = createDatabase(url);
  }
  return holder.humDatabase.db;
}
