/**
 * Personal pages: a signed-in member of the advisory group reading the demo's busiest call page
 * and busiest draft clause page, through Hum's production server (the front hands every request
 * with a session to Next.js). Prints requests per second, p50 and p99 per page; the budget is a
 * p99 of 300 ms at 16 connections.
 *
 *   npm run build && npx tsx --import ./scripts/outside-next.mjs bench/signed-in.ts \
 *     [seconds=10] [connections=16]
 *
 * Runs in a temporary data folder of its own, on loopback; every run is bounded by its duration.
 * With BENCH_POSTGRES=postgres://… it runs on a database of its own on that PostgreSQL server.
 */
import os from "node:os";
import autocannon from "autocannon";
import { and, eq, isNull, sql } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import { comments, threads } from "@/lib/discussion/schema";
import { formatRef } from "@/lib/drafting/rules";
import { clauses, standards } from "@/lib/drafting/schema";
import { benchDatabase, demoSessionCookie, serveDemo } from "./harness";

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 16);
const BUDGET_P99_MS = 300;

const { base, db, closeDatabase, stop } = await serveDemo("signed-in", 3340);

async function measure(address: string, cookie: string) {
  const options = { url: `${base}${address}`, connections, headers: { cookie } };
  await autocannon({ ...options, duration: 2 }); // warm-up
  const result = await autocannon({ ...options, duration: seconds });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

try {
  // Rosa chairs the advisory group: she sees the moderation controls and may vote.
  const cookie = await demoSessionCookie(db, "rosa");
  // The demo's busiest call: its positions, votes and threads.
  const busiestCall = await db.execute<{ number: number; weight: number }>(sql`
    select c.number,
      (select count(*) from position p where p.call_id = c.id)
      + (select count(*) from vote v where v.call_id = c.id)
      + (select count(*) from thread t where t.call_id = c.id) as weight
    from call c join standard s on s.id = c.standard_id
    where s.slug = 'iotmark' order by weight desc, c.number limit 1`);
  // The demo's clauses have no discussion yet: one gets ten threads of four comments each, as a
  // clause under review would.
  const [clause] = await db
    .select({ id: clauses.id, refCode: clauses.refCode, refNumber: clauses.refNumber })
    .from(clauses)
    .innerJoin(standards, eq(standards.id, clauses.standardId))
    .where(and(eq(standards.slug, "iotmark"), isNull(clauses.retiredAt)))
    .orderBy(clauses.refCode, clauses.refNumber)
    .limit(1);
  const people = (await db.select({ id: users.id }).from(users).limit(8)).map((row) => row.id);
  if (!clause || people.length < 2) throw new Error("the demo has no clause or no people");
  const someone = (n: number) => people[n % people.length] ?? "";
  for (let n = 0; n < 10; n++) {
    const author = someone(n);
    const [thread] = await db
      .insert(threads)
      .values({ clauseId: clause.id, kind: "comment", title: `Question ${n}`, createdBy: author })
      .returning({ id: threads.id });
    await db.insert(comments).values(
      Array.from({ length: 4 }, (_, k) => ({
        threadId: thread?.id ?? "",
        authorId: someone(n + k),
        body: `Point ${k} on question ${n}: the wording could say **how long** updates last.`,
        bodyHtml: `<p>Point ${k} on question ${n}: the wording could say <strong>how long</strong> updates last.</p>`,
      })),
    );
  }
  await closeDatabase();
  const call = busiestCall.rows[0];
  if (!call) throw new Error("the demo has no call");
  const ref = formatRef(clause.refCode, clause.refNumber);
  const pages = [
    {
      label: `call ${call.number} (${call.weight} positions, votes, threads)`,
      address: `/standards/iotmark/calls/${call.number}`,
    },
    {
      label: `clause ${ref} (10 threads, 40 comments)`,
      address: `/standards/iotmark/draft/${ref}`,
    },
  ];
  for (const page of pages) {
    const answer = await fetch(`${base}${page.address}`, { headers: { cookie } });
    const text = await answer.text();
    // The page must be Rosa's own: her name in the header, not the sign-in link.
    if (answer.status !== 200 || !text.includes("Rosa Lindqvist")) {
      throw new Error(`${page.address} answered ${answer.status} without Rosa's own header`);
    }
  }
  console.log(
    `on ${benchDatabase()}, signed in as the advisory group's chair; ${connections} connections, ${seconds} s per page, ${os.cpus().length} cores shared with the load generator; budget p99 ≤ ${BUDGET_P99_MS} ms`,
  );
  console.log(
    "page".padEnd(48),
    "req/s".padStart(8),
    "p50 ms".padStart(8),
    "p99 ms".padStart(8),
    "errors".padStart(8),
    "budget".padStart(8),
  );
  for (const page of pages) {
    const result = await measure(page.address, cookie);
    console.log(
      page.label.padEnd(48),
      result.rps.toFixed(0).padStart(8),
      String(result.p50).padStart(8),
      String(result.p99).padStart(8),
      String(result.errors).padStart(8),
      (result.p99 <= BUDGET_P99_MS && result.errors === 0 ? "met" : "MISSED").padStart(8),
    );
  }
} finally {
  await stop();
}
