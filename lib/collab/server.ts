import type { IncomingMessage } from "node:http";
import { type Extension, Server } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { problemWith, readFields, replaceFields } from "@/lib/collab/document";
import {
  hasValidSignature,
  type ReplaceTextRequest,
  SIGNATURE_HEADER,
} from "@/lib/collab/internal";
import { loadClauseText } from "@/lib/collab/persistence";
import { CollabRedis } from "@/lib/collab/redis";
import { CollabStorage } from "@/lib/collab/storage";
import { verifyCollabToken } from "@/lib/collab/token";
import type { Database } from "@/lib/db/client";

export type CollabContext = { userId: string };

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
};

const DOCUMENT_NAME = /^clause:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function clauseIdOf(documentName: string): string {
  const clauseId = DOCUMENT_NAME.exec(documentName)?.[1];
  if (!clauseId) throw new CollabRefusal(`unknown document ${documentName}`);
  return clauseId;
}

/** Closes the connection with a reason the provider reports; the message is not applied. */
export class CollabRefusal extends Error {
  readonly code = 4403;
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

// Message and sync types of the Yjs sync protocol as Hocuspocus frames it.
const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** The Yjs update a raw message carries, if it carries one. */
export function updateInMessage(message: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(message);
  decoding.readVarString(decoder); // document name
  if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return null;
  const syncType = decoding.readVarUint(decoder);
  if (syncType !== SYNC_STEP_2 && syncType !== SYNC_UPDATE) return null;
  return decoding.readVarUint8Array(decoder);
}

/** Applies an update to a copy of the document and says what would be wrong with the result. */
export function problemAfter(document: Y.Doc, update: Uint8Array): string | null {
  const probe = new Y.Doc();
  try {
    Y.applyUpdate(probe, Y.encodeStateAsUpdate(document));
    Y.applyUpdate(probe, update);
    return problemWith(readFields(probe));
  } catch (error) {
    return `unreadable update: ${(error as Error).message}`;
  } finally {
    probe.destroy();
  }
}

const MAX_BODY_BYTES = 1024 * 1024;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
      if (body.length > MAX_BODY_BYTES) reject(new Error("request body too large"));
    });
    request.on("end", () => resolve(body));
    request.on("error", reject);
  });
}

/**
 * The collab server: one Yjs document per clause (`clause:<id>`), authenticated with a
 * short-lived token from the web app, validated against the shared Tiptap schema on every
 * update, and stored through lib/ with its JSON and plain text.
 */
export function createCollabServer(options: CollabServerOptions): Server<CollabContext> {
  const { db, secret } = options;

  const extensions: Extension[] = [new CollabStorage(db)];
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
    extensions,

    async onAuthenticate({ token, documentName, connectionConfig }) {
      const userId = verifyCollabToken(token, secret);
      if (!userId) throw new CollabRefusal("sign in again: the collab token is missing or expired");
      const clause = await loadClauseText(db, clauseIdOf(documentName));
      if (!clause) throw new CollabRefusal("no such clause");
      connectionConfig.readOnly = clause.readOnly;
      return { userId };
    },

    async beforeHandleMessage({ update: message, document, documentName }) {
      const update = updateInMessage(message);
      if (!update) return;
      const problem = problemAfter(document, update);
      if (problem) {
        console.error(`collab: refused an update to ${documentName}: ${problem}`);
        throw new CollabRefusal(`refused: ${problem}`);
      }
    },

    async onRequest({ request, response, instance }) {
      const clauseId = /^\/internal\/clauses\/([0-9a-f-]{36})\/text$/.exec(request.url ?? "")?.[1];
      if (!clauseId || request.method !== "POST") return;
      const body = await readBody(request);
      const answer = (status: number, text: string) => {
        response.writeHead(status, { "content-type": "text/plain" });
        response.end(text);
      };
      const signature = request.headers[SIGNATURE_HEADER];
      if (!hasValidSignature(body, typeof signature === "string" ? signature : undefined, secret)) {
        answer(403, "bad signature");
      } else {
        const { userId, fields } = JSON.parse(body) as ReplaceTextRequest;
        const problem = problemWith(fields);
        if (problem) {
          answer(422, problem);
        } else {
          const connection = await instance.openDirectConnection(`clause:${clauseId}`, { userId });
          await connection.transact((document) => replaceFields(document, fields));
          await connection.disconnect(); // stores the document before answering
          answer(204, "");
        }
      }
      // Handled here: stop Hocuspocus from answering with its welcome page.
      return Promise.reject();
    },
  });
}
