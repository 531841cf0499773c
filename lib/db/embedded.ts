import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler, PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { keepExtendedQueriesTogether } from "@/lib/db/socket-queue";
import { frontendFraming } from "@/lib/db/wire-guard";

type Handler = { socket: { destroy: () => void } | null; handleData: (data: Buffer) => unknown };

/**
 * Every connection's bytes pass the wire guard before pglite-socket reads them; a connection
 * that sends a malformed frame is closed instead of stalling the database for everyone.
 */
function guardConnections(): void {
  const prototype = PGLiteSocketHandler.prototype as unknown as Handler & { guarded?: true };
  if (prototype.guarded) return;
  if (typeof prototype.handleData !== "function") {
    throw new Error("pglite-socket changed: its handler no longer reads through handleData");
  }
  const read = prototype.handleData;
  const framing = new WeakMap<object, (chunk: Uint8Array) => boolean>();
  prototype.handleData = function (this: Handler, data: Buffer) {
    let accept = framing.get(this);
    if (!accept) {
      accept = frontendFraming();
      framing.set(this, accept);
    }
    if (!accept(data)) {
      this.socket?.destroy();
      return Promise.resolve(0);
    }
    return read.call(this, data);
  };
  prototype.guarded = true;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `${dataDir}/ is already in use by another Hum process (pid ${pid}); stop it first, or set HUM_DATA_DIR or DATABASE_URL.`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The data folder holds the database and the secret that signs sessions: only its owner may
 * read it. PGlite gives its files mode 0666 whatever the umask, so the folder's own 0700 is what
 * keeps other users out; every file is also set to 0600 at start and at stop, so that a copy of
 * the folder (a backup, say) stays private too.
 */
export function keepPrivate(dataDir: string): void {
  fs.chmodSync(dataDir, 0o700);
  for (const entry of fs.readdirSync(dataDir, { withFileTypes: true, recursive: true })) {
    if (entry.isSymbolicLink()) continue;
    try {
      fs.chmodSync(path.join(entry.parentPath, entry.name), entry.isDirectory() ? 0o700 : 0o600);
    } catch (error) {
      // PGlite may remove a temporary file while we walk: nothing left to protect.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}

/**
 * Only one process may open a PGlite directory. A lock file holding our pid keeps a second
 * `npm run dev` out; a lock left by a process that died is taken over.
 */
function acquireLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, "hum.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx", mode: 0o600 });
      return () => {
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(fs.readFileSync(lockPath, "utf8"));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new DataDirInUseError(dataDir, pid);
      }
      fs.unlinkSync(lockPath);
    }
  }
  throw new Error(`Could not lock ${dataDir}/`);
}

export type EmbeddedDatabase = {
  url: string;
  stop: () => Promise<void>;
  /** Hears what is announced on `channel`, as a LISTEN connection to PostgreSQL would. */
  listen: (channel: string, hear: (payload: string) => void) => Promise<void>;
};

/**
 * Starts PGlite behind a PostgreSQL socket on loopback so that every process (Next.js, the
 * collab server, migrations) speaks node-postgres. `dataDir` undefined means in memory (tests).
 */
export async function startEmbeddedDatabase(dataDir?: string): Promise<EmbeddedDatabase> {
  let release = () => {};
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dataDir, 0o700);
    release = acquireLock(dataDir);
  }
  try {
    guardConnections();
    const pglite = await PGlite.create(dataDir ? path.join(dataDir, "pglite") : undefined);
    const server = new PGLiteSocketServer({
      db: pglite,
      host: "127.0.0.1",
      port: 0,
      maxConnections: 64,
    });
    const listeners = new Map<string, Set<(payload: string) => void>>();
    keepExtendedQueriesTogether(server, (channel, payload) => {
      for (const hear of listeners.get(channel) ?? []) hear(payload);
    });
    await server.start();
    const url = `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
    // Lets tools (psql, the end-to-end tests) find the running database.
    const urlFile = dataDir ? path.join(dataDir, "database-url") : undefined;
    if (urlFile) fs.writeFileSync(urlFile, url, { mode: 0o600 });
    if (dataDir) keepPrivate(dataDir);
    return {
      url,
      listen: async (channel, hear) => {
        if (!/^[a-z_]+$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
        if (!listeners.has(channel)) await pglite.exec(`LISTEN ${channel}`);
        listeners.set(channel, (listeners.get(channel) ?? new Set()).add(hear));
      },
      stop: async () => {
        await server.stop();
        await pglite.close();
        if (urlFile) fs.rmSync(urlFile, { force: true });
        if (dataDir) keepPrivate(dataDir);
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
