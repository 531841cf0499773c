import "server-only";
import { type Extension, Server } from "@hocuspocus/server";
import { ReadOnlyWatch } from "@/lib/collab/access";
import { type CollabContext, createAuth } from "@/lib/collab/auth";
import { type CollabLimits, collabLimits, createGuard } from "@/lib/collab/guard";
import { createInternalHandler } from "@/lib/collab/internal-handler";
import { CollabRedis } from "@/lib/collab/redis";
import { CollabStorage } from "@/lib/collab/storage";
import type { Database } from "@/lib/db/client";

export type { CollabContext } from "@/lib/collab/auth";
export { CollabRefusal, clauseIdOf } from "@/lib/collab/document-name";

export type CollabServerOptions = {
  db: Database;
  secret: string;
  port: number;
  host?: string;
  redisUrl?: string;
  /** Namespace of this deployment's keys and channels in Redis. */
  redisPrefix?: string;
  /** A name for this server in logs and in Redis, so two servers can tell each other apart. */
  name?: string;
  debounceMs?: number;
  limits?: CollabLimits;
  /** How often an open clause's read-only state is read again (see ReadOnlyWatch). */
  readOnlyRecheckMs?: number;
};

/**
 * The collab server: one Yjs document per clause (`clause:<id>`), composed of one extension per
 * concern: auth (token and read-only), guard (every message checked before it is applied),
 * storage (an update log written before each acknowledgement, compacted through lib/),
 * internal (signed calls from the web app), and Redis fan-out between servers.
 */
export function createCollabServer(options: CollabServerOptions): Server<CollabContext> {
  const { db, secret } = options;
  const limits = options.limits ?? collabLimits;
  const readOnly = new ReadOnlyWatch(db, options.readOnlyRecheckMs ?? 1000);

  const extensions: Extension[] = [
    createAuth({ db, secret }),
    createGuard({ readOnly, limits }),
    new CollabStorage(db),
    createInternalHandler({ db, secret, readOnly }),
  ];
  if (options.redisUrl) {
    const url = new URL(options.redisUrl);
    extensions.push(
      new CollabRedis({
        host: url.hostname,
        port: Number(url.port || 6379),
        identifier: options.name ?? `hum-collab-${process.pid}`,
        prefix: options.redisPrefix ?? "hum",
      }),
    );
  }

  return new Server<CollabContext>({
    name: options.name ?? "hum-collab",
    port: options.port,
    address: options.host ?? "127.0.0.1",
    stopOnSignals: false,
    quiet: true,
    debounce: options.debounceMs ?? 1000,
    maxDebounce: (options.debounceMs ?? 1000) * 5,
    // ws would otherwise buffer messages of up to 100 MB before the guard sees them.
    websocketOptions: { maxPayload: limits.updateBytes * 4 },
    extensions,
  });
}
