import "server-only";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import { sessions, users } from "@/lib/auth/schema";
import type { Database } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

export const SESSION_COOKIE = "authjs.session-token";
const DEMO_SESSION_MS = 24 * 60 * 60 * 1000;

/**
 * Opens a session for a demo account without email, for trying Hum locally. Only demo accounts
 * (seeded with an @demo.hum.invalid address) qualify, and the calling action exists only in
 * development builds.
 */
export async function openDemoSession(
  db: Database,
  userId: string,
): Promise<{ token: string; expires: Date }> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId));
    if (!user?.email?.endsWith("@demo.hum.invalid")) throw new DomainError("forbidden");
    const token = randomBytes(32).toString("hex");
    const expires = new Date(Date.now() + DEMO_SESSION_MS);
    await tx.insert(sessions).values({ sessionToken: token, userId, expires });
    await recordAudit(tx, {
      actorId: userId,
      action: "auth.signed_in",
      subjectType: "user",
      subjectId: userId,
      details: { method: "demo" },
    });
    return { token, expires };
  });
}
