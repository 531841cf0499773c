/**
 * Checks the framing of what a client sends to the embedded database's socket before
 * pglite-socket reads it. pglite-socket trusts every length it is given: a typed message whose
 * length is negative never leaves its buffer, and the loop that reads it then runs forever on
 * the launcher's thread (eight bytes to the loopback port stopped the database, and with it
 * everything). A connection must open with a startup message (or an SSL or cancel request)
 * and then send typed messages of a sane length; anything else ends the connection.
 */

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
/** A startup message is a few parameters; PostgreSQL itself refuses more than 10,000 bytes. */
const MAX_STARTUP_BYTES = 10_000;
/** Far above any statement Hum sends (a clause's stored state, an import), far below memory. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
/** Frontend message types of protocol 3.0. */
const TYPES = new Set([..."BCcdDEfFHpPQSX"].map((letter) => letter.charCodeAt(0)));

/** A checker for one connection: feed it each chunk in order; false means close it. */
export function frontendFraming(): (chunk: Uint8Array) => boolean {
  let started = false;
  let header = Buffer.alloc(0);
  let rest = 0; // bytes of the current message still to come
  let refused = false;

  const readHeader = (): boolean => {
    if (!started) {
      const length = header.readInt32BE(0);
      const code = header.readInt32BE(4);
      if (code === SSL_REQUEST && length === 8) return true;
      if (code === CANCEL_REQUEST && length === 16) {
        rest = 8;
        return true;
      }
      if (code !== PROTOCOL_3 || length < 8 || length > MAX_STARTUP_BYTES) return false;
      started = true;
      rest = length - 8;
      return true;
    }
    const length = header.readInt32BE(1);
    if (!TYPES.has(header[0] ?? 0) || length < 4 || length > MAX_MESSAGE_BYTES) return false;
    rest = length - 4;
    return true;
  };

  return (chunk) => {
    if (refused) return false;
    let offset = 0;
    while (offset < chunk.length) {
      if (rest > 0) {
        const skipped = Math.min(rest, chunk.length - offset);
        rest -= skipped;
        offset += skipped;
        continue;
      }
      const size = started ? 5 : 8;
      const taken = chunk.subarray(offset, offset + size - header.length);
      header = Buffer.concat([header, taken]);
      offset += taken.length;
      if (header.length < size) break;
      if (!readHeader()) {
        refused = true;
        return false;
      }
      header = Buffer.alloc(0);
    }
    return true;
  };
}
