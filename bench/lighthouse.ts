/**
 * What a reader's browser does with Hum's public pages: Lighthouse's performance and
 * accessibility scores (default mobile settings: a mid-range phone on a slow 4G network), the
 * JavaScript each page ships, its Largest Contentful Paint and Total Blocking Time. Pages run
 * through the production server on the embedded database with the demo community, as an
 * anonymous reader; each page is measured several times and the median run is shown.
 *
 *   npm run build && npx tsx --import ./scripts/outside-next.mjs bench/lighthouse.ts \
 *     [runs=3] [--audits]
 *
 * `--audits` also lists, per page, the audits that cost points in its median run. Loopback
 * only; every Lighthouse run is bounded by its own timeouts, and the whole bench by `deadline`.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { type Result } from "lighthouse";
import { waitFor } from "./harness";

const runs = Number(process.argv.slice(2).find((argument) => /^\d+$/.test(argument)) ?? 3);
const listAudits = process.argv.includes("--audits");
const port = 3600;
const base = `http://127.0.0.1:${port}`;
/** The budget's pages: the front keeps them and serves them without scripts. */
const budgeted = [
  "/",
  "/standards/iotmark",
  "/standards/iotmark/v/1.1.0",
  "/standards/iotmark/draft",
  "/transparency",
];
/** Anonymous pages the front passes to Next.js: what JavaScript do they ship? */
const passedOn = [
  "/sign-in",
  "/standards/iotmark/v/1.1.0?framework=etsi-en-303-645",
  "/registry/challenges/report",
  "/registry/1/challenge",
];
const chromeFlags = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const deadline = Date.now() + 20 * 60_000;

if (!fs.existsSync(".next/BUILD_ID")) {
  console.error("bench: no production build; run `npm run build` first.");
  process.exit(1);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hum-lighthouse-"));
const env = {
  ...process.env,
  HUM_DATA_DIR: dataDir,
  PORT: String(port),
  AUTH_URL: base,
  HOSTNAME: "127.0.0.1",
  COLLAB_PORT: String(port + 1),
};
const tsx = [
  "node_modules/tsx/dist/cli.mjs",
  "--import",
  "./scripts/outside-next.mjs",
  "scripts/launch.ts",
];

spawnSync(process.execPath, [...tsx, "seed"], { env, stdio: "inherit" });
const server = spawn(process.execPath, [...tsx, "start"], { env, stdio: "ignore" });

type Measure = {
  performance: number;
  accessibility: number | null;
  scriptBytes: number;
  lcp: number;
  tbt: number;
  lhr: Result;
};

/** Gzipped bytes of scripts the page loaded, as transferred. */
function scriptBytes(lhr: Result): number {
  const items = (lhr.audits["resource-summary"]?.details as { items?: unknown[] } | undefined)
    ?.items as { resourceType: string; transferSize: number }[] | undefined;
  return items?.find((item) => item.resourceType === "script")?.transferSize ?? 0;
}

async function measure(chromePort: number, page: string, categories: string[]): Promise<Measure> {
  const result = await lighthouse(`${base}${page}`, {
    port: chromePort,
    output: "json",
    logLevel: "error",
    onlyCategories: categories,
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${page}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`${page}: ${lhr.runtimeError.message}`);
  const score = (id: string) => {
    const value = lhr.categories[id]?.score;
    return value === null || value === undefined ? null : Math.round(value * 100);
  };
  return {
    performance: score("performance") ?? 0,
    accessibility: score("accessibility"),
    scriptBytes: scriptBytes(lhr),
    lcp: lhr.audits["largest-contentful-paint"]?.numericValue ?? 0,
    tbt: lhr.audits["total-blocking-time"]?.numericValue ?? 0,
    lhr,
  };
}

/** The run whose performance score is the median: its other figures belong to the same run. */
function median(measures: Measure[]): Measure {
  const sorted = [...measures].sort((a, b) => a.performance - b.performance);
  return sorted[Math.floor(sorted.length / 2)] as Measure;
}

/** Audits that cost points: failed accessibility checks and performance audits below 0.9. */
function costly(lhr: Result): string[] {
  const lines: string[] = [];
  for (const [category, entry] of Object.entries(lhr.categories)) {
    for (const ref of entry.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (!audit || audit.score === null || audit.score >= 0.9) continue;
      if (audit.scoreDisplayMode === "informative" || audit.scoreDisplayMode === "notApplicable")
        continue;
      const shown = audit.displayValue ? ` (${audit.displayValue})` : "";
      lines.push(`    ${category}: ${ref.id} ${audit.score}${shown}`);
    }
  }
  return lines;
}

const row = (cells: string[], widths: number[]) =>
  cells
    .map((cell, index) =>
      index === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[index] ?? 0),
    )
    .join(" ");
const widths = [52, 6, 6, 10, 8, 8];

function report(page: string, chosen: Measure): void {
  const figures = [
    String(chosen.performance),
    String(chosen.accessibility ?? "-"),
    (chosen.scriptBytes / 1024).toFixed(1),
    chosen.lcp.toFixed(0),
    chosen.tbt.toFixed(0),
  ];
  console.log(row([page, ...figures], widths));
  if (listAudits) for (const line of costly(chosen.lhr)) console.log(line);
}

let chrome: chromeLauncher.LaunchedChrome | undefined;
try {
  await waitFor(`${base}/`, 120);
  chrome = await chromeLauncher.launch({ chromePath: "/usr/bin/chromium", chromeFlags });
  // Lighthouse scales the main thread's observed work to a phone's: a busy machine inflates TBT.
  const load = os.loadavg()[0]?.toFixed(1);
  console.log(
    `Lighthouse, default mobile settings, median of ${runs} runs, ${os.cpus().length} cores, load ${load}`,
  );
  console.log(row(["page", "perf", "a11y", "JS KB gz", "LCP ms", "TBT ms"], widths));
  for (const page of budgeted) {
    const measures: Measure[] = [];
    for (let run = 0; run < runs && Date.now() < deadline; run++) {
      // The front keeps a live page 30 s at most: drawn again here, each run measures the kept
      // page most readers get (the redrawing itself is bench/public-pages.ts's business).
      await fetch(`${base}${page}`);
      measures.push(await measure(chrome.port, page, ["performance", "accessibility"]));
    }
    const chosen = median(measures);
    report(page, chosen);
  }
  console.log("\nanonymous pages passed on to Next.js (one run each):");
  for (const page of passedOn) {
    const answer = await fetch(`${base}${page}`, { redirect: "manual" });
    if (answer.status !== 200) {
      const to = answer.headers.get("location");
      console.log(`${page.padEnd(widths[0] ?? 0)} HTTP ${answer.status}${to ? ` to ${to}` : ""}`);
      continue;
    }
    const chosen = await measure(chrome.port, page, ["performance", "accessibility"]);
    report(page, chosen);
  }
} finally {
  chrome?.kill();
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
