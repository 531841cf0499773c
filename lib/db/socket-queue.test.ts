import { describe, expect, it } from "vitest";
import { backendNotifications } from "@/lib/db/socket-queue";

/** One backend message as PostgreSQL frames it: type, length (counting itself), body. */
function message(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(type, 0, "latin1");
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}
const cstring = (text: string) => Buffer.concat([Buffer.from(text, "utf8"), Buffer.of(0)]);

function notification(processId: number, channel: string, payload: string): Buffer {
  const pid = Buffer.alloc(4);
  pid.writeInt32BE(processId);
  return message("A", Buffer.concat([pid, cstring(channel), cstring(payload)]));
}
const commandComplete = (tag: string) => message("C", cstring(tag));
const readyForQuery = () => message("Z", Buffer.from("I"));
/** A DataRow whose bytes happen to hold an 'A', to show framing, not searching, finds messages. */
const dataRow = () => message("D", Buffer.concat([Buffer.of(0, 1, 0, 0, 0, 1), Buffer.from("A")]));

function listen() {
  const heard: [string, string][] = [];
  const feed = backendNotifications((channel, payload) => heard.push([channel, payload]));
  return { heard, feed };
}

describe("backendNotifications", () => {
  it("reads notifications among the other messages of an answer", () => {
    const { heard, feed } = listen();
    feed(
      Buffer.concat([
        dataRow(),
        commandComplete("INSERT 0 1"),
        notification(42, "hum_change", "7 audit 19"),
        notification(42, "hum_change", "8 thread 0b9e5a52-5f4e-4d8c-9b43-0f0d8c6f4a11"),
        notification(42, "other", "é ünïcode"),
        readyForQuery(),
      ]),
    );
    expect(heard).toEqual([
      ["hum_change", "7 audit 19"],
      ["hum_change", "8 thread 0b9e5a52-5f4e-4d8c-9b43-0f0d8c6f4a11"],
      ["other", "é ünïcode"],
    ]);
  });

  it("hears a notification with an empty payload", () => {
    const { heard, feed } = listen();
    feed(notification(1, "hum_change", ""));
    expect(heard).toEqual([["hum_change", ""]]);
  });

  it("reads a notification split across chunks at every byte", () => {
    const answer = Buffer.concat([
      commandComplete("UPDATE 1"),
      notification(7, "hum_change", "12 clause 5f0c"),
      dataRow(),
      notification(7, "hum_change", "13 registry"),
      readyForQuery(),
    ]);
    for (let cut = 0; cut <= answer.length; cut++) {
      for (const second of [cut, Math.min(answer.length, cut + 3)]) {
        const { heard, feed } = listen();
        feed(answer.subarray(0, cut));
        feed(answer.subarray(cut, second));
        feed(answer.subarray(second));
        expect(heard, `cut at ${cut} and ${second}`).toEqual([
          ["hum_change", "12 clause 5f0c"],
          ["hum_change", "13 registry"],
        ]);
      }
    }
  });

  it("reads a notification fed one byte at a time, from a buffer the database reuses", () => {
    const answer = Buffer.concat([notification(7, "hum_change", "1 audit 1"), readyForQuery()]);
    const { heard, feed } = listen();
    // The database hands out views of one output buffer and overwrites it after each chunk.
    const reused = new Uint8Array(64);
    for (const byte of answer) {
      reused[10] = byte;
      feed(reused.subarray(10, 11));
      reused.fill(0xff);
    }
    expect(heard).toEqual([["hum_change", "1 audit 1"]]);
  });
});
