import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDatabase, type Database } from "@/lib/db/client";
import { startEmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDatabase } from "@/lib/db/migrate";

export type TestDatabase = {
  db: Database;
  url: string;
  close: () => Promise<void>;
  /**
   * Hears what is announced on `channel` once this resolves, as the launcher does: a LISTEN
   * connection to PostgreSQL, or the embedded database's own notifications.
   */
  listen: (channel: string, hear: (payload: string) => void) => Promise<void>;
};

/**
 * A fresh, migrated database for one test file. With HUM_TEST_POSTGRES (an admin URL) it is a
 * new database on that server, dropped afterwards; otherwise an in-memory PGlite behind the
 * same socket server the app uses. Either way the code under test speaks node-postgres.
 * `postgres` (an admin URL) asks for PostgreSQL whatever the environment says.
 */
export async function createTestDatabase(
  options: { postgres?: string } = {},
): Promise<TestDatabase> {
  const adminUrl = options.postgres ?? process.env.HUM_TEST_POSTGRES;
  if (adminUrl) {
    const name = `hum_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const { db, pool } = createDatabase(url.toString());
    await migrateDatabase(db);
    const listeners: pg.Client[] = [];
    return {
      db,
      url: url.toString(),
      listen: async (channel, hear) => {
        const client = new pg.Client({ connectionString: url.toString() });
        listeners.push(client);
        await client.connect();
        client.on("notification", (message) => {
          if (message.channel === channel) hear(message.payload ?? "");
        });
        await client.query(`LISTEN ${channel}`);
      },
      close: async () => {
        await Promise.all(listeners.map((client) => client.end()));
        await pool.end();
        const cleanup = new pg.Client({ connectionString: adminUrl });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  }
  const embedded = await startEmbeddedDatabase();
  const { db, pool } = createDatabase(embedded.url);
  await migrateDatabase(db);
  return {
    db,
    url: embedded.url,
    listen: embedded.listen,
    close: async () => {
      await pool.end();
      await embedded.stop();
    },
  };
}

/** The PostgreSQL message behind a failed query (Drizzle wraps it as the error's cause). */
export async function databaseErrorOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : (error as Error).message;
  }
  throw new Error("expected the query to fail, but it succeeded");
}
