import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createDatabase, type Database } from "@/lib/db/client";

/**
 * A production server of the spec's own (the build from the suite's web server step), for
 * tests that must stop and start it. Its embedded database lives in `dataDir`.
 */
export class OwnServer {
  private child: ChildProcess | null = null;
  private pool: { end: () => Promise<void> } | null = null;
  db: Database | null = null;

  constructor(
    readonly port: number,
    readonly dataDir: string,
  ) {}

  get baseURL(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<Database> {
    this.child = spawn(
      process.execPath,
      [
        "node_modules/tsx/dist/cli.mjs",
        "--import",
        "./scripts/outside-next.mjs",
        "scripts/launch.ts",
        "start",
      ],
      {
        env: {
          ...process.env,
          PORT: String(this.port),
          AUTH_URL: this.baseURL,
          HOSTNAME: "127.0.0.1",
          COLLAB_PORT: String(this.port + 1),
          HUM_DATA_DIR: this.dataDir,
          AUTH_SECRET: "own-server-secret-0123456789abcdef0123",
        },
        stdio: "ignore",
      },
    );
    await this.ready();
    const url = fs.readFileSync(path.join(this.dataDir, "database-url"), "utf8").trim();
    const { db, pool } = createDatabase(url, { max: 2 });
    this.db = db;
    this.pool = pool;
    return db;
  }

  /**
   * Waits until the home page answers, however long a busy machine takes to start it; the
   * budget only ends the wait for a server that hangs, and a launcher that exits ends it at once.
   */
  private async ready(budget = 180_000): Promise<void> {
    const child = this.child;
    const giveUp = Date.now() + budget;
    while (child && child.exitCode === null && child.signalCode === null) {
      if (Date.now() > giveUp) throw new Error(`the server on port ${this.port} did not start`);
      try {
        const response = await fetch(`${this.baseURL}/`, { signal: AbortSignal.timeout(30_000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the server on port ${this.port} exited before it served a page`);
  }

  /** SIGTERM, as a deployment would send; resolves when the process has exited. */
  async stop(): Promise<void> {
    await this.pool?.end();
    this.pool = null;
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}
