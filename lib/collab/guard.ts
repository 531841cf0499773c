import type { Connection, Document, Extension } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import type * as Y from "yjs";
import type { ReadOnlyWatch } from "@/lib/collab/access";
import type { CollabContext } from "@/lib/collab/auth";
import { CollabRefusal, fieldsOfKind, targetOf } from "@/lib/collab/document-name";
import { vouchedAwarenessState } from "@/lib/collab/identity";
import { problemAfterApplying, Shadow } from "@/lib/collab/validation";

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

/** Each live document's validated shadow (see lib/collab/validation.ts), made when first needed. */
const shadows = new WeakMap<Y.Doc, Shadow>();

function shadowOf(document: Y.Doc, fields: readonly string[]): Shadow {
  const existing = shadows.get(document);
  if (existing && !existing.broken) return existing;
  existing?.destroy();
  const shadow = new Shadow(document, fields);
  shadows.set(document, shadow);
  document.once("destroy", () => shadow.destroy());
  return shadow;
}

/**
 * Says what would be wrong with the document after the update, or null. The update is applied
 * to the document's validated shadow and only what it changed is checked, so a keystroke costs
 * the paragraph it lands in, not the clause. A refused update leaves the shadow polluted: it is
 * dropped, and copied from the live document again when next needed.
 */
export function problemAfter(
  document: Y.Doc,
  update: Uint8Array,
  limits: CollabLimits = collabLimits,
  /** The connection that sent it, whose update the live document then applies. */
  connection?: object,
  /** The fields the document may have: a clause's three, or a section's body. */
  fields?: readonly string[],
): string | null {
  if (update.length > limits.updateBytes) {
    return `an update of ${update.length} bytes (at most ${limits.updateBytes})`;
  }
  const shadow = shadowOf(document, fields ?? fieldsOfKind("clause"));
  // Estimated as the size last measured plus every update since (merged, they take at most
  // that), and measured again only when the estimate passes the cap.
  if (shadow.sizeWith(update.length, limits.documentBytes) > limits.documentBytes) {
    return `the clause would exceed ${limits.documentBytes} bytes`;
  }
  let problem: string | null;
  try {
    problem = problemAfterApplying(shadow.doc, update, shadow.livePending(), shadow.fields);
  } catch (error) {
    problem = `unreadable update: ${(error as Error).message}`;
  }
  if (problem) {
    shadow.destroy();
    shadows.delete(document);
  } else {
    shadow.validated(connection);
  }
  return problem;
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
      const target = targetOf(documentName);
      if (await options.readOnly.isReadOnly(documentName)) {
        connection.readOnly = true;
        throw new CollabRefusal(`refused: this ${target.kind} is read-only now`);
      }
      const fields = fieldsOfKind(target.kind);
      const problem = problemAfter(document, update, limits, connection, fields);
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
      options.readOnly.forget(documentName);
    },
  };
}
