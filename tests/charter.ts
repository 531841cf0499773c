import type { Database } from "@/lib/db/client";
import type { Charter } from "@/lib/decisions/rules";
import { charters } from "@/lib/decisions/schema";

/**
 * Puts numbers in force straight in the table, for tests about what calls do with a charter
 * rather than how it changes (that is a call: lib/decisions/charter-calls.ts). Never used by Hum.
 */
export async function putCharterForTest(
  db: Database,
  standardId: string,
  charter: Charter,
): Promise<void> {
  await db
    .insert(charters)
    .values({ standardId, ...charter })
    .onConflictDoUpdate({ target: charters.standardId, set: charter });
}
