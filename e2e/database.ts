import fs from "node:fs";
import path from "node:path";
import { createDatabase, type Database } from "@/lib/db/client";
import { e2eDataDir } from "./settings";

/** The running server's embedded database, found through the URL file the launcher writes. */
export function connectToE2eDatabase(): { db: Database; close: () => Promise<void> } {
  const url = fs.readFileSync(path.join(e2eDataDir, "database-url"), "utf8").trim();
  const { db, pool } = createDatabase(url, { max: 2 });
  return { db, close: () => pool.end() };
}
