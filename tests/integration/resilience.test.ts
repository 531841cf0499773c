import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replaceTextPath, signedHeaders } from "@/lib/collab/internal";
import { mintCollabToken } from "@/lib/collab/token";
import { connectClient } from "@/tests/collab-clients";

/**
 * The real launcher (`dev`: the integration suite runs before any production build), on its
 * own data folder and ports, against what an anonymous visitor on the machine can send to every
 * port it opens. Every part must still answer afterwards, and nothing may outlive it.
 */

const root = path.resolve(import.meta.dirname, "../..");
/** tsx, and the preload that lets Node load Hum's "server-only" modules. */
const tsx = [
  "--import",
  pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href,
  "--import",
  "./scripts/outside-next.mjs",
];
const host = "127.0.0.1";

let launcher: ChildProcess;
let output = "";
let dataDir: string;
let webPort: number;
let collabPort: number;
let databaseUrl: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const ended = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Waits for a condition; the hook's or test's own budget bounds the wait. */
async function until(check: () => Promise<boolean> | boolean, launcherEnds = false) {
  while (
    !(await Promise.resolve()
      .then(check)
      .catch(() => false))
  ) {
    if (!launcherEnds && ended(launcher)) throw new Error(`the launcher exited:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

type Answer = { status: number; body: string } | { error: string };

/** One HTTP request; settles with the answer or with the error that ended the connection. */
function request(
  port: number,
  options: { method?: string; path?: string; headers?: http.OutgoingHttpHeaders; body?: Buffer },
): Promise<Answer> {
  return new Promise((resolve) => {
    const outgoing = http.request(
      { host, port, method: options.method ?? "GET", path: options.path ?? "/", agent: false },
      (response) => {
        let body = "";
        response.on("data", (chunk) => {
          body += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        response.on("error", (error) => resolve({ error: error.message }));
      },
    );
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (value !== undefined) outgoing.setHeader(name, value);
    }
    outgoing.on("error", (error) => resolve({ error: error.message }));
    outgoing.on("upgrade", (_response, socket) => {
      socket.destroy();
      resolve({ status: 101, body: "" });
    });
    outgoing.end(options.body);
  });
}

/** Raw bytes to a port; settles when the other side closes the connection. */
function raw(port: number, bytes: Buffer): Promise<string> {
  return new Promise((resolve) => {
    let answer = "";
    const socket = net.connect(port, host, () => socket.write(bytes));
    socket.on("data", (chunk) => {
      answer += chunk.toString("latin1");
    });
    socket.on("error", (error) => resolve(error.message));
    socket.on("close", () => resolve(answer));
  });
}

const clauseText = (clauseId: string) => replaceTextPath(clauseId);
const overMegabyte = Buffer.alloc(1024 * 1024 + 4096, "a");
const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));

/** What an anonymous visitor sends to each port: finding 1's request and others like it. */
function attacks(port: number, secret: string): (() => Promise<unknown>)[] {
  const signedButMalformed = '{"userId": "x", "fields": ';
  return [
    () =>
      request(port, {
        method: "POST",
        path: clauseText(randomUUID()),
        headers: { "content-type": "application/json" },
        body: overMegabyte,
      }),
    () =>
      request(port, { method: "POST", path: clauseText(randomUUID()), body: Buffer.from("{}") }),
    () => {
      const path = clauseText(randomUUID());
      return request(port, {
        method: "POST",
        path,
        headers: signedHeaders(secret, "POST", path, signedButMalformed),
        body: Buffer.from(signedButMalformed),
      });
    },
    () =>
      request(port, {
        method: "POST",
        path: "/api/auth/signin/resend",
        headers: { "content-type": "application/json" },
        body: Buffer.from("{not json"),
      }),
    () =>
      request(port, {
        path: "/",
        headers: { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13" },
      }),
    () => raw(port, garbage),
    () => raw(port, Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4])),
    () => raw(port, Buffer.from("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n")),
  ];
}

async function webAnswers(): Promise<boolean> {
  const answer = await request(webPort, { path: "/" });
  return "status" in answer && answer.status === 200;
}

async function collabAnswers(secret: string): Promise<boolean> {
  const database = new pg.Client({ connectionString: databaseUrl });
  await database.connect();
  const { rows } = await database.query<{ id: string }>("select id from clause limit 1");
  // The collab server names people from their records, so the token is a demo member's.
  const people = await database.query<{ id: string }>('select id from "user" limit 1');
  await database.end();
  const userId = people.rows[0]?.id ?? "";
  const client = connectClient(
    `ws://${host}:${collabPort}`,
    rows[0]?.id ?? "",
    userId,
    mintCollabToken(userId, secret),
  );
  try {
    await client.synced;
    return client.body().length > 0;
  } finally {
    client.provider.destroy();
  }
}

async function databaseAnswers(): Promise<boolean> {
  const database = new pg.Client({ connectionString: databaseUrl });
  try {
    await database.connect();
    const { rows } = await database.query<{ one: number }>("select 1 as one");
    return rows[0]?.one === 1;
  } finally {
    await database.end().catch(() => undefined);
  }
}

/** A process that has not ended (an ended orphan nobody reaped yet counts as ended). */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
};

