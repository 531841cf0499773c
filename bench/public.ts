/**
 * The release page budget: the latest release of the demo standard served by Hum's production
 * server (`npm start`, whose front keeps rendered releases), against nginx serving the very same
 * bytes from disk, in the same run. Also the JavaScript the page ships, gzipped.
 *
 *   npm run build && npx tsx --import ./scripts/outside-next.mjs bench/public.ts \
 *     [seconds=10] [connections=64]
 *
 * Installs nginx from Debian when it is missing (needs root). Loopback only; every run is
 * bounded by its duration. The comparison budget is measured by bench/compare.ts.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { benchWorkspace, nginxBinary, startNginx, waitFor } from "./harness";

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 64);
const port = 3400;
const nginxPort = 3402;
const base = `http://127.0.0.1:${port}`;

const { workDir, env, launcher: tsx } = benchWorkspace("public", port);
const children: ChildProcess[] = [];

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

/** The JavaScript a browser with ES modules downloads for the page (noModule polyfills skipped). */
async function shippedJavaScript(html: string): Promise<number> {
  const sources = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)]
    .filter((match) => !/\bnoModule\b/i.test(match[0]))
    .map((match) => match[1] ?? "");
  let total = 0;
  for (const source of new Set(sources)) {
    const body = Buffer.from(await (await fetch(`${base}${source}`)).arrayBuffer());
    total += gzipSync(body, { level: 6 }).length;
  }
  return total;
}

try {
  const nginx = nginxBinary();
  spawnSync(process.execPath, [...tsx, "seed"], { env, stdio: "inherit" });
  const server = spawn(process.execPath, [...tsx, "start"], { env, stdio: "ignore" });
  children.push(server);
  await waitFor(`${base}/`);
  const feed = await (await fetch(`${base}/standards/iotmark/feed.xml`)).text();
  const version = feed.match(/\/v\/(\d+\.\d+\.\d+)</)?.[1];
  if (!version) throw new Error("the demo standard has no release");
  const page = `/standards/iotmark/v/${version}`;
  const response = await fetch(`${base}${page}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  children.push(
    startNginx({
      binary: nginx,
      workDir,
      port: nginxPort,
      file: page,
      bytes,
      type: "text/html; charset=utf-8",
    }),
  );
  await waitFor(`http://127.0.0.1:${nginxPort}${page}`);
  const same = Buffer.from(
    await (await fetch(`http://127.0.0.1:${nginxPort}${page}`)).arrayBuffer(),
  ).equals(bytes);

  console.log(
    `${page}: ${(bytes.length / 1024).toFixed(0)} KiB of HTML, ${connections} connections, ${seconds} s each, ${os.cpus().length} cores shared with the load generator`,
  );
  console.log(`Cache-Control: ${response.headers.get("cache-control")}; same bytes: ${same}`);
  const hum = await measure(`${base}${page}`);
  const reference = await measure(`http://127.0.0.1:${nginxPort}${page}`);
  console.log(
    "server".padEnd(8),
    "req/s".padStart(8),
    "p50 ms".padStart(8),
    "p99 ms".padStart(8),
    "errors".padStart(8),
  );
  for (const [name, row] of [
    ["hum", hum],
    ["nginx", reference],
  ] as const) {
    console.log(
      name.padEnd(8),
      row.rps.toFixed(0).padStart(8),
      String(row.p50).padStart(8),
      String(row.p99).padStart(8),
      String(row.errors).padStart(8),
    );
  }
  const ratio = hum.rps / reference.rps;
  console.log(
    `ratio hum/nginx: ${ratio.toFixed(2)} (budget ≥ 0.20: ${ratio >= 0.2 ? "met" : "missed"}); p99 ${hum.p99} ms (budget ≤ 20 ms: ${hum.p99 <= 20 ? "met" : "missed"})`,
  );
  // The kept release page is a document without scripts; the latest-release address passes
  // through to Next.js whole, which is what every other public page ships too.
  const latestHtml = await (await fetch(`${base}/standards/iotmark`)).text();
  for (const [name, html] of [
    [page, bytes.toString("utf8")],
    ["/standards/iotmark (through Next.js)", latestHtml],
  ] as const) {
    const js = await shippedJavaScript(html);
    console.log(
      `JavaScript shipped by ${name}, gzipped: ${(js / 1000).toFixed(1)} kB (budget ≤ 150 kB: ${js <= 150_000 ? "met" : "missed"})`,
    );
  }
} finally {
  for (const child of children) child.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 1500));
  fs.rmSync(workDir, { recursive: true, force: true });
}
