import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import { createDatabase } from "@/lib/db/client";
import { addDays, defaultCharter } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { standards } from "@/lib/drafting/schema";
import { notifications } from "@/lib/notifications/schema";
import { declarationPath } from "@/lib/paths";
import { lapseDue, remindDue } from "@/lib/registry/lifecycle";
import type { DeclarationBody, DeclarationState } from "@/lib/registry/rules";
import { declarations, organisations, representatives } from "@/lib/registry/schema";
import { transitionOf } from "@/lib/registry/transition-queries";
import type { ReleaseContent } from "@/lib/releases/content";
import { releaseCandidates, releases, releaseWithdrawals } from "@/lib/releases/schema";
import { putCharterForTest } from "@/tests/charter";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";
import { clause, doc, release } from "@/tests/release-content";

let test: TestDatabase;
let standardId: string;
let organisationId: string;
let rep: { id: string };
let formerRep: { id: string };
let outsider: { id: string };
const ids: Record<string, string> = {};

const DAY = 24 * 60 * 60 * 1000;
const published10 = new Date("2026-01-01T00:00:00Z");
const published11 = new Date("2026-06-01T00:00:00Z");
const transitionDays = 30;
const transitionEnds = addDays(published11, transitionDays);
const claims = [{ module: "SW", level: "silver" }];

const v10 = release("1.0.0", [
  clause("SW-1", { strength: "MUST", level: "bronze", title: "Security updates" }),
  clause("SW-2", { level: "silver", title: "Update period" }),
]);
const v11 = release("1.1.0", [
  clause("SW-1", { strength: "MUST", level: "bronze", title: "Security updates" }),
  clause("SW-2", { level: "silver", title: "Update period", body: doc("Five years at least.") }),
  clause("SW-3", { strength: "MUST", level: "bronze", title: "Signed firmware" }),
]);

/** A release as an adopted release call publishes it; the database accepts no other. */
async function publish(content: ReleaseContent, number: number, at: Date): Promise<string> {
  const [candidate] = await test.db
    .insert(releaseCandidates)
    .values({
      standardId,
      version: content.version,
      content,
      digest: `digest-${content.version}`,
      trace: {},
      leftOut: [],
      preparedBy: rep.id,
      preparedAt: at,
    })
    .returning({ id: releaseCandidates.id });
  const [call] = await test.db
    .insert(calls)
    .values({
      standardId,
      number,
      kind: "release",
      title: `Publish ${content.version}`,
      releaseId: candidate?.id,
      charter: defaultCharter,
      phase: "adopted",
      openedBy: rep.id,
      openedAt: at,
      closesAt: at,
      decidedAt: at,
    })
    .returning({ id: calls.id });
  const [row] = await test.db
    .insert(releases)
    .values({
      standardId,
      version: content.version,
      content,
      digest: `digest-${content.version}`,
      trace: {},
      candidateId: candidate?.id ?? "",
      callId: call?.id ?? "",
      publishedAt: at,
    })
    .returning({ id: releases.id });
  return row?.id ?? "";
}

beforeAll(async () => {
  test = await createTestDatabase();
  [rep, formerRep, outsider] = [
    await createPerson(test.db),
    await createPerson(test.db),
    await createPerson(test.db),
  ];
  const [standard] = await test.db
    .insert(standards)
    .values({ slug: "iotmark", name: "IoTmark Principles" })
    .returning({ id: standards.id });
  standardId = standard?.id ?? "";
  await putCharterForTest(test.db, standardId, { ...defaultCharter, transitionDays });
  ids["1.0.0"] = await publish(v10, 1, published10);
  ids["1.1.0"] = await publish(v11, 2, published11);
  const [organisation] = await test.db
    .insert(organisations)
    .values({
      slug: "lumen",
      name: "Lumen Devices",
      country: "NL",
      website: "https://lumen.example.org",
      contact: "registry@lumen.example.org",
      verificationToken: "token",
      createdBy: rep.id,
    })
    .returning({ id: organisations.id });
  organisationId = organisation?.id ?? "";
  await test.db.insert(representatives).values([
    { organisationId, userId: rep.id, startsAt: published10 },
    { organisationId, userId: formerRep.id, startsAt: published10, endsAt: published11 },
  ]);
});
afterAll(() => test?.close());

type Listing = {
  state?: DeclarationState;
  version?: "1.0.0" | "1.1.0";
  expiresAt?: Date | null;
  remindedDays?: number | null;
};

