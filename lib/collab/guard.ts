import type { Connection, Document, Extension } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import type { ReadOnlyWatch } from "@/lib/collab/access";
import type { CollabContext } from "@/lib/collab/auth";
import { problemWith, readFields } from "@/lib/collab/document";
import { CollabRefusal, clauseIdOf } from "@/lib/collab/document-name";
import { clauseTextSchema } from "@/lib/collab/extensions";
import { vouchedAwarenessState } from "@/lib/collab/identity";
import { clauseFields } from "@/lib/drafting/rich-text";

/**
 * What one client may send. An update is a few keystrokes or one paste; a clause's whole state
 * stays far below the document cap (the longest clause so far is a few kilobytes). Without caps
 * one client could grow a clause by megabytes and make every later keystroke and view slow.
 */
export const collabLimits = {
  updateBytes: 256 * 1024,
  documentBytes: 2 * 1024 * 1024,
  awarenessMessageBytes: 16 * 1024,
  /** Any other message (sync step 1, auth, stateless) is tiny. */
  otherMessageBytes: 16 * 1024,
};
export type CollabLimits = typeof collabLimits;

// Message and sync types of the Yjs sync protocol as Hocuspocus frames it.
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** The client ids an awareness update speaks for, in the order it lists them. */
function awarenessClients(update: Uint8Array): number[] {
  const decoder = decoding.createDecoder(update);
  const ids: number[] = [];
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    ids.push(decoding.readVarUint(decoder));
    decoding.readVarUint(decoder); // clock
    decoding.readVarString(decoder); // state
  }
  return ids;
}

/** The kind of a raw message, the Yjs update it carries, and the awareness ids it names. */
export function readMessage(message: Uint8Array): {
  type: number;
  update: Uint8Array | null;
  awarenessIds?: number[];
} {
  const decoder = decoding.createDecoder(message);
  decoding.readVarString(decoder); // document name
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_AWARENESS) {
    return {
      type,
      update: null,
      awarenessIds: awarenessClients(decoding.readVarUint8Array(decoder)),
    };
  }
  if (type !== MESSAGE_SYNC) return { type, update: null };
  const syncType = decoding.readVarUint(decoder);
  if (syncType !== SYNC_STEP_2 && syncType !== SYNC_UPDATE) return { type, update: null };
  return { type, update: decoding.readVarUint8Array(decoder) };
}

const allowedTopLevel = new Set<string>(clauseFields);

/** Content the editor never makes: keyed entries on a field, strings or binaries among nodes. */
function foreignContent(
  type: Y.XmlFragment | Y.XmlElement | Y.XmlText,
  path: string,
): string | null {
  if (type instanceof Y.XmlElement) {
    const allowed = clauseTextSchema.nodes[type.nodeName]?.spec.attrs ?? {};
    const unknown = Object.keys(type.getAttributes()).find((name) => !(name in allowed));
    if (unknown) return `${path}: attribute ${unknown} on ${type.nodeName}`;
  } else if (type._map.size > 0) {
    return `${path}: keyed entries`;
  }
  if (type instanceof Y.XmlText) return null; // marks are checked against the schema later
  for (const child of type.toArray() as unknown[]) {
    if (!(child instanceof Y.XmlElement) && !(child instanceof Y.XmlText)) {
      return `${path}: content that is not a node`;
    }
    const problem = foreignContent(child, path);
    if (problem) return problem;
  }
  return null;
}

/** Applies an update to a copy of the document and says what would be wrong with the result. */
export function problemAfter(
  document: Y.Doc,
  update: Uint8Array,
  limits: CollabLimits = collabLimits,
): string | null {
  if (update.length > limits.updateBytes) {
    return `an update of ${update.length} bytes (at most ${limits.updateBytes})`;
  }
  const state = Y.encodeStateAsUpdate(document);
  // The merged state is at most the two together; measuring it exactly would cost another encode.
  if (state.length + update.length > limits.documentBytes) {
    return `the clause would exceed ${limits.documentBytes} bytes`;
  }
  const probe = new Y.Doc();
  try {
    Y.applyUpdate(probe, state);
    Y.applyUpdate(probe, update);
    for (const name of [...probe.share.keys()]) {
      if (!allowedTopLevel.has(name)) return `a field the clause does not have (${name})`;
      const problem = foreignContent(probe.getXmlFragment(name), name);
      if (problem) return problem;
    }
    return problemWith(readFields(probe));
  } catch (error) {
    return `unreadable update: ${(error as Error).message}`;
  } finally {
    probe.destroy();
  }
}

/** The awareness client ids a connection may speak for: the one it first used, and no other's. */
function allowedClients(document: Document, connection: Connection, sent: number[]): Set<number> {
  const own = document.connections.get(connection)?.clients ?? new Set<number>();
  if (own.size > 0) return new Set(sent.filter((id) => own.has(id)));
  const taken = new Set<number>();
  for (const [other, { clients }] of document.connections) {
    if (other !== connection) for (const id of clients) taken.add(id);
  }
  const first = sent.find((id) => !taken.has(id));
  return new Set(first === undefined ? [] : [first]);
}

/**
 * Checks every message before Hocuspocus applies it: sizes, what the clause may contain, and
 * whether the clause is still writable; rewrites awareness states so names and colours are the
 * server's. Runs before every other extension (storage must never see a refused update).
 */
export function createGuard(options: {
  readOnly: ReadOnlyWatch;
  limits?: CollabLimits;
}): Extension {
  const limits = options.limits ?? collabLimits;
  // What each connection's awareness message named, read before Hocuspocus decodes it: the
  // decoded states also hold the empty state of Hocuspocus's own scratch copy.
  const awarenessSent = new WeakMap<Connection, number[]>();
  return {
    extensionName: "hum-guard",
    priority: 1000,

    async beforeHandleMessage({ update: message, document, documentName, connection }) {
      const { type, update, awarenessIds } = readMessage(message);
      if (awarenessIds) awarenessSent.set(connection, awarenessIds);
      const cap =
        type === MESSAGE_SYNC
          ? limits.updateBytes + 1024
          : type === MESSAGE_AWARENESS
            ? limits.awarenessMessageBytes
            : limits.otherMessageBytes;
      if (message.length > cap) {
        throw new CollabRefusal(`refused: a message of ${message.length} bytes`);
      }
      // Hocuspocus itself refuses updates on read-only connections (and tells the client).
      if (!update || connection.readOnly) return;
      if (await options.readOnly.isReadOnly(clauseIdOf(documentName))) {
        connection.readOnly = true;
        throw new CollabRefusal("refused: this clause is read-only now");
      }
      const problem = problemAfter(document, update, limits);
      if (problem) {
        console.error(`collab: refused an update to ${documentName}: ${problem}`);
        throw new CollabRefusal(`refused: ${problem}`);
      }
    },

    async beforeHandleAwareness({ states, connection, context, document }) {
      if (!connection) return; // from this server or a peer over Redis: already checked
      const identity = context as CollabContext;
      const allowed = allowedClients(document, connection, awarenessSent.get(connection) ?? []);
      for (const [clientId, state] of states) {
        if (!allowed.has(clientId)) states.delete(clientId);
        else states.set(clientId, vouchedAwarenessState(state, identity));
      }
    },

    async afterUnloadDocument({ documentName }) {
      options.readOnly.forget(clauseIdOf(documentName));
    },
  };
}
