import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runExample } from "@/examples/api-client";
import { apiEndpoints } from "@/lib/api/endpoints";
import { createApiRouter } from "@/lib/api/router";
import { createToken } from "@/lib/api/tokens";
import { auditLog } from "@/lib/audit/schema";
import { seedDemo } from "@/lib/demo/seed";
import { standards } from "@/lib/drafting/schema";
import { setEnv } from "@/lib/env";
import { createWebhookEndpoint, fanOutWebhookEvents, sendDueWebhooks } from "@/lib/webhooks";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson, createSecretary } from "@/tests/people";

/*
 * The example program (examples/api-client.ts), run against Hum's API served over HTTP, with
 * the scheduler's webhook work running beside it: it reads the latest release, opens a thread,
 * opens a call, takes a position, and receives the signed webhook for its call.
 */

let test: TestDatabase;
let hum: http.Server;
let humBase = "";
let scheduling = true;
let scheduler: Promise<void> = Promise.resolve();

/** A port nobody listens on now, for the example's receiver. */
async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  setEnv({ OUTBOUND_ALLOW_LOOPBACK: "true" });
  test = await createTestDatabase();
  await seedDemo(test.db, new Date(), { releases: true });
  const router = createApiRouter({
    db: test.db,
    endpoints: apiEndpoints,
    origin: "http://hum.test",
  });
  hum = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const answer = await router(
      new Request(`http://hum.test${request.url}`, {
        method: request.method ?? "GET",
        headers: request.headers as Record<string, string>,
        ...(body.length ? { body } : {}),
      }),
    );
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => hum.listen(0, "127.0.0.1", resolve));
  humBase = `http://127.0.0.1:${(hum.address() as AddressInfo).port}`;
  // What the launcher's scheduler does every second, here without pause until the test ends.
  scheduler = (async () => {
    while (scheduling) {
      await fanOutWebhookEvents(test.db, { origin: "http://hum.test" });
      await sendDueWebhooks(test.db, { origin: "http://hum.test" });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
}, 240_000);

afterAll(async () => {
  scheduling = false;
  await scheduler;
  await new Promise((resolve) => hum?.close(resolve));
  await test?.close();
});

describe("a program using only fetch and a token", () => {
  it("reads, comments, opens a call, takes a position and receives its signed webhook", async () => {
    const [standard] = await test.db.select().from(standards).where(eq(standards.slug, "iotmark"));
    const secretary = await createSecretary(test.db);
    const port = await freePort();
    const { secret } = await createWebhookEndpoint(
      test.db,
      secretary.id,
      { standardId: standard?.id ?? "" },
      {
        url: `http://127.0.0.1:${port}/hum`,
        format: "json",
        events: ["call.opened"],
        language: "en",
      },
    );
    const owner = await createPerson(test.db, { name: "Flow Owner" });
    const { token } = await createToken(test.db, owner, {
      name: "flow-bot",
      scopes: ["read", "comment", "position"],
      expiresInDays: 7,
    });
    const lines: string[] = [];
    const result = await runExample({
      hum: humBase,
      token,
      secret,
      port,
      standard: "iotmark",
      waitMs: 60_000,
      log: (line) => lines.push(line),
    });
    expect(result.webhook.type).toBe("call.opened");
    expect(lines.at(-1)).toContain("signature verified");
    const recorded = await test.db
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.actorId, owner.id)));
    expect(recorded.map((entry) => entry.action).sort()).toEqual([
      "decisions.call_opened",
      "decisions.position_taken",
      "discussion.thread_opened",
    ]);
    expect(recorded.every((entry) => entry.details.token === "flow-bot")).toBe(true);
  });
});
