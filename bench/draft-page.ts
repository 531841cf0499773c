/**
 * The working draft of a large standard through Hum's production server: the first anonymous
 * request (rendered by Next.js, then kept by the front) and signed-in requests (rendered every
 * time), each timed from the request to the last byte on loopback. The budget is 500 ms.
 *
 *   npm run build && npx tsx --import ./scripts/outside-next.mjs bench/draft-page.ts \
 *     [clauses=1000] [runs=10]
 *
 * Seeds the demo and a standard of that many clauses (tests/large-draft.ts) in a temporary data
 * folder of its own; loopback only; every run is bounded by its number of requests.
 */
import { performance } from "node:perf_hooks";
import { seedLargeDraft } from "@/tests/large-draft";
import { demoSessionCookie, serveDemo } from "./harness";

const clauseCount = Number(process.argv[2] ?? 1000);
const runs = Number(process.argv[3] ?? 10);
const BUDGET_MS = 500;

const { base, db, closeDatabase, stop } = await serveDemo("draft-page", 3344);

/** Milliseconds from the request to the last byte, and the page's size. */
async function timedGet(address: string, cookie?: string) {
  const start = performance.now();
  const answer = await fetch(`${base}${address}`, { headers: cookie ? { cookie } : {} });
  const text = await answer.text();
  const ms = performance.now() - start;
  if (answer.status !== 200) throw new Error(`${address} answered ${answer.status}`);
  return { ms, bytes: text.length, text };
}

const verdict = (ms: number) => (ms <= BUDGET_MS ? "met" : "MISSED");

try {
  await seedLargeDraft(db, "large", clauseCount);
  const cookie = await demoSessionCookie(db, "rosa");
  await closeDatabase();
  // Next.js compiles nothing at run time, but its first render of any page loads code: a small
  // page first, so that the figures below are the draft's own.
  await timedGet("/standards/iotmark/draft", cookie);

  console.log(`working draft of ${clauseCount} clauses in 5 modules; budget ${BUDGET_MS} ms`);
  const first = await timedGet("/standards/large/draft");
  const shown = (first.text.match(/<li class="rounded-lg border/g) ?? []).length;
  console.log(
    `first anonymous request (rendered by Next.js): ${first.ms.toFixed(0)} ms, ${(first.bytes / 1024).toFixed(0)} KB, ${shown} clauses shown  ${verdict(first.ms)}`,
  );
  for (const [label, address] of [
    ["signed in, first module", "/standards/large/draft"],
    ["signed in, one module, Gold", "/standards/large/draft?module=SW&level=Gold"],
  ] as const) {
    const samples: number[] = [];
    let bytes = 0;
    for (let n = 0; n < runs; n++) {
      const result = await timedGet(address, cookie);
      samples.push(result.ms);
      bytes = result.bytes;
    }
    samples.sort((a, b) => a - b);
    const median = samples[Math.floor(samples.length / 2)] ?? 0;
    const slowest = samples.at(-1) ?? 0;
    console.log(
      `${label.padEnd(30)} ${(bytes / 1024).toFixed(0).padStart(5)} KB  median ${median.toFixed(0)} ms  slowest ${slowest.toFixed(0)} ms of ${runs}  ${verdict(slowest)}`,
    );
  }
} finally {
  await stop();
}
