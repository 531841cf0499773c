import { Redis } from "@hocuspocus/extension-redis";
import {
  type afterUnloadDocumentPayload,
  isTransactionOrigin,
  OutgoingMessage,
  type onChangePayload,
} from "@hocuspocus/server";

/** How often a changed document also compares states with its peers, in case a message was lost. */
const RESYNC_MS = 2000;

/**
 * Hocuspocus's Redis extension, adapted to how Hum stores documents.
 *
 * - No store lock. The stock extension lets one server store a document and makes the others
 *   skip their store, assuming the winner already has their edits; when it does not yet, those
 *   edits never reach the database. Hum's storage merges the update log, the stored state and
 *   the server's document in one locked transaction, so every server may store safely.
 * - Each change is published as the update itself, which peers apply on arrival (one hop),
 *   rather than as a state vector that peers answer and that is answered again (two round
 *   trips through Redis and a state diff for each change). The stock exchange of state vectors
 *   still runs every couple of seconds for a changed document, so a message lost on a Redis
 *   reconnection is caught up.
 */
export class CollabRedis extends Redis {
  private readonly resyncTimers = new Map<string, NodeJS.Timeout>();

  constructor(configuration: ConstructorParameters<typeof Redis>[0]) {
    // Publishes issued in one turn of the event loop (one socket read carries many editors'
    // messages) leave in one write rather than a system call each.
    super({
      ...configuration,
      options: { enableAutoPipelining: true, ...configuration?.options },
    });
  }

  async onStoreDocument(): Promise<void> {}

  async afterStoreDocument(): Promise<void> {}

  async onChange(data: onChangePayload): Promise<void> {
    const origin = data.transactionOrigin;
    if (isTransactionOrigin(origin) && origin.source === "redis") return;
    const message = new OutgoingMessage(data.documentName)
      .createSyncMessage()
      .writeUpdate(data.update);
    const channel = `${this.configuration.prefix}:${data.documentName}`;
    const published = this.pub.publish(
      channel,
      Buffer.concat([this.messagePrefix, Buffer.from(message.toUint8Array())]),
    );
    if (!this.resyncTimers.has(data.documentName)) {
      const timer = setTimeout(() => {
        this.resyncTimers.delete(data.documentName);
        void super.onChange(data);
      }, RESYNC_MS);
      timer.unref();
      this.resyncTimers.set(data.documentName, timer);
    }
    await published;
  }

  async afterUnloadDocument(data: afterUnloadDocumentPayload): Promise<void> {
    if (!data.instance.documents.has(data.documentName)) {
      clearTimeout(this.resyncTimers.get(data.documentName));
      this.resyncTimers.delete(data.documentName);
    }
    await super.afterUnloadDocument(data);
  }

  async onDestroy(): Promise<void> {
    for (const timer of this.resyncTimers.values()) clearTimeout(timer);
    this.resyncTimers.clear();
    await super.onDestroy();
  }
}
