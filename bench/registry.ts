/**
 * The registry budget: the demo community with 10,000 published declarations of its latest
 * release (about 40 required clauses each), served by Hum's production server (`npm start`,
 * whose front keeps anonymous registry reads until the registry changes). Prints p50/p99 and
 * requests per second of a filtered list, a search, a declaration page, and the badge against
 * nginx serving the very same SVG bytes, in the same run.
 *
 *   npm run build && npx tsx --import ./scripts/outside-next.mjs bench/registry.ts \
 *     [seconds=10] [connections=64]
 *
 * Installs nginx from Debian when it is missing (needs root). Loopback only; every run is
 * bounded by its duration.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { desc, eq, sql } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import { createDatabase, type Database } from "@/lib/db/client";
import { standards } from "@/lib/drafting/schema";
import { searchRegistry } from "@/lib/registry/queries";
import { publicDeclaration } from "@/lib/registry/queries-declaration";
import {
  type Answer,
  type Claim,
  declarationDigest,
  publishedBody,
  requiredClauses,
} from "@/lib/registry/rules";
import { declarations, declarationVersions, organisations } from "@/lib/registry/schema";
import { releases } from "@/lib/releases/schema";
import { benchWorkspace, nginxBinary, startNginx, waitFor } from "./harness";

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 64);
const port = 3800;
const nginxPort = 3802;
const base = `http://127.0.0.1:${port}`;
const DECLARATIONS = 10_000;
const ORGANISATIONS = 400;
const BATCH = 250;

const { workDir, env, launcher: tsx } = benchWorkspace("registry", port);
const children: ChildProcess[] = [];

const words = ["Lumen", "Harbor", "Quill", "Vesper", "Orchid", "Tundra", "Cobalt", "Juniper"];
const things = ["Camera", "Doorbell", "Thermostat", "Speaker", "Lock", "Plug", "Monitor", "Hub"];
const countries = ["FR", "DE", "NL", "GB", "ES", "IT", "SE", "PL", "IE", "BE"];

/** 10,000 published declarations by bulk INSERTs, as the registry's mutations would leave them. */
async function seedDeclarations(db: Database): Promise<{ required: number; name: string }> {
  const [release] = await db
    .select({ id: releases.id, standardId: releases.standardId, content: releases.content })
    .from(releases)
    .innerJoin(standards, eq(standards.id, releases.standardId))
    .where(eq(standards.slug, "iotmark"))
    .orderBy(desc(releases.publishedAt))
    .limit(1);
  const [person] = await db.select({ id: users.id }).from(users).limit(1);
  if (!release || !person) throw new Error("the demo has no release or no people");
  const [digestRow] = await db
    .select({ digest: releases.digest, version: releases.version })
    .from(releases)
    .where(eq(releases.id, release.id));
  const { content } = release;
  const top = content.levels.at(-1)?.name ?? "";
  const second = content.levels.at(-2)?.name ?? top;
  const orgRows = await db
    .insert(organisations)
    .values(
      Array.from({ length: ORGANISATIONS }, (_, n) => ({
        slug: `bench-org-${n}`,
        name: `${words[n % words.length]} ${things[Math.floor(n / words.length) % things.length]} Works ${n}`,
        country: countries[n % countries.length] ?? "FR",
        website: `https://org${n}.example`,
        contact: `https://org${n}.example/contact`,
        verificationToken: `bench-${n}`,
        verifiedDomain: n % 3 === 0 ? `org${n}.example` : null,
        createdBy: person.id,
      })),
    )
    .returning({ id: organisations.id });
  let required = 0;
  const now = Date.now();
  for (let start = 0; start < DECLARATIONS; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, DECLARATIONS - start) }, (_, k) => {
      const n = start + k;
      // Every module at the top level except one, in turn, a level lower.
      const claims: Claim[] = content.modules.map((module, index) => ({
        module: module.code,
        level: index === n % content.modules.length ? second : top,
      }));
      const answers: Answer[] = requiredClauses(content, claims).map((clause) => ({
        ref: clause.ref,
        answer: clause.strength === "MUST" || n % 2 === 0 ? "met" : "not_applicable",
        justification: `Product ${n} meets ${clause.ref}: see the linked documentation, kept up to date.`,
        evidence: [`https://org${n % ORGANISATIONS}.example/docs/${clause.ref.toLowerCase()}`],
      }));
      const body = publishedBody(content, {
        standard: "iotmark",
        release: { version: digestRow?.version ?? "", digest: digestRow?.digest ?? "" },
        product: {
          name: `${words[n % words.length]} ${things[(n >> 3) % things.length]} ${n}`,
          model: `M-${n}`,
          url: `https://org${n % ORGANISATIONS}.example/p/${n}`,
          category: things[(n >> 3) % things.length] ?? "",
        },
        claims,
        answers,
      });
      required += body.answers.length;
      const at = new Date(now - (DECLARATIONS - n) * 60_000);
      return { n, body, at };
    });
    const heads = await db
      .insert(declarations)
      .values(
        batch.map(({ n, body, at }) => ({
          organisationId: orgRows[n % ORGANISATIONS]?.id ?? "",
          standardId: release.standardId,
          state: n % 20 === 0 ? ("lapsed" as const) : ("listed" as const),
          stateChangedAt: at,
          working: body,
          releaseId: release.id,
          productName: body.product.name,
          claims: body.claims,
          latestVersion: 1,
          listedAt: at,
          expiresAt: new Date(at.getTime() + 365 * 86_400_000),
          createdBy: person.id,
          createdAt: at,
          updatedAt: at,
        })),
      )
      .returning({ id: declarations.id });
    await db.insert(declarationVersions).values(
      batch.map(({ body, at }, index) => ({
        declarationId: heads[index]?.id ?? "",
        version: 1,
        releaseId: release.id,
        body,
        digest: declarationDigest(body),
        kind: "published",
        publishedBy: person.id,
        publishedAt: at,
      })),
    );
  }
  return { required: required / DECLARATIONS, name: `${words[2]} ${things[1]}` };
}

