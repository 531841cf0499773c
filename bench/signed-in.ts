/**
 * Personal pages: signed-in people reading the demo's busiest call page and busiest draft clause
 * page, through Hum's production server. The front keeps these two pages once per audience of
 * members and adds each reader's own parts (README: "Members' call and clause pages"); every
 * other signed-in page is drawn by Next.js for its reader. Prints requests per second, p50 and
 * p99 per page; the budget is a p99 of 300 ms at 16 connections. Each page is read twice: by one
 * reader on every connection (the advisory group's chair, reloading), and by a different session
 * on every request (the demo's people in turn), as when a call announced on the list is opened
 * by many members once each. A first row reads the smallest personal page (the groups), which
 * costs what every page Next.js draws for a signed-in reader costs before its own content: the
 * floor. A last row per page reads it as a browser without scripts does (`?personal=1`): drawn
 * by Next.js for its reader, as every member's page was before the front kept them.
 *
 *   npm run build && npx tsx --import ./scripts/outside-next.mjs bench/signed-in.ts \
 *     [seconds=10] [connections=16]
 *
 * Runs in a temporary data folder of its own, on loopback; every run is bounded by its duration.
 * With BENCH_POSTGRES=postgres://… it runs on a database of its own on that PostgreSQL server.
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import autocannon from "autocannon";
import { and, eq, isNull, sql } from "drizzle-orm";
import { sessions, users } from "@/lib/auth/schema";
import { comments, threads } from "@/lib/discussion/schema";
import { formatRef } from "@/lib/drafting/rules";
import { clauses, standards } from "@/lib/drafting/schema";
import { benchDatabase, demoSessionCookie, serveDemo } from "./harness";

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 16);
const BUDGET_P99_MS = 300;
/** More than one run of a row could send at any speed seen here (ten times the budget's rate). */
const SESSIONS = 20_000;

const { base, db, closeDatabase, stop } = await serveDemo("signed-in", 3340);

/** Every request sends the next of `cookies`, round the list. */
async function measure(address: string, cookies: string[]) {
  let next = 0;
  const options = {
    url: `${base}${address}`,
    connections,
    requests: [
      {
        setupRequest: (request: autocannon.Request) => ({
          ...request,
          headers: { ...request.headers, cookie: cookies[next++ % cookies.length] ?? "" },
        }),
      },
    ],
  };
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
  const everyone = (await db.select({ id: users.id }).from(users)).map((row) => row.id);
  const people = everyone.slice(0, 8);
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
  // Sessions enough for every request of a run to come with one never seen before.
  const readers = Array.from({ length: SESSIONS }, () => randomBytes(32).toString("hex"));
  for (let start = 0; start < readers.length; start += 500) {
    await db.insert(sessions).values(
      readers.slice(start, start + 500).map((sessionToken, n) => ({
        sessionToken,
        userId: everyone[(start + n) % everyone.length] ?? "",
        // As Auth.js leaves a fresh session, so reading it writes nothing.
        expires: new Date(Date.now() + 30 * 24 * 60 * 60 * 1000),
      })),
    );
  }
  const readerCookies = readers.map((token) => `authjs.session-token=${token}`);
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
    // The page must be Rosa's own (her name comes with it) and kept for her audience.
    if (answer.status !== 200 || !text.includes("Rosa Lindqvist")) {
      throw new Error(`${page.address} answered ${answer.status} without Rosa's own parts`);
    }
    if (!text.includes('id="hum-personal"')) {
      throw new Error(`${page.address} was drawn for Rosa alone, not kept for her audience`);
    }
  }
  console.log(
    `on ${benchDatabase()}; ${connections} connections, ${seconds} s per row, ${os.cpus().length} cores shared with the load generator; budget p99 ≤ ${BUDGET_P99_MS} ms`,
  );
  console.log(
    "page".padEnd(48),
    "sessions".padStart(8),
    "req/s".padStart(8),
    "p50 ms".padStart(8),
    "p99 ms".padStart(8),
    "errors".padStart(8),
    "budget".padStart(8),
  );
  const print = (
    label: string,
    readerCount: number,
    result: Awaited<ReturnType<typeof measure>>,
    budget: boolean,
  ) =>
    console.log(
      label.padEnd(48),
      String(readerCount).padStart(8),
      result.rps.toFixed(0).padStart(8),
      String(result.p50).padStart(8),
      String(result.p99).padStart(8),
      String(result.errors).padStart(8),
      (budget
        ? result.p99 <= BUDGET_P99_MS && result.errors === 0
          ? "met"
          : "MISSED"
        : "–"
      ).padStart(8),
    );
  print("groups (the floor: smallest personal page)", 1, await measure("/groups", [cookie]), false);
  for (const page of pages) {
    print(page.label, 1, await measure(page.address, [cookie]), true);
    print(page.label, readerCookies.length, await measure(page.address, readerCookies), true);
  }
  for (const page of pages) {
    print(
      `${page.label.split(" (")[0]}, without scripts`,
      readerCookies.length,
      await measure(`${page.address}?personal=1`, readerCookies),
      false,
    );
  }
} finally {
  await stop();
}