/** Every process started under `pid`, from Linux's /proc. */
function descendants(pid: number): number[] {
  const children = fs
    .readdirSync(`/proc/${pid}/task`)
    .flatMap((task) => fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" "))
    .filter((entry) => entry.trim() !== "")
    .map(Number);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hum-resilience-"));
  webPort = await freePort();
  collabPort = await freePort();
  launcher = spawn(process.execPath, [...tsx, "scripts/launch.ts", "dev"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH ?? "",
      HOME: os.tmpdir(),
      NODE_ENV: "development",
      HUM_DATA_DIR: dataDir,
      PORT: String(webPort),
      HOSTNAME: host,
      COLLAB_PORT: String(collabPort),
      COLLAB_HOST: host,
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  launcher.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  launcher.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  await until(() => /hum: collab server on .*\(pid \d+\)/.test(output));
  databaseUrl = fs.readFileSync(path.join(dataDir, "database-url"), "utf8").trim();
  // The first page compiles on demand.
  await until(webAnswers);
}, 600_000);

afterAll(async () => {
  if (launcher && !ended(launcher)) {
    launcher.kill("SIGTERM");
    await new Promise((resolve) => launcher.once("exit", resolve));
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}, 120_000);

/** The collab server's process now: the launcher names it when it starts it, and again after. */
const collabPid = () =>
  Number(
    [
      ...output.matchAll(
        /hum: (?:collab server on|the collab server is serving again).*\(pid (\d+)\)/g,
      ),
    ].at(-1)?.[1],
  );

describe("the launcher under attack", () => {
  it("keeps every part answering after malformed, oversized and unsigned requests to every port", async () => {
    const secret = fs.readFileSync(path.join(dataDir, "auth-secret"), "utf8").trim();
    const databasePort = Number(new URL(databaseUrl).port);
    const collabBefore = collabPid();
    for (const port of [collabPort, webPort, databasePort]) {
      for (const attack of attacks(port, secret)) {
        // A part that fell is started again; wait until it is back before the next attack.
        await until(webAnswers);
        await until(() => collabAnswers(secret));
        await attack();
      }
    }
    await until(databaseAnswers);
    await until(webAnswers);
    await until(() => collabAnswers(secret));
    expect(ended(launcher)).toBe(false);
    // Each request handler answered for itself: no part fell and had to be started again.
    expect(collabPid()).toBe(collabBefore);
    expect(output).not.toMatch(/hum: the [a-z ]+ stopped|hum: [a-z ]+ failed:/);
  }, 600_000);

  it("starts the collab server again when its process dies", async () => {
    const secret = fs.readFileSync(path.join(dataDir, "auth-secret"), "utf8").trim();
    const first = collabPid();
    process.kill(first, "SIGKILL");
    await until(() => output.includes("hum: the collab server is serving again"));
    await until(() => collabAnswers(secret));
    expect(output).toMatch(/hum: the collab server stopped \(signal SIGKILL\)/);
    expect(ended(launcher)).toBe(false);
  }, 300_000);

  it("takes its children with it when it is killed", async () => {
    const children = descendants(launcher.pid ?? 0);
    // Next.js, its server, the collab server (and the compilers they run).
    expect(children).toContain(collabPid());
    expect(children.length).toBeGreaterThanOrEqual(3);
    launcher.kill("SIGKILL");
    await new Promise((resolve) => launcher.once("exit", resolve));
    // Nothing holds the ports: Next.js and the collab server ended with the launcher.
    await until(async () => (await portFree(webPort)) && (await portFree(collabPort)), true);
    await until(() => children.filter(alive).length === 0, true);
  }, 120_000);
});
