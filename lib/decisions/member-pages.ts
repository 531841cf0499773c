import { and, eq, sql } from "drizzle-orm";
import { caretColor } from "@/lib/collab/identity";
import { audienceKey, audienceOf, sealAudience } from "@/lib/community/audience";
import { loadSessionViewer, type Viewer } from "@/lib/community/viewer";
import type { Executor } from "@/lib/db/client";
import { qualified as q } from "@/lib/db/qualified";
import { type CallMine, callMineColumns, callMineOf } from "@/lib/decisions/call-page";
import { calls } from "@/lib/decisions/schema";
import { type ThreadsMine, threadsMineColumns } from "@/lib/discussion/queries";
import { threads } from "@/lib/discussion/schema";
import { parseRef } from "@/lib/drafting/rules";
import { clauses, standards } from "@/lib/drafting/schema";
import type { MemberReading } from "@/lib/http/front-members";
import type { MemberPage } from "@/lib/http/front-pages";
import { watches } from "@/lib/notifications/schema";

/**
 * The parts of a member's page that are theirs alone. A page the front keeps for an audience
 * (lib/community/audience.ts) is drawn without them; the front reads them for each reader and
 * sends them with the page, where the forms that need them take them (components/personal).
 */
export type Personal = {
  name: string;
  /** Their caret's colour in the clause editor. */
  color: string;
  /** On a call page: their position, and what they may do on the call. */
  call: CallMine | null;
  /** On a clause page: what they watch there (`clause:<id>`). */
  watching: string[];
  threads: ThreadsMine;
};

/**
 * A reader's own parts of `page` in one query: the front asks this for every member's page it
 * serves. Null when the page shows nothing (an unknown call), or when it would show them words
 * of theirs that moderators hid from everyone else: that page is drawn for them alone.
 */
export async function personalOn(
  db: Executor,
  viewer: Viewer,
  page: MemberPage,
): Promise<Personal | null> {
  const base = { name: viewer.name, color: caretColor(viewer.id) };
  if (page.kind === "call") {
    const [row] = await db
      .select({
        ...callMineColumns(viewer.id),
        ...threadsMineColumns(sql`${q(threads.callId)} = ${q(calls.id)}`, viewer.id),
      })
      .from(calls)
      .innerJoin(standards, eq(standards.id, calls.standardId))
      .where(and(eq(standards.slug, page.slug), eq(calls.number, page.number)));
    if (!row || row.hiddenFromOthers || row.reasonWithdrawn) return null;
    const { settle, sources } = row;
    return { ...base, call: callMineOf(row, viewer), watching: [], threads: { settle, sources } };
  }
  const ref = parseRef(page.ref);
  if (!ref) return null;
  const [row] = await db
    .select({
      id: clauses.id,
      watched: sql<boolean>`exists (select 1 from ${watches} where ${q(watches.userId)} = ${viewer.id} and ${q(watches.target)} = 'clause' and ${q(watches.targetId)} = ${q(clauses.id)})`,
      ...threadsMineColumns(sql`${q(threads.clauseId)} = ${q(clauses.id)}`, viewer.id),
    })
    .from(clauses)
    .innerJoin(standards, eq(standards.id, clauses.standardId))
    .where(
      and(
        eq(standards.slug, page.slug),
        eq(clauses.refCode, ref.code),
        eq(clauses.refNumber, ref.number),
      ),
    );
  if (!row || row.hiddenFromOthers) return null;
  const { settle, sources } = row;
  return {
    ...base,
    call: null,
    watching: row.watched ? [`clause:${row.id}`] : [],
    threads: { settle, sources },
  };
}

/** How the front reads members' sessions and own parts (lib/http/front-members.ts). */
export function memberReading(db: Executor, secret: string): MemberReading {
  return {
    reader: async (token) => {
      const viewer = await loadSessionViewer(db, token);
      if (!viewer) return null;
      const audience = audienceOf(viewer);
      return {
        audience: audienceKey(audience),
        sealed: sealAudience(audience, secret),
        language: viewer.language,
        own: (page) => personalOn(db, viewer, page),
      };
    },
  };
}