/** A declaration as publishing leaves it, written straight in the table. */
async function declare(listing: Listing = {}) {
  const version = listing.version ?? "1.1.0";
  const body: DeclarationBody = {
    standard: "iotmark",
    release: { version, digest: `digest-${version}` },
    product: { name: "Lumen hub", model: "H2", url: "https://lumen.example.org/h2", category: "" },
    claims,
    answers: [],
  };
  const [row] = await test.db
    .insert(declarations)
    .values({
      organisationId,
      standardId,
      state: listing.state ?? "listed",
      stateChangedAt: published10,
      working: body,
      releaseId: ids[version] ?? null,
      productName: "Lumen hub",
      claims,
      latestVersion: 1,
      listedAt: published10,
      expiresAt: listing.expiresAt === undefined ? new Date("2030-01-01Z") : listing.expiresAt,
      remindedDays: listing.remindedDays ?? null,
      createdBy: rep.id,
      createdAt: published10,
      updatedAt: published10,
    })
    .returning();
  if (!row) throw new Error("insert failed");
  return row;
}

async function stateOf(id: string) {
  const [row] = await test.db.select().from(declarations).where(eq(declarations.id, id));
  return row;
}

async function auditsOf(number: number) {
  return test.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, "declaration"), eq(auditLog.subjectId, String(number))));
}

async function noticesOf(number: number, kind: string) {
  return test.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.path, declarationPath(number)), eq(notifications.kind, kind)));
}

describe("lapseDue", () => {
  it("lapses a listing when its term ends, not before, and tells its representatives", async () => {
    const expiresAt = new Date("2027-03-01T12:00:00Z");
    const listing = await declare({ expiresAt });
    await lapseDue(test.db, new Date(expiresAt.getTime() - 1));
    expect((await stateOf(listing.id))?.state).toBe("listed");
    expect(await auditsOf(listing.number)).toEqual([]);

    await lapseDue(test.db, expiresAt);
    const row = await stateOf(listing.id);
    expect(row).toMatchObject({ state: "lapsed", stateReason: "term_ended" });
    expect(row?.stateChangedAt).toEqual(expiresAt);
    const audits = await auditsOf(listing.number);
    expect(audits.map((entry) => [entry.action, entry.actorId])).toEqual([
      ["registry.declaration_lapsed", null],
    ]);
    const notices = await noticesOf(listing.number, "declaration_lapsed");
    // The representative in force hears of it; one whose term ended and an outsider do not.
    expect(notices.map((notice) => notice.userId)).toEqual([rep.id]);
    expect(notices[0]?.message).toEqual({
      subject: {
        key: "notifications.declarations.subject",
        params: { number: listing.number, product: "Lumen hub" },
      },
      excerpt: {
        key: "notifications.declarations.lapsed",
        params: { reason: "term_ended", on: "2027-03-01", version: "" },
      },
    });
    expect(notices.some((n) => n.userId === outsider.id || n.userId === formerRep.id)).toBe(false);
  });

  it("lapses a declaration still waiting for its review when its term ends", async () => {
    const expiresAt = new Date("2027-04-01T00:00:00Z");
    const waiting = await declare({ state: "pending_review", expiresAt });
    await lapseDue(test.db, addDays(expiresAt, 1));
    expect(await stateOf(waiting.id)).toMatchObject({ state: "lapsed", stateReason: "term_ended" });
  });

  it("keeps a listing on an older release until the transition period ends", async () => {
    const older = await declare({ version: "1.0.0" });
    const current = await declare({ version: "1.1.0" });
    await lapseDue(test.db, new Date(transitionEnds.getTime() - 1));
    expect((await stateOf(older.id))?.state).toBe("listed");

    await lapseDue(test.db, transitionEnds);
    expect(await stateOf(older.id)).toMatchObject({
      state: "lapsed",
      stateReason: "transition_ended",
    });
    expect((await auditsOf(older.number)).map((entry) => entry.action)).toEqual([
      "registry.transition_ended",
    ]);
    const [notice] = await noticesOf(older.number, "declaration_lapsed");
    expect(notice?.message?.excerpt?.params).toEqual({
      reason: "transition_ended",
      on: "2026-07-01",
      version: "1.1.0",
    });
    // A listing against the newest release never lapses by transition.
    await lapseDue(test.db, addDays(transitionEnds, 300));
    expect((await stateOf(current.id))?.state).toBe("listed");
  });

  it("leaves withdrawn, struck-off and draft declarations alone", async () => {
    const past = new Date("2026-02-01T00:00:00Z");
    const rows = await Promise.all(
      (["withdrawn", "struck_off", "draft"] as const).map((state) =>
        declare({ state, version: "1.0.0", expiresAt: past }),
      ),
    );
    await lapseDue(test.db, addDays(transitionEnds, 400));
    for (const row of rows) {
      expect((await stateOf(row.id))?.state).toBe(row.state);
      expect(await auditsOf(row.number)).toEqual([]);
    }
  });

  it("changes each listing once when two schedulers run at the same moment", async () => {
    const expiresAt = new Date("2028-01-01T00:00:00Z");
    const due = [
      ...(await Promise.all([1, 2, 3].map(() => declare({ expiresAt })))),
      ...(await Promise.all([1, 2].map(() => declare({ version: "1.0.0" })))),
    ];
    const other = createDatabase(test.url);
    try {
      const reports = await Promise.all([
        lapseDue(test.db, expiresAt),
        lapseDue(other.db, expiresAt),
        lapseDue(test.db, expiresAt),
      ]);
      const total = reports.reduce((sum, r) => sum + r.termEnded + r.transitionEnded, 0);
      expect(total).toBe(due.length);
    } finally {
      await other.pool.end();
    }
    for (const row of due) {
      expect((await stateOf(row.id))?.state).toBe("lapsed");
      expect(await auditsOf(row.number)).toHaveLength(1);
      expect(await noticesOf(row.number, "declaration_lapsed")).toHaveLength(1);
    }
  });
});

