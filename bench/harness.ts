/**
 * What the benches share: a production server of their own in a temporary folder, and the
 * reference every speed budget is measured against, nginx serving the very same bytes in the
 * same run on the same cores (installed from Debian when it is missing; needs root).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import pg from "pg";
import { sessions, users } from "@/lib/auth/schema";
import { createDatabase, type Database } from "@/lib/db/client";
import { demoEmail } from "@/lib/demo/seed";

export function nginxBinary(): string {
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

/** Polls `url` until it answers 200, for at most `seconds` (a busy machine starts slowly). */
export async function waitFor(url: string, seconds = 30): Promise<void> {
  for (let attempt = 0; attempt < seconds * 5; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer`);
}

/**
 * nginx serving one file at `file` with `type`, inside `workDir` (which its unprivileged
 * workers must be able to read), on 127.0.0.1:`port`.
 */
export function startNginx(options: {
  binary: string;
  workDir: string;
  port: number;
  file: string;
  bytes: Buffer;
  type: string;
  cacheControl?: string;
}): ChildProcess {
  const { workDir, file } = options;
  const root = path.join(workDir, "www");
  fs.mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), options.bytes);
  const temp = (name: string) => path.join(workDir, name);
  const conf = temp("nginx.conf");
  const header = options.cacheControl ? ` add_header Cache-Control "${options.cacheControl}";` : "";
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
  etag on;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:${options.port};
    root ${root};
    location / { default_type "${options.type}";${header} }
  }
}
`,
  );
  return spawn(options.binary, ["-c", conf], { stdio: "ignore" });
}

/**
 * A temporary folder for one bench (readable by nginx's unprivileged workers), the environment
 * that runs Hum's production server from it on `port`, and the launcher's command line. Refuses
 * to start without a production build.
 */
export function benchWorkspace(label: string, port: number, extraEnv: Record<string, string> = {}) {
  if (!fs.existsSync(".next/BUILD_ID")) {
    console.error("bench: no production build; run `npm run build` first.");
    process.exit(1);
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `hum-bench-${label}-`));
  fs.chmodSync(workDir, 0o755);
  const env = {
    ...process.env,
    HUM_DATA_DIR: path.join(workDir, "data"),
    PORT: String(port),
    AUTH_URL: `http://127.0.0.1:${port}`,
    HOSTNAME: "127.0.0.1",
    COLLAB_PORT: String(port + 1),
    ...extraEnv,
  };
  const launcher = [
    "node_modules/tsx/dist/cli.mjs",
    "--import",
    "./scripts/outside-next.mjs",
    "scripts/launch.ts",
  ];
  return { workDir, env, launcher };
}

/**
 * A fresh database of its own on the PostgreSQL server BENCH_POSTGRES names (a URL to any of its
 * databases), or null to use the embedded database, as `npm start` does by default. Production
 * runs on PostgreSQL; the benches that write say which they ran on.
 */
async function benchPostgres(
  label: string,
): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const server = process.env.BENCH_POSTGRES;
  if (!server) return null;
  const name = `hum_bench_${label.replace(/\W/g, "_")}_${randomBytes(4).toString("hex")}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** Which database a bench ran on, for its first line. */
export const benchDatabase = () =>
  process.env.BENCH_POSTGRES ? "PostgreSQL (BENCH_POSTGRES)" : "the embedded database (PGlite)";

/**
 * Hum's production server on `port` with the demo community, in a folder of its own on the
 * embedded database (or a database of its own on BENCH_POSTGRES): its address, a connection to
 * its database (one at a time: the embedded database has a single session), and `stop`, which
 * ends the server and removes the folder and the database.
 */
export async function serveDemo(
  label: string,
  port: number,
  extraEnv: Record<string, string> = {},
) {
  const postgres = await benchPostgres(label);
  const { workDir, env, launcher } = benchWorkspace(label, port, {
    ...(postgres
      ? { DATABASE_URL: postgres.url, AUTH_SECRET: randomBytes(32).toString("hex") }
      : {}),
    ...extraEnv,
  });
  spawnSync(process.execPath, [...launcher, "seed"], { env, stdio: "inherit" });
  const server: ChildProcess = spawn(process.execPath, [...launcher, "start"], {
    env,
    stdio: ["ignore", "ignore", fs.openSync(path.join(workDir, "server.log"), "a")],
  });
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((resolve) => server.once("exit", resolve));
    }
    fs.rmSync(workDir, { recursive: true, force: true });
    await postgres?.drop();
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    // A busy machine can take longer than one wait to start the server.
    await waitFor(`${base}/`).catch(() => waitFor(`${base}/`));
  } catch (error) {
    await stop();
    throw error;
  }
  const url = postgres?.url ?? fs.readFileSync(path.join(env.HUM_DATA_DIR, "database-url"), "utf8");
  const { db, pool } = createDatabase(url, { max: 1 });
  return { base, db, closeDatabase: () => pool.end(), stop };
}

/** A session for the demo person `key`, as the Cookie header that carries it. */
export async function demoSessionCookie(db: Database, key: string): Promise<string> {
  const [person] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, demoEmail(key)));
  if (!person) throw new Error(`the demo has no ${key}`);
  const token = randomBytes(32).toString("hex");
  await db.insert(sessions).values({
    sessionToken: token,
    userId: person.id,
    // As Auth.js leaves a fresh session: it extends one (a write) only once a day.
    expires: new Date(Date.now() + 30 * 24 * 60 * 60 * 1000),
  });
  return `authjs.session-token=${token}`;
}
