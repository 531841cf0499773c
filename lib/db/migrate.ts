import "server-only";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import type { Database } from "@/lib/db/client";

const MIGRATION_LOCK = 727_001; // any constant shared by every Hum process

/**
 * Applies the committed SQL migrations. Serialised with an advisory lock so that two servers
 * starting at once against one PostgreSQL do not both apply them.
 */
export async function migrateDatabase(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await migrate(tx as unknown as Database, {
      migrationsFolder: path.join(process.cwd(), "drizzle"),
    });
  });
}
