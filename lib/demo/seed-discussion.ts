import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { addDays } from "@/lib/decisions/rules";
import { demoViewers } from "@/lib/demo/viewers";
import { insertThread, reply } from "@/lib/discussion/mutations";
import { clauses } from "@/lib/drafting/schema";

/**
 * The demo's question thread on ORG-1. Its id is fixed because the API's reference links to it
 * as a working example, and an example must work on every fresh demo.
 */
export const DEMO_THREAD_ID = "0b7e4d1a-3c2f-4e5a-9b6d-8f1e2a3c4d5e";

/** A discussion on a clause, opened and answered through the same mutations as real ones. */
export async function seedDemoDiscussion(
  db: Database,
  standardId: string,
  emailOf: (key: string) => string,
  now = new Date(),
): Promise<void> {
  const who = demoViewers(db, emailOf, now);
  const [clause] = await db
    .select({ id: clauses.id })
    .from(clauses)
    .where(
      and(eq(clauses.standardId, standardId), eq(clauses.refCode, "ORG"), eq(clauses.refNumber, 1)),
    );
  if (!clause) return;
  const mei = await who("mei");
  await db.transaction((tx) =>
    insertThread(
      tx,
      mei.id,
      { clauseId: clause.id, callId: null },
      {
        kind: "question",
        title: "Does a reseller count as the accountable entity?",
        quote: null,
        body: "When a product is sold under a reseller's brand, should the declaration name the reseller or the brand owner?",
      },
      addDays(now, -6),
      undefined,
      DEMO_THREAD_ID,
    ),
  );
  await reply(
    db,
    await who("kofi"),
    {
      threadId: DEMO_THREAD_ID,
      parentId: null,
      body: "The brand owner: the buyer sees the brand, and the brand owner decides the product's support.",
    },
    addDays(now, -5),
  );
  await reply(
    db,
    await who("lena"),
    {
      threadId: DEMO_THREAD_ID,
      parentId: null,
      body: "Agreed. The examples already say so for white-label plugs; the clause could say it outright.",
    },
    addDays(now, -4),
  );
}
