import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import { type DocumentTarget, targetOf } from "@/lib/collab/document-name";
import { displayName } from "@/lib/community/rules";
import type { Database } from "@/lib/db/client";
import { isReadOnly } from "@/lib/drafting/rules";
import { clauses, sections } from "@/lib/drafting/schema";

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

/** Whether a section exists and whether its text may still change; null for no such section. */
export async function sectionAccess(
  db: Database,
  sectionId: string,
): Promise<{ readOnly: boolean } | null> {
  const [row] = await db
    .select({ retiredAt: sections.retiredAt })
    .from(sections)
    .where(eq(sections.id, sectionId));
  return row ? { readOnly: isReadOnly(row) } : null;
}

/** The access to whatever a document holds. */
export function documentAccess(db: Database, target: DocumentTarget) {
  return target.kind === "clause" ? clauseAccess(db, target.id) : sectionAccess(db, target.id);
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
 * Which documents (clauses, sections) have become read-only while people had them open. A connection's read-only flag
 * is decided once, when it authenticates; retirement (or any later rule) must also stop the
 * connections already open. The web app says so at once through the internal path (`mark`);
 * otherwise (another collab server took that call, or it failed) the guard asks the database
 * again about every `recheckMs` (in the background, see isReadOnly), which keeps the cost to one
 * small query per open document. Documents are known by name (`clause:<id>`, `section:<id>`).
 */
export class ReadOnlyWatch {
  private readonly known = new Map<string, { readOnly: boolean; checkedAt: number }>();
  private readonly reading = new Map<string, Promise<boolean>>();

  constructor(
    private readonly db: Database,
    private readonly recheckMs: number,
  ) {}

  async isReadOnly(documentName: string, now = Date.now()): Promise<boolean> {
    const entry = this.known.get(documentName);
    if (entry?.readOnly) return true; // nothing makes a read-only clause writable again
    const age = entry ? now - entry.checkedAt : Number.POSITIVE_INFINITY;
    if (age < this.recheckMs) return false;
    // A known answer up to 5 × recheckMs old is used while a fresh one is read in the background,
    // so edits to a clause never wait for the database (a busy one may take a while to answer);
    // only an older answer, or none, is waited for.
    if (age < this.recheckMs * 5) {
      this.read(documentName, now).catch(() => {});
      return false;
    }
    return this.read(documentName, now);
  }

  /** One query per clause at a time; concurrent callers share it. */
  private read(documentName: string, now: number): Promise<boolean> {
    const pending = this.reading.get(documentName);
    if (pending) return pending;
    const reading = documentAccess(this.db, targetOf(documentName))
      .then((access) => {
        const readOnly = access?.readOnly ?? true;
        if (!this.known.get(documentName)?.readOnly)
          this.known.set(documentName, { readOnly, checkedAt: now });
        return readOnly;
      })
      .finally(() => this.reading.delete(documentName));
    this.reading.set(documentName, reading);
    return reading;
  }

  /** Reads the clause's state now, skipping the cache; true when it is read-only. */
  async refresh(documentName: string): Promise<boolean> {
    this.known.delete(documentName);
    this.reading.delete(documentName); // a query already under way may predate the change
    return this.read(documentName, Date.now());
  }

  forget(documentName: string): void {
    this.known.delete(documentName);
  }
}
