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
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 64);
const port = 3400;
const nginxPort = 3402;
const base = `http://127.0.0.1:${port}`;

if (!fs.existsSync(".next/BUILD_ID")) {
  console.error("bench: no production build; run `npm run build` first.");
  process.exit(1);
}

function nginxBinary(): string {
  const found = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((file) => fs.existsSync(file));
  if (found) return found;
  console.log("bench: installing nginx from Debian…");
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  const install = spawnSync("apt-get", ["install", "-y", "-qq", "nginx-light"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (install.status !== 0 || !fs.existsSync("/usr/sbin/nginx")) {
    throw new Error("nginx is not installed and could not be installed");
  }
  return "/usr/sbin/nginx";
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "hum-bench-public-"));
fs.chmodSync(workDir, 0o755); // nginx's workers run as an unprivileged user and must read the page
const env = {
  ...process.env,
  HUM_DATA_DIR: path.join(workDir, "data"),
  PORT: String(port),
  AUTH_URL: `http://127.0.0.1:${port}`,
  HOSTNAME: "127.0.0.1",
  COLLAB_PORT: String(port + 1),
};
const tsx = [
  "node_modules/tsx/dist/cli.mjs",
  "--import",
  "./scripts/outside-next.mjs",
  "scripts/launch.ts",
];
const children: ChildProcess[] = [];

async function waitFor(url: string): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer`);
}

/** Everything the nginx reference needs, inside the bench's own folder. */
function startNginx(binary: string, page: string, bytes: Buffer): void {
  const root = path.join(workDir, "www");
  fs.mkdirSync(path.join(root, path.dirname(page)), { recursive: true });
  fs.writeFileSync(path.join(root, page), bytes);
  const conf = path.join(workDir, "nginx.conf");
  const temp = (name: string) => path.join(workDir, name);
  fs.writeFileSync(
    conf,
    `worker_processes ${os.cpus().length};
daemon off;
error_log ${temp("nginx-error.log")};
pid ${temp("nginx.pid")};
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${temp("body")};
  proxy_temp_path ${temp("proxy")};
  fastcgi_temp_path ${temp("fastcgi")};
  uwsgi_temp_path ${temp("uwsgi")};
  scgi_temp_path ${temp("scgi")};
  sendfile on;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:${nginxPort};
    root ${root};
    location / { default_type "text/html; charset=utf-8"; }
  }
}
`,
  );
  children.push(spawn(binary, ["-c", conf], { stdio: "ignore" }));
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
  startNginx(nginx, page, bytes);
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
