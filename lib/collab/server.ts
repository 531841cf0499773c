import { createHash } from "node:crypto";
import { Redis } from "@hocuspocus/extension-redis";
import { type Extension, Server } from "@hocuspocus/server";
import * as Y from "yjs";
import { ReadOnlyWatch } from "@/lib/collab/access";
import { type CollabContext, createAuth } from "@/lib/collab/auth";
import { readFields, seedFields } from "@/lib/collab/document";
import { CollabRefusal, clauseIdOf } from "@/lib/collab/document-name";
import { type CollabLimits, collabLimits, createGuard } from "@/lib/collab/guard";
import { createInternalHandler } from "@/lib/collab/internal-handler";
import { loadClauseText, storeClauseText } from "@/lib/collab/persistence";
import type { Database } from "@/lib/db/client";

export type { CollabContext } from "@/lib/collab/auth";
export { CollabRefusal, clauseIdOf } from "@/lib/collab/document-name";

export type CollabServerOptions = {
  db: Database;
  secret: string;
  port: number;
  host?: string;
  redisUrl?: string;
  /** A name for this server in logs and in Redis, so two servers can tell each other apart. */
  name?: string;
  debounceMs?: number;
  limits?: CollabLimits;
  /** How often an open clause's read-only state is read again (see ReadOnlyWatch). */
  readOnlyRecheckMs?: number;
};

const digest = (state: Uint8Array) => createHash("sha256").update(state).digest("base64");

/**
 * The collab server: one Yjs document per clause (`clause:<id>`), composed of one extension per
 * concern: auth (token and read-only), guard (every message checked before it is applied),
 * storage (through lib/, with its JSON and plain text), internal (signed calls from the web app).
 */
export function createCollabServer(options: CollabServerOptions): Server<CollabContext> {
  const { db, secret } = options;
  const storedDigest = new Map<string, string>();
  const editorsSinceStore = new Map<string, Set<string>>();
  const limits = options.limits ?? collabLimits;
  const readOnly = new ReadOnlyWatch(db, options.readOnlyRecheckMs ?? 1000);

  const extensions: Extension[] = [
    createAuth({ db, secret }),
    createGuard({ readOnly, limits }),
    createInternalHandler({ db, secret, readOnly }),
  ];
  if (options.redisUrl) {
    const url = new URL(options.redisUrl);
    extensions.push(
      new Redis({
        host: url.hostname,
        port: Number(url.port || 6379),
        identifier: options.name ?? `hum-collab-${process.pid}`,
        prefix: "hum",
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

    async onLoadDocument({ document, documentName }) {
      const clause = await loadClauseText(db, clauseIdOf(documentName));
      if (!clause) throw new CollabRefusal("no such clause");
      if (clause.yjsState) {
        Y.applyUpdate(document, clause.yjsState);
        storedDigest.set(documentName, digest(clause.yjsState));
      } else {
        // First edit ever: the text comes from the database (seed, import), once. The seeded
        // state is stored at once, so positions in it (quote anchors) outlive this server.
        seedFields(document, clause.fields);
        const state = Y.encodeStateAsUpdate(document);
        await storeClauseText(db, {
          clauseId: clause.clauseId,
          yjsState: state,
          fields: readFields(document),
          editorIds: [],
        });
        storedDigest.set(documentName, digest(state));
      }
      return document;
    },

    async onChange({ documentName, context }) {
      if (!context?.userId) return;
      const editors = editorsSinceStore.get(documentName) ?? new Set<string>();
      editors.add(context.userId);
      editorsSinceStore.set(documentName, editors);
    },

    async onStoreDocument({ document, documentName }) {
      const state = Y.encodeStateAsUpdate(document);
      const stateDigest = digest(state);
      if (storedDigest.get(documentName) === stateDigest) return; // nothing new to keep
      const editors = editorsSinceStore.get(documentName) ?? new Set<string>();
      editorsSinceStore.delete(documentName);
      try {
        await storeClauseText(db, {
          clauseId: clauseIdOf(documentName),
          yjsState: state,
          fields: readFields(document),
          editorIds: [...editors],
        });
        storedDigest.set(documentName, stateDigest);
      } catch (error) {
        // Keep the editors for the next attempt, which Hocuspocus makes on the next change.
        const pending = editorsSinceStore.get(documentName) ?? new Set<string>();
        editorsSinceStore.set(documentName, new Set([...editors, ...pending]));
        throw error;
      }
    },

    async afterUnloadDocument({ documentName }) {
      storedDigest.delete(documentName);
    },
  });
}
