import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import { type Participant, requireParticipant } from "@/lib/community/authz";
import { loadViewer } from "@/lib/community/viewer";
import type { Database } from "@/lib/db/client";

/** Finds demo people by their key ("noor"), signed in at a moment, for seeding through lib/. */
export function demoViewers(db: Database, emailOf: (key: string) => string, now: Date) {
  return async (key: string): Promise<Participant> => {
    const [row] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, emailOf(key)));
    const viewer = row ? await loadViewer(db, row.id, now) : null;
    if (!viewer) throw new Error(`demo person ${key} is missing`);
    return requireParticipant(viewer);
  };
}