async function measure(url: string) {
  await autocannon({ url, connections, duration: 2 }); // warm-up
  const result = await autocannon({ url, connections, duration: seconds });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

/** Milliseconds of one query, median of a few runs: the database's share of a page. */
async function timed(run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let n = 0; n < 7; n++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[3] ?? 0;
}

const row = (name: string, result: Awaited<ReturnType<typeof measure>>) =>
  console.log(
    name.padEnd(44),
    result.rps.toFixed(0).padStart(8),
    String(result.p50).padStart(8),
    String(result.p99).padStart(8),
    String(result.errors).padStart(8),
  );

try {
  const nginx = nginxBinary();
  spawnSync(process.execPath, [...tsx, "seed"], { env, stdio: "inherit" });
  const server = spawn(process.execPath, [...tsx, "start"], { env, stdio: "ignore" });
  children.push(server);
  await waitFor(`${base}/`);
  const url = fs.readFileSync(path.join(env.HUM_DATA_DIR, "database-url"), "utf8");
  const { db, pool } = createDatabase(url, { max: 2 });
  const started = performance.now();
  const seeded = await seedDeclarations(db);
  console.log(
    `seeded ${DECLARATIONS} declarations (${seeded.required.toFixed(1)} required clauses each on average) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const [sample] = await db
    .select({ number: declarations.number })
    .from(declarations)
    .where(eq(declarations.state, "listed"))
    .orderBy(desc(declarations.number))
    .limit(1);
  const number = sample?.number ?? 1;
  const filtered = "/registry?level=Silver&module=SW";
  const searched = `/registry?q=${encodeURIComponent(seeded.name)}`;
  const page = `/registry/${number}`;
  const badge = `/registry/${number}/badge.svg`;
  console.log("database time per query, median of 7 (ms):");
  console.log(
    `  filtered list ${(await timed(() => searchRegistry(db, { level: "Silver", module: "SW" }))).toFixed(1)}, search ${(await timed(() => searchRegistry(db, { q: seeded.name }))).toFixed(1)}, all states page 200 ${(await timed(() => searchRegistry(db, { state: "all" }, 200))).toFixed(1)}, declaration ${(await timed(() => publicDeclaration(db, number))).toFixed(1)}`,
  );
  // The plans of the list's two queries, as lib/registry/queries.ts builds them: a page filtered
  // by level and module, and the count of a search.
  for (const query of [
    `select number from declaration where latest_version > 0 and state = 'listed' and claims @> '[{"module":"SW","level":"Silver"}]' order by listed_at desc nulls last, number desc limit 25`,
    `select count(*) from declaration where latest_version > 0 and state = 'listed' and (product_name ilike '%quill doorbell%' or organisation_id in (select id from organisation where name ilike '%quill doorbell%'))`,
  ]) {
    const plan = await db.execute(sql.raw(`explain analyze ${query}`));
    console.log(plan.rows.map((line) => `  ${Object.values(line)[0]}`).join("\n"));
  }
  for (const address of [filtered, searched, page, badge]) {
    const answer = await fetch(`${base}${address}`);
    const text = await answer.text();
    const total = text.match(/(\d[\d,]*) declarations/)?.[1];
    console.log(
      `${address}: ${answer.status}, ${(text.length / 1024).toFixed(0)} KiB${total ? `, ${total} declarations` : ""}`,
    );
    if (answer.status !== 200) throw new Error(`${address} answered ${answer.status}`);
  }
  const bytes = Buffer.from(await (await fetch(`${base}${badge}`)).arrayBuffer());
  children.push(
    startNginx({
      binary: nginx,
      workDir,
      port: nginxPort,
      file: badge,
      bytes,
      type: "image/svg+xml; charset=utf-8",
      cacheControl: "public, max-age=60",
    }),
  );
  await waitFor(`http://127.0.0.1:${nginxPort}${badge}`);
  const same = Buffer.from(
    await (await fetch(`http://127.0.0.1:${nginxPort}${badge}`)).arrayBuffer(),
  ).equals(bytes);
  console.log(
    `${connections} connections, ${seconds} s each, ${os.cpus().length} cores shared with the load generator; badge ${bytes.length} bytes, same bytes in nginx: ${same}`,
  );
  console.log(
    "address".padEnd(44),
    "req/s".padStart(8),
    "p50 ms".padStart(8),
    "p99 ms".padStart(8),
    "errors".padStart(8),
  );
  const results = {
    filtered: await measure(`${base}${filtered}`),
    searched: await measure(`${base}${searched}`),
    page: await measure(`${base}${page}`),
  };
  row(filtered, results.filtered);
  row(searched, results.searched);
  row(page, results.page);
  const hum = await measure(`${base}${badge}`);
  const reference = await measure(`http://127.0.0.1:${nginxPort}${badge}`);
  row(`${badge} (hum)`, hum);
  row(`${badge} (nginx)`, reference);
  const worst = Math.max(results.filtered.p99, results.searched.p99, results.page.p99);
  const ratio = hum.rps / reference.rps;
  console.log(
    `pages p99 ≤ 100 ms: ${worst <= 100 ? "met" : "missed"} (worst ${worst} ms); badge hum/nginx ${ratio.toFixed(2)} (budget ≥ 0.50: ${ratio >= 0.5 ? "met" : "missed"})`,
  );
  // What a reader pays when the front has no copy: every list below is a different search.
  let n = 0;
  const cold = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [
      {
        method: "GET",
        setupRequest: (request) => ({
          ...request,
          path: `/registry?q=${words[n % words.length]}%20${n++}`,
        }),
      },
    ],
  });
  console.log(
    `distinct searches, rendered by Next.js (not kept yet): ${cold.requests.average.toFixed(0)} req/s, p50 ${cold.latency.p50} ms, p99 ${cold.latency.p99} ms, errors ${cold.non2xx + cold.errors + cold.timeouts}`,
  );
  await pool.end();
} finally {
  for (const child of children) child.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 1500));
  fs.rmSync(workDir, { recursive: true, force: true });
}
