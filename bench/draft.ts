/**
 * The working draft page with a large standard: the database reads and the rendering of the
 * clause list, for the whole draft at once (as the page was) and for one module (as it is).
 *
 *   npx tsx --import ./scripts/outside-next.mjs bench/draft.ts [clauses=1500] [runs=10]
 *
 * Seeds a standard of that many clauses over five modules (tests/large-draft.ts) in an
 * in-process PGlite, then times each way `runs` times after one warm-up and prints the median
 * and the slowest run. Rendering is React's server renderer over the same component the page
 * uses for each clause's text.
 */
import { performance } from "node:perf_hooks";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { RichText } from "@/components/rich-text";
import type { Database } from "@/lib/db/client";
import { getDraftPage } from "@/lib/drafting/draft-page";
import { type DraftClause, listDraftClauses } from "@/lib/drafting/queries";
import { createTestDatabase } from "@/tests/database";
import { seedLargeDraft } from "@/tests/large-draft";

const clauseCount = Number(process.argv[2] ?? 1500);
const runs = Number(process.argv[3] ?? 10);

function render(clauses: DraftClause[]): number {
  const list = createElement(
    "ol",
    null,
    clauses.map((clause) =>
      createElement(
        "li",
        { key: clause.id },
        createElement("h3", null, `${clause.ref} ${clause.title}`),
        createElement(RichText, { value: clause.body, empty: "" }),
      ),
    ),
  );
  return renderToString(list).length;
}

async function time(label: string, work: () => Promise<{ clauses: number; bytes: number }>) {
  await work();
  const samples: number[] = [];
  let last = { clauses: 0, bytes: 0 };
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    last = await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)] ?? 0;
  const slowest = samples.at(-1) ?? 0;
  console.log(
    `${label.padEnd(22)} ${String(last.clauses).padStart(5)} clauses  ${(last.bytes / 1024).toFixed(0).padStart(5)} KB HTML  median ${median.toFixed(1)} ms  slowest ${slowest.toFixed(1)} ms`,
  );
}

async function main() {
  const test = await createTestDatabase();
  const db: Database = test.db;
  const { standardId } = await seedLargeDraft(db, "bench-draft", clauseCount);
  console.log(`draft page, ${clauseCount} clauses in 5 modules, ${runs} runs each (PGlite)`);
  await time("whole draft (before)", async () => {
    const clauses = await listDraftClauses(db, standardId);
    return { clauses: clauses.length, bytes: render(clauses) };
  });
  await time("one module (now)", async () => {
    const view = await getDraftPage(db, "bench-draft", {});
    return { clauses: view?.clauses.length ?? 0, bytes: render(view?.clauses ?? []) };
  });
  await time("one module, Gold", async () => {
    const view = await getDraftPage(db, "bench-draft", { module: "SW", level: "Gold" });
    return { clauses: view?.clauses.length ?? 0, bytes: render(view?.clauses ?? []) };
  });
  await test.close();
}

await main();