describe("remindDue", () => {
  it("reminds 30 and 7 days before the term ends, each once, and again next term", async () => {
    const expiresAt = new Date("2029-05-31T00:00:00Z");
    const listing = await declare({ expiresAt });
    const daysBefore = (days: number) => new Date(expiresAt.getTime() - days * DAY);
    const reminders = () => noticesOf(listing.number, "declaration_reminder");

    expect(await remindDue(test.db, daysBefore(31))).toBe(0);
    expect(await remindDue(test.db, daysBefore(30))).toBe(1);
    expect((await stateOf(listing.id))?.remindedDays).toBe(30);
    const [first] = await reminders();
    expect(first?.userId).toBe(rep.id);
    expect(first?.message?.excerpt).toEqual({
      key: "notifications.declarations.reminder",
      params: { days: 30, expires: "2029-05-31" },
    });
    expect(await remindDue(test.db, daysBefore(29))).toBe(0);

    const other = createDatabase(test.url);
    try {
      const counts = await Promise.all([
        remindDue(test.db, daysBefore(7)),
        remindDue(other.db, daysBefore(7)),
      ]);
      expect(counts[0] + counts[1]).toBe(1);
    } finally {
      await other.pool.end();
    }
    expect((await stateOf(listing.id))?.remindedDays).toBe(7);
    expect(await remindDue(test.db, daysBefore(1))).toBe(0);
    expect((await reminders()).map((n) => n.message?.excerpt?.params?.days)).toEqual([30, 7]);

    // A reaffirmation starts a new term and clears the reminders; nothing is due until its end.
    const renewed = addDays(expiresAt, 365);
    await test.db
      .update(declarations)
      .set({ expiresAt: renewed, remindedDays: null })
      .where(eq(declarations.id, listing.id));
    expect(await remindDue(test.db, daysBefore(1))).toBe(0);
    expect(await remindDue(test.db, addDays(renewed, -30))).toBe(1);
    expect(await reminders()).toHaveLength(3);
  });

  it("reminds no one of a listing that is not listed", async () => {
    const expiresAt = new Date("2029-09-01T00:00:00Z");
    const row = await declare({ state: "withdrawn", expiresAt });
    await remindDue(test.db, addDays(expiresAt, -5));
    expect(await noticesOf(row.number, "declaration_reminder")).toEqual([]);
  });
});

describe("transitionOf", () => {
  it("tells what the newest release asks, and until when the listing holds", async () => {
    const older = await declare({ version: "1.0.0" });
    const transition = await transitionOf(test.db, older);
    expect(transition).toMatchObject({
      from: { id: ids["1.0.0"], version: "1.0.0" },
      latest: { id: ids["1.1.0"], version: "1.1.0" },
      standardSlug: "iotmark",
      publishedAt: published11,
      transitionEndsAt: transitionEnds,
      changes: {
        newlyRequired: [{ ref: "SW-3", title: "Signed firmware", reason: "added" }],
        changed: [{ ref: "SW-2", title: "Update period", fields: ["body"] }],
        noLongerRequired: [],
      },
    });
    expect(await transitionOf(test.db, await declare({ version: "1.1.0" }))).toBeNull();
    expect(await transitionOf(test.db, { standardId, releaseId: null, claims: null })).toBeNull();
  });

  it("counts from the newest release that is not withdrawn", async () => {
    const older = await declare({ version: "1.0.0" });
    await test.db.insert(releaseWithdrawals).values({
      releaseId: ids["1.1.0"] ?? "",
      reason: "A flaw.",
      withdrawnBy: rep.id,
      withdrawnAt: addDays(published11, 2),
    });
    expect(await transitionOf(test.db, older)).toBeNull();
    await lapseDue(test.db, addDays(transitionEnds, 10));
    expect((await stateOf(older.id))?.state).toBe("listed");
  });
});
