import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutboxSender, createResendSender, listOutbox } from "@/lib/email/sender";
import { magicLinkEmail } from "@/lib/email/templates";
import { createTestDatabase, type TestDatabase } from "@/tests/database";

type Received = { method?: string; url?: string; authorization?: string; body: unknown };

/** A stand-in for Resend's HTTP API on loopback: records requests, answers like the service. */
function startResendDouble(status = 200) {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk) => {
      raw += chunk;
    });
    request.on("end", () => {
      received.push({
        method: request.method,
        url: request.url,
        authorization: request.headers.authorization,
        body: JSON.parse(raw || "null"),
      });
      response.writeHead(status, { "content-type": "application/json" });
      response.end(
        JSON.stringify(
          status === 200
            ? { id: "4ef9a417-02e9-4d39-ad75-9611e0fcc33c" }
            : { statusCode: status, name: "validation_error", message: "Invalid `to` field." },
        ),
      );
    });
  });
  return new Promise<{ url: string; received: Received[]; close: () => Promise<void> }>((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        received,
        close: () => new Promise((done) => server.close(() => done())),
      });
    }),
  );
}

const words = {
  subject: "Your sign-in link",
  intro: "Use this link:",
  action: "Sign in",
  expiry: "It works once.",
  ignore: "Ignore it otherwise.",
};

describe("email through Resend", () => {
  it("is sent by the real resend client with the key, sender and both bodies", async () => {
    const double = await startResendDouble();
    try {
      const sender = createResendSender({
        apiKey: "re_test_key",
        from: "Hum <hum@example.org>",
        baseUrl: double.url,
      });
      await sender.send({
        ...magicLinkEmail(
          "ann@example.org",
          "https://hum.example/api/auth/callback/resend?token=t",
          words,
        ),
        headers: { "List-Unsubscribe": "<https://hum.example/u/1>" },
      });
      expect(double.received).toHaveLength(1);
      const [request] = double.received;
      expect(request?.method).toBe("POST");
      expect(request?.url).toBe("/emails");
      expect(request?.authorization).toBe("Bearer re_test_key");
      expect(request?.body).toMatchObject({
        from: "Hum <hum@example.org>",
        to: "ann@example.org",
        subject: "Your sign-in link",
        headers: { "List-Unsubscribe": "<https://hum.example/u/1>" },
      });
      const body = request?.body as { text: string; html: string };
      expect(body.text).toContain("https://hum.example/api/auth/callback/resend?token=t");
      expect(body.html).toContain('href="https://hum.example/api/auth/callback/resend?token=t"');
    } finally {
      await double.close();
    }
  });

  it("fails loudly when Resend refuses the message", async () => {
    const double = await startResendDouble(422);
    try {
      const sender = createResendSender({
        apiKey: "re_test_key",
        from: "hum@example.org",
        baseUrl: double.url,
      });
      await expect(
        sender.send(magicLinkEmail("x@example.org", "https://hum.example", words)),
      ).rejects.toThrow(/Resend refused the message: validation_error/);
    } finally {
      await double.close();
    }
  });
});

describe("email through the outbox", () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(() => test?.close());

  it("keeps every message with its sender, headers and bodies", async () => {
    const sender = createOutboxSender(test.db, "Hum <hum@localhost>");
    await sender.send({
      ...magicLinkEmail("bea@example.org", "http://localhost:3000/x?a=1&b=2", words),
      headers: { "X-Test": "1" },
    });
    const [message] = await listOutbox(test.db);
    expect(message).toMatchObject({
      to: "bea@example.org",
      from: "Hum <hum@localhost>",
      headers: { "X-Test": "1" },
    });
    // The link survives intact in text and is escaped in HTML.
    expect(message?.text).toContain("http://localhost:3000/x?a=1&b=2");
    expect(message?.html).toContain("http://localhost:3000/x?a=1&amp;b=2");
  });
});
