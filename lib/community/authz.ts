import { recordAudit } from "@/lib/audit/mutations";
import type { Viewer } from "@/lib/community/queries";
import { logAnonymousRefusal } from "@/lib/community/refusal-log";
import type { Database } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

/**
 * The secretariat manages memberships and settings. A refusal is recorded (who tried what), then
 * thrown, so every caller refuses the same way whatever the page showed.
 */
export async function requireSecretariat(
  db: Database,
  viewer: Viewer | null,
  attempted: string,
): Promise<Viewer> {
  if (!viewer) {
    await recordRefusal(db, null, attempted, "not_signed_in");
    throw new DomainError("unauthenticated");
  }
  if (!viewer.isSecretariat) {
    await recordRefusal(db, viewer.id, attempted, "not_secretariat");
    throw new DomainError("forbidden");
  }
  return viewer;
}

/**
 * A signed-in person's refusal goes in the public log. An anonymous one only goes to the server
 * log: the permanent record must not grow with every anonymous page view.
 */
export async function recordRefusal(
  db: Database,
  actorId: string | null,
  attempted: string,
  reason: string,
): Promise<void> {
  if (!actorId) {
    logAnonymousRefusal(attempted, reason);
    return;
  }
  await recordAudit(db, {
    actorId,
    action: "access.refused",
    subjectType: "action",
    subjectId: attempted,
    details: { reason },
  });
}
