import { createHmac, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/email/inbound/route";
import { MAX_WEBHOOK_BYTES } from "@/lib/email/webhook";
import { setEnv } from "@/lib/env";

const KEY = randomBytes(24);
const CHUNK = 64 * 1024;
const HUGE = 30 * 1024 * 1024;

beforeAll(() => {
  setEnv({
    INBOUND_WEBHOOK_SECRET: `whsec_${KEY.toString("base64")}`,
    AUTH_SECRET: "inbound-webhook-test-secret-0123456789",
  });
});

/** A body that counts how much of it the server pulled. */
function countingBody(total: number) {
  const pulled = { bytes: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) return controller.close();
      pulled.bytes += CHUNK;
      controller.enqueue(new Uint8Array(CHUNK).fill(0x20));
    },
  });
  return { stream, pulled };
}

function signedHeaders(body: string, extra: Record<string, string> = {}): Headers {
  const id = "msg_test";
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac("sha256", KEY).update(`${id}.${timestamp}.${body}`).digest("base64");
  return new Headers({
    "svix-id": id,
    "svix-timestamp": timestamp,
    "svix-signature": `v1,${signature}`,
    ...extra,
  });
}

const post = (headers: Headers, body: ReadableStream<Uint8Array> | string) =>
  POST(
    new Request("http://localhost/api/email/inbound", {
      method: "POST",
      headers,
      body,
      duplex: "half",
    } as RequestInit),
  );

describe("the inbound email webhook", () => {
  it("refuses an unsigned request without reading its body", async () => {
    const { stream, pulled } = countingBody(HUGE);
    const response = await post(new Headers({ "content-type": "application/json" }), stream);
    expect(response.status).toBe(401);
    expect(pulled.bytes).toBeLessThanOrEqual(2 * CHUNK);
  });

  it("refuses a signed-looking body past the cap with 413, reading no further", async () => {
    const { stream, pulled } = countingBody(HUGE);
    const response = await post(signedHeaders("not this body"), stream);
    expect(response.status).toBe(413);
    expect(pulled.bytes).toBeLessThanOrEqual(MAX_WEBHOOK_BYTES + 2 * CHUNK);
  });

  it("refuses a declared length past the cap before reading", async () => {
    const { stream, pulled } = countingBody(HUGE);
    const headers = signedHeaders("x", { "content-length": String(HUGE) });
    const response = await post(headers, stream);
    expect(response.status).toBe(413);
    expect(pulled.bytes).toBeLessThanOrEqual(2 * CHUNK);
  });

  it("reads a correctly signed event and answers for its content", async () => {
    const body = JSON.stringify({ type: "email.bounced", data: {} });
    expect((await post(signedHeaders(body), body)).status).toBe(422);
    expect((await post(signedHeaders("other"), body)).status).toBe(401);
  });
});
