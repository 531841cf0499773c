import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Participant } from "@/lib/community/authz";
import { getCallPage } from "@/lib/decisions/call-page";
import { openCall } from "@/lib/decisions/calls";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { addDays } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { standards } from "@/lib/drafting/schema";
import { outbox } from "@/lib/email/schema";
import { createOutboxSender } from "@/lib/email/sender";
import { deliverImmediate } from "@/lib/notifications/delivery";
import { listInbox } from "@/lib/notifications/queries";
import { notifications } from "@/lib/notifications/schema";
import { callTimeline } from "@/lib/transparency/queries";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

/**
 * Notifications about calls, and the rationale of a call adopted by rough consensus, store a key
 * of the catalogue and its parameters, never English; they read in words wherever shown.
 */
let test: TestDatabase;
let proposer: Participant & { email: string };
let supporters: Participant[];
let callId: string;
let number: number;
const t0 = new Date("2026-11-01T10:00:00Z");
const slug = "notices";

beforeAll(async () => {
  test = await createTestDatabase();
  const [standard] = await test.db
    .insert(standards)
    .values({ slug, name: "Notices test standard" })
    .returning({ id: standards.id });
  proposer = await createPerson(test.db, { name: "Proposer" });
  supporters = [
    await createPerson(test.db),
    await createPerson(test.db),
    await createPerson(test.db),
  ];
  ({ id: callId, number } = await openCall(
    test.db,
    proposer,
    standard?.id ?? "",
    {
      kind: "question",
      clauseRef: "",
      revision: null,
      title: "Name the lock profile",
      description: "",
      organisations: "",
    },
    t0,
  ));
  for (const person of supporters) {
    await takePosition(test.db, person, callId, { stance: "support", reason: "" }, t0);
  }
  await closeDue(test.db, addDays(t0, 12.5)); // the reminder, two days before it closes
  await closeDue(test.db, addDays(t0, 14.1)); // closed: rough consensus
});
afterAll(() => test?.close());

describe("a call's notifications", () => {
  it("store catalogue keys and parameters, not English", async () => {
    const rows = await test.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, proposer.id), eq(notifications.callId, callId)));
    expect(rows.map((row) => row.kind).sort()).toEqual(["call_closing", "call_decided"]);
    for (const row of rows) {
      expect(row.subject).toBe("");
      expect(row.message?.subject).toEqual({
        key: "notifications.calls.subject",
        params: { number, title: "Name the lock profile" },
      });
    }
    const decided = rows.find((row) => row.kind === "call_decided");
    expect(decided?.excerpt).toBe("");
    expect(decided?.message?.excerpt).toEqual({
      key: "notifications.calls.decided",
      params: {
        outcome: "adopted",
        rationale: { key: "decisions.rationales.consensus", params: { positions: 3 } },
      },
    });
  });

  it("read in words in the inbox and in emails", async () => {
    const inbox = await listInbox(test.db, proposer.id, "en");
    const subject = `Call ${number} · Name the lock profile`;
    expect(inbox.map((item) => [item.kind, item.subject, item.excerpt])).toEqual([
      [
        "call_decided",
        subject,
        "Adopted. Rough consensus: 3 positions taken, no objection left open.",
      ],
      ["call_closing", subject, "Closes 2026-11-15 10:00 UTC."],
    ]);
    await deliverImmediate({
      db: test.db,
      sender: createOutboxSender(test.db, "Hum <hum@localhost>"),
      secret: "notices-secret",
      publicUrl: "https://hum.example",
      now: addDays(t0, 15),
    });
    const mails = await test.db.select().from(outbox).where(eq(outbox.to, proposer.email));
    expect(mails.map((mail) => mail.subject)).toEqual([`[Hum] ${subject}`, `[Hum] ${subject}`]);
    expect(mails.map((mail) => mail.text).join("\n")).toContain("Closes 2026-11-15 10:00 UTC.");
  });

  it("written before keys were stored keep showing their English", async () => {
    const reader = await createPerson(test.db);
    await test.db.insert(notifications).values({
      userId: reader.id,
      callId,
      kind: "call_closing",
      subject: "Call 1 · Old wording",
      path: `/standards/${slug}/calls/${number}`,
      excerpt: "Closes 2026-01-01 10:00 UTC.",
    });
    const [item] = await listInbox(test.db, reader.id, "en");
    expect([item?.subject, item?.excerpt]).toEqual([
      "Call 1 · Old wording",
      "Closes 2026-01-01 10:00 UTC.",
    ]);
  });
});

describe("a rough-consensus rationale", () => {
  it("is stored as a key and read in words on the call page and in its timeline", async () => {
    const [call] = await test.db.select().from(calls).where(eq(calls.id, callId));
    expect(call).toMatchObject({
      phase: "adopted",
      rationale: null,
      rationaleMessage: { key: "decisions.rationales.consensus", params: { positions: 3 } },
    });
    const page = await getCallPage(test.db, slug, number, null);
    const words = "Rough consensus: 3 positions taken, no objection left open.";
    expect(page?.call.rationale).toBe(words);
    const timeline = await callTimeline(test.db, slug, number);
    const consensus = timeline.find((entry) => entry.action === "decisions.consensus");
    expect(consensus?.details).toMatchObject({ rationale: words });
  });

  it("written in English before keys were stored keeps showing it", async () => {
    await test.db
      .update(calls)
      .set({ rationale: "Rough consensus: 4 positions taken.", rationaleMessage: null })
      .where(eq(calls.id, callId));
    const page = await getCallPage(test.db, slug, number, null);
    expect(page?.call.rationale).toBe("Rough consensus: 4 positions taken.");
  });
});
