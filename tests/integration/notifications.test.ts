import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Participant } from "@/lib/community/authz";
import { seedDemo } from "@/lib/demo/seed";
import { openThread, reply } from "@/lib/discussion/mutations";
import { createClause } from "@/lib/drafting/mutations";
import { getStandardAxes } from "@/lib/drafting/queries";
import { outbox } from "@/lib/email/schema";
import { createOutboxSender } from "@/lib/email/sender";
import {
  type DeliveryContext,
  deliverImmediate,
  sendDailyDigests,
} from "@/lib/notifications/delivery";
import { setEmailMode, setWatch, unsubscribe } from "@/lib/notifications/mutations";
import { notifications, watches } from "@/lib/notifications/schema";
import { mintUnsubscribeToken, readUnsubscribeToken } from "@/lib/notifications/tokens";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

let test: TestDatabase;
let ann: Participant & { email: string };
let bob: Participant & { email: string };
let cat: Participant & { email: string };
let clauseId: string;
let standardId: string;
const secret = "notify-secret";

beforeAll(async () => {
  test = await createTestDatabase();
  await seedDemo(test.db);
  [ann, bob, cat] = [
    await createPerson(test.db, { name: "Ann" }),
    await createPerson(test.db, { name: "Bob" }),
    await createPerson(test.db, { name: "Cat" }),
  ];
  standardId = (await getStandardAxes(test.db, "iotmark"))?.id ?? "";
  ({ clauseId } = await createClause(test.db, ann, {
    standardSlug: "iotmark",
    title: "Update period",
    moduleCode: "SW",
    level: "Bronze",
    strength: "MUST",
  }));
});
afterAll(() => test?.close());

const context = (now = new Date()): DeliveryContext => ({
  db: test.db,
  sender: createOutboxSender(test.db, "Hum <hum@localhost>"),
  secret,
  publicUrl: "https://hum.example",
  now,
});
const mailTo = (address: string) => test.db.select().from(outbox).where(eq(outbox.to, address));

