import "server-only";
import { and, count, eq, gt, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import { judgeSignInLimits, mailboxKey, RATE_WINDOW_MS, type SignInEmail } from "@/lib/auth/rules";
import { signInRequests } from "@/lib/auth/schema";
import type { Database } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

/**
 * Counts this address's and this IP's magic links in the last hour and, when under the limits,
 * records one more. Locks on both keys so concurrent requests cannot slip past a limit. The
 * address is counted as its mailbox (without +tags), which is all the table keeps of it.
 * A refusal is written to the audit log without the address.
 */
export async function reserveMagicLink(
  db: Database,
  request: { email: SignInEmail; ip: string; now?: Date },
): Promise<void> {
  const now = request.now ?? new Date();
  const since = new Date(now.getTime() - RATE_WINDOW_MS);
  const mailbox = mailboxKey(request.email);
  const verdict = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`email:${mailbox}`}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`ip:${request.ip}`}))`);
    const [forAddress] = await tx
      .select({ n: count() })
      .from(signInRequests)
      .where(and(eq(signInRequests.email, mailbox), gt(signInRequests.createdAt, since)));
    const [forIp] = await tx
      .select({ n: count() })
      .from(signInRequests)
      .where(and(eq(signInRequests.ip, request.ip), gt(signInRequests.createdAt, since)));
    const result = judgeSignInLimits({ forAddress: forAddress?.n ?? 0, forIp: forIp?.n ?? 0 });
    if (result === "ok") {
      await tx.insert(signInRequests).values({ email: mailbox, ip: request.ip, createdAt: now });
    } else {
      await recordAudit(tx, {
        actorId: null,
        action: "auth.sign_in_refused",
        subjectType: "sign_in",
        subjectId: "magic_link",
        details: { reason: result },
        at: now,
      });
    }
    return result;
  });
  if (verdict !== "ok") throw new DomainError(verdict);
}
