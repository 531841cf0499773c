import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import { displayName } from "@/lib/community/rules";
import type { Database } from "@/lib/db/client";
import { isReadOnly } from "@/lib/drafting/rules";
import { clauses } from "@/lib/drafting/schema";

/** Whether a clause exists and whether its text may still change; null for no such clause. */
export async function clauseAccess(
  db: Database,
  clauseId: string,
): Promise<{ readOnly: boolean } | null> {
  const [row] = await db
    .select({ retiredAt: clauses.retiredAt })
    .from(clauses)
    .where(eq(clauses.id, clauseId));
  return row ? { readOnly: isReadOnly(row) } : null;
}

/** The name others see beside this person's caret: from the database, never from the client. */
export async function collabName(db: Database, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.id, userId));
  return row ? displayName(row) : null;
}

/**
 * Which clauses have become read-only while people had them open. A connection's read-only flag
 * is decided once, when it authenticates; retirement (or any later rule) must also stop the
 * connections already open. The web app says so at once through the internal path (`mark`);
 * otherwise (another collab server took that call, or it failed) the guard asks the database
 * again about every `recheckMs` (in the background, see isReadOnly), which keeps the cost to one
 * small query per open clause.
 */
export class ReadOnlyWatch {
  private readonly known = new Map<string, { readOnly: boolean; checkedAt: number }>();
  private readonly reading = new Map<string, Promise<boolean>>();

  constructor(
    private readonly db: Database,
    private readonly recheckMs: number,
  ) {}

  async isReadOnly(clauseId: string, now = Date.now()): Promise<boolean> {
    const entry = this.known.get(clauseId);
    if (entry?.readOnly) return true; // nothing makes a read-only clause writable again
    const age = entry ? now - entry.checkedAt : Number.POSITIVE_INFINITY;
    if (age < this.recheckMs) return false;
    // A known answer up to 5 × recheckMs old is used while a fresh one is read in the background,
    // so edits to a clause never wait for the database (a busy one may take a while to answer);
    // only an older answer, or none, is waited for.
    if (age < this.recheckMs * 5) {
      this.read(clauseId, now).catch(() => {});
      return false;
    }
    return this.read(clauseId, now);
  }

  /** One query per clause at a time; concurrent callers share it. */
  private read(clauseId: string, now: number): Promise<boolean> {
    const pending = this.reading.get(clauseId);
    if (pending) return pending;
    const reading = clauseAccess(this.db, clauseId)
      .then((access) => {
        const readOnly = access?.readOnly ?? true;
        if (!this.known.get(clauseId)?.readOnly)
          this.known.set(clauseId, { readOnly, checkedAt: now });
        return readOnly;
      })
      .finally(() => this.reading.delete(clauseId));
    this.reading.set(clauseId, reading);
    return reading;
  }

  /** Reads the clause's state now, skipping the cache; true when it is read-only. */
  async refresh(clauseId: string): Promise<boolean> {
    this.known.delete(clauseId);
    this.reading.delete(clauseId); // a query already under way may predate the change
    return this.read(clauseId, Date.now());
  }

  forget(clauseId: string): void {
    this.known.delete(clauseId);
  }
}