describe("notifications", () => {
  it("reach watchers of the clause and of the thread, never the person who acted", async () => {
    await setWatch(test.db, bob, "clause", clauseId, true);
    const { threadId } = await openThread(test.db, ann, clauseId, {
      kind: "question",
      title: "Why five?",
      quote: null,
      body: "Why five years?",
    });
    await reply(test.db, bob, {
      threadId,
      parentId: null,
      body: "Because most vendors manage it.",
    });
    const rows = await test.db
      .select()
      .from(notifications)
      .where(eq(notifications.threadId, threadId));
    // Bob hears of the thread (clause watch); Ann hears of Bob's reply (she watches what she wrote in).
    expect(rows.map((row) => [row.userId, row.kind]).sort()).toEqual(
      [
        [bob.id, "thread_opened"],
        [ann.id, "reply"],
      ].sort(),
    );
    expect(await mailTo(cat.email)).toHaveLength(0);
  });

  it("are emailed at once with one-click unsubscribe headers that end only that watch", async () => {
    await deliverImmediate(context());
    const [mail] = await mailTo(bob.email);
    expect(mail?.subject).toMatch(/^\[Hum\] SW-\d+ · Why five\?$/);
    expect(mail?.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const oneClick = mail?.headers["List-Unsubscribe"]?.match(
      /^<https:\/\/hum\.example\/unsubscribe\/([^/]+)\/one-click>$/,
    )?.[1];
    expect(oneClick).toBeTruthy();
    expect(mail?.html).toContain("Why five years?");
    expect(mail?.text).toContain("https://hum.example/standards/iotmark/draft/SW-");
    // Nothing is sent twice.
    expect(await deliverImmediate(context())).toBe(0);

    const target = readUnsubscribeToken(oneClick ?? "", secret);
    expect(target?.userId).toBe(bob.id);
    await setWatch(test.db, bob, "standard", standardId, true);
    expect(await unsubscribe(test.db, target?.watchId ?? "", target?.userId ?? "")).toBe(true);
    const left = await test.db.select().from(watches).where(eq(watches.userId, bob.id));
    expect(left.map((watch) => watch.target).sort()).toEqual(["standard", "thread"]);
    // A token cannot be bent to another person's watch.
    expect(
      readUnsubscribeToken(mintUnsubscribeToken(left[0]?.id ?? "", ann.id, "wrong"), secret),
    ).toBeNull();
    expect(await unsubscribe(test.db, left[0]?.id ?? "", ann.id)).toBe(false);
  });

  it("go out once a day as a digest for those who chose it, even with two servers at once", async () => {
    await setEmailMode(test.db, cat, "digest");
    await setWatch(test.db, cat, "clause", clauseId, true);
    const day = new Date("2026-11-24T19:00:00Z");
    // A run while nothing waits for Cat must not use up her digest for the day.
    expect(await sendDailyDigests(context(new Date("2026-11-24T08:00:00Z")))).toBe(0);
    const { threadId } = await openThread(
      test.db,
      ann,
      clauseId,
      { kind: "editorial", title: "Typo", quote: null, body: "Missing comma." },
      new Date("2026-11-24T09:00:00Z"),
    );
    await reply(
      test.db,
      bob,
      { threadId, parentId: null, body: "Fixed." },
      new Date("2026-11-24T10:00:00Z"),
    );
    expect(await deliverImmediate(context(day))).toBeGreaterThanOrEqual(0);
    expect(await mailTo(cat.email)).toHaveLength(0); // digest people get nothing immediately
    const [first, second] = await Promise.all([
      sendDailyDigests(context(day)),
      sendDailyDigests(context(day)),
    ]);
    expect(first + second).toBe(1);
    const mails = await mailTo(cat.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe("Your Hum digest: 2 updates");
    expect(mails[0]?.text).toContain("Missing comma.");
    expect(mails[0]?.text).toContain("Fixed.");
    expect(await sendDailyDigests(context(new Date("2026-11-24T23:00:00Z")))).toBe(0);
  });

  it("are emailed once even when two servers deliver at the same moment", async () => {
    const fay = await createPerson(test.db, { name: "Fay" });
    await setWatch(test.db, fay, "clause", clauseId, true);
    for (let i = 0; i < 5; i++) {
      await openThread(test.db, ann, clauseId, {
        kind: "comment",
        title: `Race ${i}`,
        quote: null,
        body: "x",
      });
    }
    const [first, second] = await Promise.all([
      deliverImmediate(context()),
      deliverImmediate(context()),
    ]);
    const mails = await mailTo(fay.email);
    expect(mails).toHaveLength(5);
    expect(new Set(mails.map((mail) => mail.subject)).size).toBe(5);
    expect(first + second).toBeGreaterThanOrEqual(5);
  });

  it("reach the people a message mentions, who then follow the thread", async () => {
    const eve = await createPerson(test.db, { name: "Eve Lindqvist" });
    const { threadId } = await openThread(test.db, ann, clauseId, {
      kind: "question",
      title: "Ask Eve",
      quote: null,
      body: "What does @EveLindqvist think? (not @nobody, nor mail@example.org)",
    });
    const mine = await test.db.select().from(notifications).where(eq(notifications.userId, eve.id));
    expect(mine.map((row) => [row.threadId, row.kind])).toEqual([[threadId, "mention"]]);
    const followed = await test.db.select().from(watches).where(eq(watches.userId, eve.id));
    expect(followed.map((watch) => [watch.target, watch.targetId])).toEqual([["thread", threadId]]);
  });

  it("are not emailed to people who turned email off, but stay in their inbox", async () => {
    const dan = await createPerson(test.db, { name: "Dan" });
    await setEmailMode(test.db, dan, "off");
    await setWatch(test.db, dan, "clause", clauseId, true);
    await openThread(test.db, ann, clauseId, {
      kind: "comment",
      title: "Quiet",
      quote: null,
      body: "Just a note.",
    });
    await deliverImmediate(context());
    expect(await mailTo(dan.email)).toHaveLength(0);
    expect(
      await test.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, dan.id))),
    ).toHaveLength(1);
  });
});
