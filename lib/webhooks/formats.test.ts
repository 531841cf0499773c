import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { chatBody, requestOf, sentenceOf, type WebhookPayload } from "@/lib/webhooks/formats";
import { generateSecret, signPayload, verifySignature } from "@/lib/webhooks/signature";

const decided: WebhookPayload = {
  type: "call.decided",
  timestamp: "2026-11-15T10:00:00.000Z",
  data: {
    standard: { slug: "iotmark", name: "IoTmark <Principles>" },
    call: { number: 7, title: "Adopt PRIV-3 @everyone", kind: "question", phase: "adopted" },
    url: "https://hum.example/standards/iotmark/calls/7",
  },
};

const endpoint = {
  url: "https://chat.example/hook",
  format: "json",
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  language: "en",
  matrixRoomId: null,
  matrixAccessToken: null,
};

describe("chat messages", () => {
  it("word the event in the endpoint's language", () => {
    expect(sentenceOf(decided, "en")).toBe(
      "IoTmark <Principles>: call 7 adopted: Adopt PRIV-3 @everyone",
    );
    expect(sentenceOf(decided, "fr")).toContain("appel 7 adopté");
    expect(sentenceOf(decided, "de")).toContain("Aufruf 7 angenommen");
    expect(sentenceOf({ ...decided, type: "webhook.test" }, "en")).toContain("Test message");
  });

  it("word every kind of event", () => {
    const standard = { slug: "iotmark", name: "IoTmark" };
    const organisation = { slug: "lockwise", name: "Lockwise" };
    const url = "https://hum.example/x";
    const say = (type: string, data: Record<string, unknown>, locale: "en" | "fr" | "de" = "en") =>
      sentenceOf({ type, timestamp: "", data: { url, ...data } } as WebhookPayload, locale);
    expect(
      say("call.escalated", { standard, call: { number: 4, title: "T", phase: "escalated_ag" } }),
    ).toBe("IoTmark: call 4 escalated to the advisory group: T");
    expect(say("release.published", { standard, release: { version: "1.2.0" } })).toBe(
      "IoTmark: release 1.2.0 published",
    );
    expect(
      say(
        "thread.opened",
        { standard, thread: { kind: "objection", clause: null, call: 9 } },
        "fr",
      ),
    ).toBe("IoTmark : objection soulevée sur l’appel 9");
    expect(
      say("thread.opened", {
        standard,
        thread: { kind: "question", clause: "PRIV-3", call: null },
      }),
    ).toBe("IoTmark: new thread on PRIV-3");
    expect(
      say(
        "declaration.struck_off",
        { standard, organisation, declaration: { number: 12, product: "Hub" } },
        "de",
      ),
    ).toBe("Lockwise: Erklärung 12 (Hub) gestrichen");
    expect(
      say("challenge.filed", {
        standard,
        organisation,
        challenge: { number: 3, kind: "misuse_report" },
      }),
    ).toBe("Lockwise: misuse report 3 filed");
    expect(
      say("challenge.escalated", { standard, challenge: { number: 3, phase: "escalated_sc" } }),
    ).toBe("IoTmark: challenge 3 escalated to the steering committee");
  });

  it("are a Slack text with an escaped mrkdwn link", () => {
    expect(chatBody("slack", decided, "en")).toEqual({
      text: "IoTmark &lt;Principles&gt;: call 7 adopted: Adopt PRIV-3 @everyone <https://hum.example/standards/iotmark/calls/7|Open in Hum>",
    });
  });

  it("are Discord content that mentions no one", () => {
    expect(chatBody("discord", decided, "fr")).toEqual({
      content:
        "IoTmark <Principles> : appel 7 adopté : Adopt PRIV-3 @everyone\nhttps://hum.example/standards/iotmark/calls/7",
      allowed_mentions: { parse: [] },
    });
  });

  it("are a Microsoft Teams message with an Adaptive Card linking to the page", () => {
    const body = chatBody("teams", decided, "de") as {
      type: string;
      attachments: { contentType: string; content: Record<string, unknown> }[];
    };
    expect(body.type).toBe("message");
    expect(body.attachments).toHaveLength(1);
    const card = body.attachments[0];
    expect(card?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(card?.content).toMatchObject({
      type: "AdaptiveCard",
      version: "1.4",
      body: [{ type: "TextBlock", wrap: true, text: expect.stringContaining("angenommen") }],
      actions: [
        {
          type: "Action.OpenUrl",
          title: "In Hum öffnen",
          url: "https://hum.example/standards/iotmark/calls/7",
        },
      ],
    });
  });

  it("are a Matrix m.text with escaped HTML", () => {
    expect(chatBody("matrix", decided, "en")).toEqual({
      msgtype: "m.text",
      body: "IoTmark <Principles>: call 7 adopted: Adopt PRIV-3 @everyone https://hum.example/standards/iotmark/calls/7",
      format: "org.matrix.custom.html",
      formatted_body:
        'IoTmark &lt;Principles&gt;: call 7 adopted: Adopt PRIV-3 @everyone <a href="https://hum.example/standards/iotmark/calls/7">Open in Hum</a>',
    });
  });
});

describe("requests", () => {
  const now = new Date("2026-11-15T10:00:05Z");

  it("post the JSON payload itself, signed as Standard Webhooks says", () => {
    const request = requestOf(endpoint, { id: "msg_1", payload: decided }, now);
    expect(request.method).toBe("POST");
    expect(request.url).toBe(endpoint.url);
    expect(JSON.parse(request.body)).toEqual(decided);
    expect(request.headers["webhook-id"]).toBe("msg_1");
    expect(request.headers["webhook-timestamp"]).toBe(String(now.getTime() / 1000));
    const key = Buffer.from("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "base64");
    const expected = createHmac("sha256", key)
      .update(`msg_1.${now.getTime() / 1000}.${request.body}`)
      .digest("base64");
    expect(request.headers["webhook-signature"]).toBe(`v1,${expected}`);
  });

  it("put a Matrix message in the room, with the message id as transaction id", () => {
    const request = requestOf(
      {
        ...endpoint,
        url: "https://matrix.example/",
        format: "matrix",
        matrixRoomId: "!room:matrix.example",
        matrixAccessToken: "syt_token",
      },
      { id: "msg_2", payload: decided },
      now,
    );
    expect(request.method).toBe("PUT");
    expect(request.url).toBe(
      "https://matrix.example/_matrix/client/v3/rooms/!room%3Amatrix.example/send/m.room.message/msg_2",
    );
    expect(request.headers.authorization).toBe("Bearer syt_token");
    expect(JSON.parse(request.body).msgtype).toBe("m.text");
  });
});

describe("signatures", () => {
  it("verify what was signed, and nothing else", () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    const now = new Date("2026-11-15T10:00:00Z");
    const timestamp = String(now.getTime() / 1000);
    const signature = signPayload(secret, "msg_3", Number(timestamp), '{"a":1}');
    const headers = { id: "msg_3", timestamp, signature };
    expect(verifySignature(secret, headers, '{"a":1}', now)).toBe(true);
    expect(verifySignature(secret, headers, '{"a":2}', now)).toBe(false);
    expect(verifySignature(generateSecret(), headers, '{"a":1}', now)).toBe(false);
    expect(verifySignature(secret, { ...headers, id: "msg_4" }, '{"a":1}', now)).toBe(false);
    // One of several signatures (a key being rotated) is enough.
    expect(
      verifySignature(
        secret,
        { ...headers, signature: `v1,bm9wZQ== ${signature}` },
        '{"a":1}',
        now,
      ),
    ).toBe(true);
    // Too old: a replay.
    expect(verifySignature(secret, headers, '{"a":1}', new Date(now.getTime() + 600_000))).toBe(
      false,
    );
  });
});
