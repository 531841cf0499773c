/**
 * A last call over many changed clauses: opening it, its page's server time, and closing it at
 * the deadline with a few clauses objected to.
 *
 *   npx tsx --import ./scripts/outside-next.mjs bench/lastcall.ts [clauses=1000] [changed=500]
 *
 * Seeds a standard of that many clauses (tests/large-draft.ts) in an in-process PGlite, adopts
 * every clause's text as revision 1, changes the working text of `changed` of them, then opens
 * a last call on "every clause changed since the last release", reads its page (after one
 * warm-up, the median of five), has six people take positions (two of them objecting, each
 * naming a few clauses) and closes it at the deadline. Budgets: opening ≤ 2 s, the page ≤ 300 ms,
 * closing ≤ 5 s.
 */
import { performance } from "node:perf_hooks";
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { getCallPage } from "@/lib/decisions/call-page";
import { closeDue } from "@/lib/decisions/close-due";
import { openLastCall } from "@/lib/decisions/last-call";
import { takePosition } from "@/lib/decisions/positions";
import { addDays } from "@/lib/decisions/rules";
import { callItems, calls } from "@/lib/decisions/schema";
import type { RichText } from "@/lib/drafting/rich-text";
import { clauseRevisions, clauses, clauseTexts } from "@/lib/drafting/schema";
import { createTestDatabase } from "@/tests/database";
import { seedLargeDraft } from "@/tests/large-draft";
import { createPerson } from "@/tests/people";

const clauseCount = Number(process.argv[2] ?? 1000);
const changedCount = Number(process.argv[3] ?? 500);
const budgets = { open: 2000, page: 300, close: 5000 };

const paragraph = (text: string): RichText => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});

/** Every live clause adopted as it stands, then `changed` of them edited since. */
async function adoptAllThenChange(db: Database, standardId: string, changed: number) {
  const rows = await db
    .select({ clause: clauses, text: clauseTexts })
    .from(clauses)
    .innerJoin(clauseTexts, eq(clauseTexts.clauseId, clauses.id))
    .where(and(eq(clauses.standardId, standardId), isNull(clauses.retiredAt)));
  for (let start = 0; start < rows.length; start += 250) {
    const batch = rows.slice(start, start + 250);
    const revisions = await db
      .insert(clauseRevisions)
      .values(
        batch.map(({ clause, text }) => ({
          clauseId: clause.id,
          number: 1,
          kind: "saved" as const,
          title: clause.title,
          strength: clause.strength,
          levelId: clause.levelId,
          body: text.body,
          assessment: text.assessment,
          examples: text.examples,
          plainText: text.plainText,
          authorIds: [],
        })),
      )
      .returning({ id: clauseRevisions.id, clauseId: clauseRevisions.clauseId });
    for (const revision of revisions) {
      await db
        .update(clauses)
        .set({ adoptedRevisionId: revision.id })
        .where(eq(clauses.id, revision.clauseId));
    }
  }
  for (const { clause } of rows.slice(0, changed)) {
    await db
      .update(clauseTexts)
      .set({ body: paragraph(`${clause.title}: the vendor MUST publish a support period.`) })
      .where(eq(clauseTexts.clauseId, clause.id));
  }
  return rows.length;
}

function report(label: string, ms: number, budget: number) {
  const verdict = ms <= budget ? "within" : "OVER";
  console.log(
    `${label.padEnd(30)} ${ms.toFixed(0).padStart(6)} ms  (budget ${budget} ms: ${verdict})`,
  );
}

async function main() {
  const test = await createTestDatabase();
  const db: Database = test.db;
  const { standardId } = await seedLargeDraft(db, "bench-lastcall", clauseCount);
  const live = await adoptAllThenChange(db, standardId, changedCount);
  const people = [];
  for (let i = 0; i < 6; i++) people.push(await createPerson(db, { name: `Bench ${i + 1}` }));
  const [proposer] = people;
  if (!proposer) throw new Error("no one to propose");
  console.log(`last call, ${clauseCount} clauses (${live} live), ${changedCount} changed (PGlite)`);
  const t0 = new Date();

  let start = performance.now();
  const call = await openLastCall(
    db,
    proposer,
    standardId,
    { title: "Last call", description: "", organisations: "", scope: { kind: "changed" } },
    t0,
  );
  report("open the last call", performance.now() - start, budgets.open);
  const items = await db.select().from(callItems).where(eq(callItems.callId, call.id));
  console.log(`  ${items.length} changes in call ${call.number}`);

  // Half of the six object, each naming a few clauses; the others support.
  for (const [index, person] of people.entries()) {
    const objecting = index % 2 === 1;
    const named = items.slice(index * 3, index * 3 + 3).map((item) => item.id);
    await takePosition(
      db,
      person,
      call.id,
      objecting
        ? { stance: "object", reason: "These go too far.", itemIds: named }
        : { stance: "support", reason: "" },
      addDays(t0, 1),
    );
  }

  await getCallPage(db, "bench-lastcall", call.number, null);
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    start = performance.now();
    await getCallPage(db, "bench-lastcall", call.number, null);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  report("the call page (median of 5)", samples[2] ?? 0, budgets.page);

  start = performance.now();
  const moved = await closeDue(db, addDays(t0, 14));
  report("close it at the deadline", performance.now() - start, budgets.close);
  const after = await db.select().from(callItems).where(eq(callItems.callId, call.id));
  const children = await db.select().from(calls).where(eq(calls.parentCallId, call.id));
  const count = (outcome: string) => after.filter((item) => item.outcome === outcome).length;
  console.log(
    `  ${moved.moved} calls moved: ${count("adopted")} adopted, ${count("escalated")} held, ${children.length} calls for the advisory group`,
  );
  await test.close();
}

await main();
