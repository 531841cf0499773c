import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/** tsx, and the preload that lets Node load Hum's "server-only" modules. */
const tsx = [
  createRequire(import.meta.url).resolve("tsx/cli"),
  "--import",
  "./scripts/outside-next.mjs",
];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hum-origin-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function launch(mode: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [...tsx, "scripts/launch.ts", mode], {
      env: { PATH: process.env.PATH ?? "", HOME: os.tmpdir(), NODE_ENV: "production", ...env },
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const lines = (text: string) => text.split("\n").filter((line) => line.trim() !== "");

describe("npm start", () => {
  it("refuses to start without AUTH_URL, in one line", async () => {
    const result = await launch("start", {
      HUM_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      COLLAB_PORT: String(await freePort()),
      HOSTNAME: "127.0.0.1",
    });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      "hum: AUTH_URL must be set for npm start: the public address every link is built on (e.g. https://hum.example.org).",
    ]);
  }, 60_000);

  it("refuses an AUTH_URL with a path, in one line", async () => {
    const result = await launch("migrate", { AUTH_URL: "https://hum.example.org/hum" });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^hum: Invalid environment: AUTH_URL: must be an origin/);
  }, 60_000);
});
