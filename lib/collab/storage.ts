import "server-only";
import { createHash } from "node:crypto";
import type {
  afterUnloadDocumentPayload,
  beforeSyncPayload,
  Connection,
  Extension,
  onChangePayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import type { CollabContext } from "@/lib/collab/auth";
import { CollabRefusal, type DocumentTarget, targetOf } from "@/lib/collab/document-name";
import {
  appendUpdates,
  compactDocument,
  documentsWithLoggedUpdates,
  loadDocument,
  seedDocument,
} from "@/lib/collab/stored-documents";
import type { Database } from "@/lib/db/client";

// Sync message types of the Yjs sync protocol (y-protocols/sync).
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
/** An update with no structs and no deletions, as Yjs encodes it. */
const EMPTY_UPDATE_LENGTH = 2;
/** Rows and bytes one append statement carries at most. */
const MAX_BATCH_ROWS = 500;
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

const digest = (state: Uint8Array) => createHash("sha256").update(state).digest("base64");

type PendingAppend = {
  target: DocumentTarget;
  update: Uint8Array;
  resolve: () => void;
  reject: (error: unknown) => void;
};

/**
 * Appends updates to the log with group commit: one insert at a time, carrying every update
 * that arrived while the previous one ran, so a burst of keystrokes from many editors costs a
 * few statements rather than one each, and each update still waits for its own row.
 */
export class UpdateLog {
  private readonly queue: PendingAppend[] = [];
  private running = false;

  constructor(private readonly db: Database) {}

  append(target: DocumentTarget, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ target, update, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private takeBatch(): PendingAppend[] {
    let bytes = 0;
    let count = 0;
    for (const pending of this.queue) {
      if (count >= MAX_BATCH_ROWS || (count > 0 && bytes + pending.update.length > MAX_BATCH_BYTES))
        break;
      bytes += pending.update.length;
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        try {
          await appendUpdates(this.db, batch);
          for (const pending of batch) pending.resolve();
        } catch (error) {
          for (const pending of batch) pending.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

const MESSAGE_SYNC_STATUS = 8; // Hocuspocus's acknowledgement of an update

function isAcknowledgement(message: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(message);
    decoding.readVarString(decoder); // document name
    return decoding.readVarUint(decoder) === MESSAGE_SYNC_STATUS;
  } catch {
    return false;
  }
}

const acknowledgementQueues = new WeakMap<Connection, Promise<void>[]>();

/**
 * The stores a connection's acknowledgements wait for, one per update, in message order.
 * Hocuspocus acknowledges an update as soon as it has applied it (one SyncStatus message per
 * sync step 2 or update, which beforeSync sees first); the connection's `send` is wrapped so
 * that each acknowledgement leaves only once its update is in the log, and none leaves after
 * a failed store: the connection is closed, and the provider sends its changes again when it
 * reconnects.
 */
function withheldAcknowledgements(connection: Connection): Promise<void>[] {
  const existing = acknowledgementQueues.get(connection);
  if (existing) return existing;
  const queue: Promise<void>[] = [];
  acknowledgementQueues.set(connection, queue);
  const send = connection.send.bind(connection);
  let chain = Promise.resolve();
  let failed = false;
  connection.send = (message: Uint8Array) => {
    if (!isAcknowledgement(message)) return send(message);
    const stored = queue.shift() ?? Promise.resolve();
    chain = chain
      .then(() => stored)
      .then(
        () => {
          if (!failed) send(message);
        },
        (error: unknown) => {
          if (failed) return;
          failed = true;
          console.error(`collab: could not log an update to ${connection.document.name}: ${error}`);
          connection.close({ code: 1011, reason: "the update could not be stored" });
        },
      );
  };
  return queue;
}

/**
 * Storage of clause and section documents. Every update a client sends is appended to the update log
 * before Hocuspocus acknowledges it (the acknowledgement is what the editor shows as "All
 * changes saved"), so a crash loses nothing that was called saved. The debounced
 * store folds the log and the document into the stored state; a load applies the state and
 * whatever the log still holds.
 */
export class CollabStorage implements Extension {
  // The guard validates in beforeHandleMessage; beforeSync runs after every such hook has
  // passed, so a refused update never reaches the log whatever the priorities.
  priority = 100;
  private readonly log: UpdateLog;
  /** Digest of the state each loaded document had when it was last loaded or stored. */
  private readonly storedDigest = new Map<string, string>();
  private readonly editorsSinceStore = new Map<string, Set<string>>();

  constructor(private readonly db: Database) {
    this.log = new UpdateLog(db);
  }

  /**
   * Folds in what a crashed server left in the log, so the stored JSON and plain text (search,
   * revisions, calls) show every acknowledged edit even if nobody opens the clause again.
   */
  async onListen(): Promise<void> {
    for (const target of await documentsWithLoggedUpdates(this.db)) {
      try {
        await compactDocument(this.db, target, { editorIds: [] });
      } catch (error) {
        // The rows stay; loading the document applies them all the same.
        console.error(
          `collab: could not store the logged edits of ${target.kind} ${target.id}: ${error}`,
        );
      }
    }
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const target = targetOf(documentName);
    let loaded = await loadDocument(this.db, target);
    if (!loaded) throw new CollabRefusal(`no such ${target.kind}`);
    if (!loaded.yjsState) {
      // First edit ever: the text comes from the database (seed, import), once. The seeded
      // state is stored at once, so positions in it (quote anchors) outlive this server.
      loaded = await seedDocument(this.db, target);
      if (!loaded?.yjsState) throw new Error(`${documentName} has no state after seeding`);
    }
    Y.applyUpdate(document, loaded.yjsState);
    for (const update of loaded.updates) Y.applyUpdate(document, update);
    this.storedDigest.set(documentName, digest(loaded.yjsState));
  }

  /**
   * Logs an update the client sent. Hocuspocus then applies it and passes it on to the other
   * editors at once, but its acknowledgement waits until the row is stored.
   */
  async beforeSync({ type, payload, connection, document, documentName }: beforeSyncPayload) {
    if (type !== SYNC_STEP_2 && type !== SYNC_UPDATE) return;
    const acknowledgements = withheldAcknowledgements(connection);
    const nothingToLog =
      connection.readOnly || // Hocuspocus refuses it without applying it
      payload.length <= EMPTY_UPDATE_LENGTH ||
      // A reconnecting client's step 2 usually holds nothing the server lacks.
      (type === SYNC_STEP_2 && Y.snapshotContainsUpdate(Y.snapshot(document), payload));
    if (nothingToLog) {
      acknowledgements.push(Promise.resolve());
      return;
    }
    const stored = this.log.append(targetOf(documentName), payload);
    stored.catch(() => {}); // handled where the acknowledgement waits for it
    acknowledgements.push(stored);
  }

  async onChange({ documentName, context }: onChangePayload): Promise<void> {
    const userId = (context as CollabContext | undefined)?.userId;
    if (!userId) return;
    const editors = this.editorsSinceStore.get(documentName) ?? new Set<string>();
    editors.add(userId);
    this.editorsSinceStore.set(documentName, editors);
  }

  async onStoreDocument({ document, documentName }: onStoreDocumentPayload): Promise<void> {
    const state = Y.encodeStateAsUpdate(document);
    const stateDigest = digest(state);
    if (this.storedDigest.get(documentName) === stateDigest) return; // nothing new to keep
    const editors = this.editorsSinceStore.get(documentName) ?? new Set<string>();
    this.editorsSinceStore.delete(documentName);
    try {
      await compactDocument(this.db, targetOf(documentName), {
        yjsState: state,
        editorIds: [...editors],
      });
      this.storedDigest.set(documentName, stateDigest);
    } catch (error) {
      // Keep the editors for the next attempt, which Hocuspocus makes on the next change.
      const pending = this.editorsSinceStore.get(documentName) ?? new Set<string>();
      this.editorsSinceStore.set(documentName, new Set([...editors, ...pending]));
      throw error;
    }
  }

  async afterUnloadDocument({ documentName, instance }: afterUnloadDocumentPayload) {
    // A fast reconnection may have loaded the document again already.
    if (instance.documents.has(documentName)) return;
    this.storedDigest.delete(documentName);
  }
}
