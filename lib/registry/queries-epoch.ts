import "server-only";
import { inArray, sql } from "drizzle-orm";
import { auditActions } from "@/lib/audit/rules";
import { auditLog } from "@/lib/audit/schema";
import type { Executor } from "@/lib/db/client";
import { evidenceLinks } from "@/lib/registry/schema";

/** Every registry action: each changes what a public registry page or badge says. */
const registryActions = auditActions.filter((action) => action.startsWith("registry."));

/**
 * Changes whenever anything the public registry shows changes: a registry entry in the audit
 * log (published, reaffirmed, listed, withdrawn, lapsed, a domain verified…) or an evidence
 * check that found a link in a new state. Cheap enough to ask every second: one index range per
 * action, and the newest evidence change by its index.
 */
export async function registryEpoch(db: Executor): Promise<string> {
  const [[audit], [evidence]] = await Promise.all([
    db
      .select({ id: sql<string | null>`max(${auditLog.id})::text` })
      .from(auditLog)
      .where(inArray(auditLog.action, registryActions)),
    db
      .select({ at: sql<string | null>`max(${evidenceLinks.changedAt})::text` })
      .from(evidenceLinks),
  ]);
  return `${audit?.id ?? 0}/${evidence?.at ?? ""}`;
}
