import type { PGlite } from "@electric-sql/pglite";

/** The parts of pglite-socket 0.2's query queue this module relies on. */
type Queued = {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
  onData: (data: Uint8Array) => void;
};
type QueryQueue = {
  queue: Queued[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue: () => Promise<void>;
  clearQueueForHandler: (handlerId: number) => void;
};

// Frontend messages of the extended query protocol, up to the Sync that ends a sequence.
const PARSE = 0x50;
const BIND = 0x42;
const DESCRIBE = 0x44;
const EXECUTE = 0x45;
const CLOSE = 0x43;
const FLUSH = 0x48;
const SYNC = 0x53;
const QUERY = 0x51;
const extended = new Set([PARSE, BIND, DESCRIBE, EXECUTE, CLOSE, FLUSH]);

/**
 * pglite-socket runs one message at a time from whichever connection sent it, and keeps a connection to itself
 * only inside a transaction. node-postgres sends every parameterised query as Parse, Bind,
 * Execute, Sync; when two connections interleave those, one binds the other's unnamed statement
 * ("unnamed prepared statement does not exist"). This keeps the database with a connection from
 * its Parse to its Sync, as PostgreSQL itself does by giving each connection its own session.
 */
export function keepExtendedQueriesTogether(
  server: object,
  onNotification: (channel: string, payload: string) => void = () => {},
): void {
  const queue = (server as { queryQueue?: QueryQueue }).queryQueue;
  if (!queue || typeof queue.processQueue !== "function") {
    throw new Error("pglite-socket changed: its query queue is not where Hum expects it");
  }
  let holder: number | null = null;
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId) => {
    clear(handlerId);
    if (holder === handlerId) {
      holder = null;
      void queue.processQueue();
    }
  };
  queue.processQueue = async () => {
    if (queue.processing || queue.queue.length === 0) return;
    queue.processing = true;
    try {
      while (queue.queue.length > 0) {
        const owner =
          queue.db.isInTransaction() && queue.lastHandlerId !== null ? queue.lastHandlerId : holder;
        const index = owner === null ? 0 : queue.queue.findIndex((q) => q.handlerId === owner);
        // The owner's next message is not here yet: wait for it, leaving the others queued.
        if (index === -1) break;
        const [item] = queue.queue.splice(index, 1);
        if (!item) break;
        let bytes = 0;
        const notifications = backendNotifications(onNotification);
        try {
          await queue.db.runExclusive(() =>
            queue.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                notifications(data);
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          holder = null;
          item.reject(error);
          continue;
        }
        const type = item.message[0] ?? 0;
        if (extended.has(type)) holder = item.handlerId;
        else if (type === SYNC || type === QUERY) holder = null;
        queue.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      queue.processing = false;
    }
  };
}

const NOTIFICATION = 0x41;

/**
 * Reads the notifications among what the database answered. The embedded database has one
 * session, so a NOTIFY reaches whichever connection's query carried it; this hands each one to
 * the launcher as PostgreSQL would hand it to a LISTEN connection. Messages are framed as type,
 * length, body; a message may be split across chunks.
 */
export function backendNotifications(
  onNotification: (channel: string, payload: string) => void,
): (data: Uint8Array) => void {
  let carried = Buffer.alloc(0);
  return (data) => {
    const chunk = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const buffer = carried.length ? Buffer.concat([carried, chunk]) : chunk;
    let at = 0;
    while (buffer.length - at >= 5) {
      const length = buffer.readInt32BE(at + 1);
      if (buffer.length - at < 1 + length) break;
      if (buffer[at] === NOTIFICATION) {
        const body = buffer.subarray(at + 9, at + 1 + length); // after the sender's process id
        const end = body.indexOf(0);
        onNotification(
          body.subarray(0, end).toString("utf8"),
          body.subarray(end + 1, body.indexOf(0, end + 1)).toString("utf8"),
        );
      }
      at += 1 + length;
    }
    carried = Buffer.from(buffer.subarray(at)); // a copy: the database reuses its output buffer
  };
}
