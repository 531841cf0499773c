import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedDatabase } from "@/lib/db/embedded";

/** tsx, and the preload that lets Node load Hum's "server-only" modules. */
const tsx = [
  createRequire(import.meta.url).resolve("tsx/cli"),
  "--import",
  "./scripts/outside-next.mjs",
];
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function tempDataDir(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "hum-launch-"));
  folders.push(folder);
  return folder;
}

/** Runs `npm run dev|start|db:migrate|db:seed`'s script the way npm does, and collects its output. */
function launch(mode: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [...tsx, "scripts/launch.ts", mode], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: os.tmpdir(),
        NODE_ENV: "test",
        NEXT_TELEMETRY_DISABLED: "1",
        ...env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");

describe("the launcher", () => {
  it("migrates and seeds an embedded database once", async () => {
    const dataDir = tempDataDir();
    const first = await launch("seed", { HUM_DATA_DIR: dataDir });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("demo community created");
    const second = await launch("seed", { HUM_DATA_DIR: dataDir });
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain("demo community created");
    expect(fs.existsSync(path.join(dataDir, "hum.lock"))).toBe(false);
    // Two processes each migrate PGlite and seed the demo: a minute or more on a busy machine.
  }, 240_000);

  it("keeps the data folder private: the folder and its folders 0700, its files 0600", async () => {
    const dataDir = tempDataDir();
    fs.chmodSync(dataDir, 0o777);
    // What an older Hum left behind: a readable secret.
    fs.writeFileSync(path.join(dataDir, "auth-secret"), "old-secret", { mode: 0o644 });
    fs.chmodSync(path.join(dataDir, "auth-secret"), 0o644);
    const notPrivate = () => {
      const open: string[] = [];
      const walk = (at: string) => {
        const stat = fs.statSync(at);
        const mode = stat.mode & 0o777;
        if (mode !== (stat.isDirectory() ? 0o700 : 0o600)) open.push(`${at} ${mode.toString(8)}`);
        if (stat.isDirectory()) for (const name of fs.readdirSync(at)) walk(path.join(at, name));
      };
      walk(dataDir);
      return open;
    };
    const migrated = await launch("migrate", { HUM_DATA_DIR: dataDir });
    expect(migrated.code).toBe(0);
    expect(notPrivate()).toEqual([]);
    const database = await startEmbeddedDatabase(dataDir);
    try {
      expect(fs.existsSync(path.join(dataDir, "database-url"))).toBe(true);
      expect(fs.readdirSync(path.join(dataDir, "pglite")).length).toBeGreaterThan(3);
      expect(notPrivate()).toEqual([]);
    } finally {
      await database.stop();
    }
  }, 60_000);

  it("refuses to open a data folder another process holds, in one line", async () => {
    const dataDir = tempDataDir();
    const holder = await startEmbeddedDatabase(dataDir);
    try {
      const result = await launch("migrate", { HUM_DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      expect(lines(result.stderr)).toEqual([
        `hum: ${dataDir}/ is already in use by another Hum process (pid ${process.pid}); stop it first, or set HUM_DATA_DIR or DATABASE_URL.`,
      ]);
    } finally {
      await holder.stop();
    }
  }, 60_000);

  it("says in one line when the port is taken", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const result = await launch("start", {
        HUM_DATA_DIR: tempDataDir(),
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
      });
      expect(result.code).toBe(1);
      expect(lines(result.stderr)).toEqual([
        `hum: port ${port} on 127.0.0.1 is already in use; stop the other server or set PORT.`,
      ]);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it("says in one line when the database cannot be reached", async () => {
    const result = await launch("migrate", {
      DATABASE_URL: "postgres://hum:secret@127.0.0.1:1/hum",
    });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      "hum: cannot reach the database at 127.0.0.1:1/hum (ECONNREFUSED); check DATABASE_URL.",
    ]);
    expect(result.stderr).not.toContain("secret");
  }, 60_000);

  it("says in one line when a setting is invalid", async () => {
    const result = await launch("migrate", { PORT: "eighty" });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^hum: Invalid environment: PORT: /);
  }, 60_000);
});
