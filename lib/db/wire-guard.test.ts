import { describe, expect, it } from "vitest";
import { frontendFraming, MAX_MESSAGE_BYTES } from "@/lib/db/wire-guard";

const int32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeInt32BE(value);
  return bytes;
};
const startup = () => {
  const parameters = Buffer.from("user\0postgres\0database\0postgres\0\0");
  return Buffer.concat([int32(8 + parameters.length), int32(196608), parameters]);
};
const message = (type: string, body: Buffer) =>
  Buffer.concat([Buffer.from(type), int32(4 + body.length), body]);
const ssl = Buffer.concat([int32(8), int32(80877103)]);

/** Feeds a stream in chunks of `size` bytes; true if every chunk passed. */
const feed = (stream: Buffer, size: number) => {
  const accept = frontendFraming();
  for (let at = 0; at < stream.length; at += size) {
    if (!accept(stream.subarray(at, at + size))) return false;
  }
  return true;
};

describe("the embedded database's wire guard", () => {
  const session = Buffer.concat([
    ssl,
    startup(),
    message("Q", Buffer.from("select 1\0")),
    message("P", Buffer.from("\0select $1\0\0\0")),
    message("B", Buffer.alloc(12)),
    message("E", Buffer.from("\0\0\0\0\0")),
    message("S", Buffer.alloc(0)),
    message("X", Buffer.alloc(0)),
  ]);

  it("lets a well-formed session through, however it is split", () => {
    for (const size of [1, 2, 3, 5, 7, 13, 64, session.length]) {
      expect(feed(session, size)).toBe(true);
    }
  });

  it("ends a connection that sends a negative or oversized length", () => {
    // Before the guard these eight bytes spun pglite-socket's reader forever.
    expect(feed(Buffer.from([0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4]), 8)).toBe(false);
    expect(feed(Buffer.concat([startup(), Buffer.from("Q"), int32(-255)]), 4)).toBe(false);
    expect(
      feed(Buffer.concat([startup(), Buffer.from("Q"), int32(MAX_MESSAGE_BYTES + 1)]), 9),
    ).toBe(false);
    expect(feed(Buffer.concat([startup(), Buffer.from("Q"), int32(3)]), 9)).toBe(false);
  });

  it("ends a connection that skips the startup or sends an unknown message type", () => {
    expect(feed(Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), 64)).toBe(false);
    expect(feed(message("Q", Buffer.from("begin\0")), 64)).toBe(false);
    expect(feed(Buffer.concat([startup(), message("Z", Buffer.alloc(0))]), 64)).toBe(false);
    expect(feed(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), 512)).toBe(
      false,
    );
  });

  it("stays closed once it refused", () => {
    const accept = frontendFraming();
    expect(accept(Buffer.from("GET / HTTP/1.1\r\n"))).toBe(false);
    expect(accept(startup())).toBe(false);
  });
});
