import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openCall } from "@/lib/decisions/calls";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { addDays } from "@/lib/decisions/rules";
import { standards } from "@/lib/drafting/schema";
import { createOutboxSender } from "@/lib/email/sender";
import { setEnv } from "@/lib/env";
import { createWebhookEndpoint, fanOutWebhookEvents, sendDueWebhooks } from "@/lib/webhooks";
import { webhookDeliveries } from "@/lib/webhooks/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson, createSecretary } from "@/tests/people";
import { startReceiver } from "@/tests/webhook-receiver";

/**
 * A call decided by rough consensus reaches a Slack-compatible channel and a Matrix room, each
 * as a short message in the endpoint's language that links back to the call.
 */
let test: TestDatabase;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const origin = "https://hum.example";
const t0 = new Date("2026-11-01T10:00:00Z");

beforeAll(async () => {
  vi.stubEnv("OUTBOUND_ALLOW_LOOPBACK", "true");
  setEnv({});
  test = await createTestDatabase();
  receiver = await startReceiver();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  setEnv({});
  await receiver?.close();
  await test?.close();
});

describe("chat bridges", () => {
  it("tell a Slack channel and a Matrix room that a call was decided", async () => {
    const secretary = await createSecretary(test.db);
    const [standard] = await test.db
      .insert(standards)
      .values({ slug: "bridges", name: "Bridges standard" })
      .returning({ id: standards.id });
    const standardId = standard?.id ?? "";
    const slack = await createWebhookEndpoint(
      test.db,
      secretary.id,
      { standardId },
      { url: `${receiver.origin}/slack/T000/B000`, format: "slack", events: ["call.decided"] },
    );
    const matrix = await createWebhookEndpoint(
      test.db,
      secretary.id,
      { standardId },
      {
        url: `${receiver.origin}/`,
        format: "matrix",
        matrixRoomId: "!room:matrix.example",
        matrixAccessToken: "syt_secret_token",
        events: ["call.decided"],
        language: "fr",
      },
    );

    const proposer = await createPerson(test.db);
    const call = await openCall(
      test.db,
      proposer,
      standardId,
      {
        kind: "question",
        clauseRef: "",
        revision: null,
        title: "Name the lock profile",
        description: "",
        organisations: "",
      },
      t0,
    );
    for (let i = 0; i < 3; i += 1) {
      const person = await createPerson(test.db);
      await takePosition(test.db, person, call.id, { stance: "support", reason: "" }, t0);
    }
    await closeDue(test.db, addDays(t0, 14.1));
    await fanOutWebhookEvents(test.db, { origin });
    await sendDueWebhooks(test.db, {
      sender: createOutboxSender(test.db, "Hum <hum@localhost>"),
      origin,
    });

    const url = `${origin}/standards/bridges/calls/${call.number}`;
    const toSlack = receiver.at("/slack/");
    expect(toSlack).toHaveLength(1);
    expect(toSlack[0]?.method).toBe("POST");
    expect(JSON.parse(toSlack[0]?.body ?? "{}")).toEqual({
      text: `Bridges standard: call ${call.number} adopted: Name the lock profile <${url}|Open in Hum>`,
    });

    const [delivery] = await test.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, matrix.id));
    const toMatrix = receiver.at("/_matrix/");
    expect(toMatrix).toHaveLength(1);
    expect(toMatrix[0]?.method).toBe("PUT");
    expect(toMatrix[0]?.path).toBe(
      `/_matrix/client/v3/rooms/!room%3Amatrix.example/send/m.room.message/${delivery?.messageId}`,
    );
    expect(toMatrix[0]?.headers.authorization).toBe("Bearer syt_secret_token");
    const sentence = `Bridges standard : appel ${call.number} adopté : Name the lock profile`;
    expect(JSON.parse(toMatrix[0]?.body ?? "{}")).toEqual({
      msgtype: "m.text",
      body: `${sentence} ${url}`,
      format: "org.matrix.custom.html",
      formatted_body: `${sentence} <a href="${url}">Ouvrir dans Hum</a>`,
    });
    expect(slack.id).not.toBe(matrix.id);
  });
});
