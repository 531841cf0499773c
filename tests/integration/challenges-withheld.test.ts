import { eq, or, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import { appealChallenge, challengesDue, voteOnChallenge } from "@/lib/challenges/deciding";
import { fileChallenge, fileMisuseReport } from "@/lib/challenges/filing";
import { respondToChallenge, withdrawChallenge } from "@/lib/challenges/responses";
import { challengeAppeals } from "@/lib/challenges/schema";
import type { Participant } from "@/lib/community/authz";
import { outbox } from "@/lib/email/schema";
import { createOutboxSender } from "@/lib/email/sender";
import { renderMessage } from "@/lib/i18n";
import { deliverImmediate } from "@/lib/notifications/delivery";
import { notifications } from "@/lib/notifications/schema";
import {
  at,
  challengeRow,
  createWorld,
  entriesOf,
  listedDeclaration,
  t0,
  type World,
} from "@/tests/challenge-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

/**
 * A challenger who asks that their name be withheld: the groups that decide may see it on the
 * challenge, but no audit entry names them (by actor or in its details), and no notification or
 * email the declarant gets does either; the declarant reads "a member of the public".
 */

const NAME = "Wilhelmina Hiddenname";

let test: TestDatabase;
let world: World;
let hidden: Participant;
let filed: number[] = [];

beforeAll(async () => {
  test = await createTestDatabase();
  world = await createWorld(test.db);
  hidden = await createPerson(test.db, { name: NAME });
});
afterAll(() => test?.close());

/** Whatever a text shows of the challenger: their name, or their id. */
const namesHer = (text: string) => text.includes("Wilhelmina") || text.includes(hidden.id);

describe("a challenger whose name is withheld", () => {
  it("files, appeals and withdraws with no name on the record", async () => {
    const declaration = await listedDeclaration(test.db, world);
    const first = await fileChallenge(
      test.db,
      hidden,
      {
        declarationNumber: declaration,
        clauses: ["SW-1", "SW-2"],
        reason: "The evidence pages are empty.",
        evidence: [],
        withholdName: true,
      },
      t0,
    );
    const second = await fileChallenge(
      test.db,
      hidden,
      {
        declarationNumber: declaration,
        clauses: [],
        reason: "Nothing of it holds.",
        evidence: [],
        withholdName: true,
      },
      t0,
    );
    const report = await fileMisuseReport(
      test.db,
      hidden,
      {
        standardSlug: world.release.slug,
        subjectName: "Copycat Cams",
        seenAt: "Their shop",
        subjectUrl: "https://copycat.example",
        reason: "They show the mark.",
        evidence: [],
        withholdName: true,
      },
      t0,
    );
    filed = [first.number, second.number, report.number];
    // The challenge keeps who filed it, for the groups that decide.
    expect(await challengeRow(test.db, first.number)).toMatchObject({
      filedBy: hidden.id,
      withholdName: true,
    });

    await respondToChallenge(
      test.db,
      world.rep,
      first.number,
      { response: "dispute", text: "They are not empty.", evidence: [] },
      at(1),
    );
    for (const member of world.ag) {
      await voteOnChallenge(
        test.db,
        member,
        first.number,
        { stage: "ag", choice: "dismiss", rationale: "The pages show the answers." },
        at(2),
      );
    }
    await appealChallenge(test.db, hidden, first.number, "Look again at SW-2.", at(3));
    const [appeal] = await test.db
      .select()
      .from(challengeAppeals)
      .where(eq(challengeAppeals.challengeId, (await challengeRow(test.db, first.number)).id));
    expect(appeal).toMatchObject({ appellantId: hidden.id, party: "challenger" });
    for (const member of [world.sc, world.scChair]) {
      await voteOnChallenge(
        test.db,
        member,
        first.number,
        { stage: "sc", choice: "dismiss", rationale: "The AG read them right." },
        at(4),
      );
    }
    await withdrawChallenge(test.db, hidden, second.number, "Filed twice by mistake.", at(5));

    const entries = [
      ...(await entriesOf(test.db, first.number)),
      ...(await entriesOf(test.db, second.number)),
      ...(await entriesOf(test.db, report.number)),
    ];
    const byAction = (action: string) => entries.filter((entry) => entry.action === action);
    for (const action of [
      "registry.challenge_filed",
      "registry.challenge_appealed",
      "registry.challenge_withdrawn",
      "registry.misuse_reported",
    ]) {
      const found = byAction(action);
      expect(found.length, action).toBeGreaterThan(0);
      for (const entry of found) {
        expect(entry.actorId, action).toBeNull();
        expect(entry.details.party, action).toBe("withheld");
      }
    }
    expect(byAction("registry.challenge_filed")[0]?.details.clauses).toBe("SW-1, SW-2");
    expect(byAction("registry.challenge_sc_ruled")[0]?.details).toEqual({
      phase: "dismissed",
      appeal: "upheld",
    });
  });

  it("is in no audit entry, by actor or by detail", async () => {
    const mine = await test.db.select().from(auditLog).where(eq(auditLog.actorId, hidden.id));
    expect(mine).toEqual([]);
    const all = await test.db.select().from(auditLog);
    for (const entry of all) expect(namesHer(JSON.stringify(entry.details))).toBe(false);
  });

  it("is in no notification, and the declarant reads 'a member of the public'", async () => {
    const rows = await test.db
      .select()
      .from(notifications)
      .where(
        or(
          ...filed.map((number) => eq(notifications.path, `/registry/challenges/${number}`)),
          sql`false`,
        ),
      );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.actorId).toBeNull();
      expect(namesHer(JSON.stringify(row.message))).toBe(false);
      expect(namesHer(row.subject + row.excerpt)).toBe(false);
    }
    const toRep = rows.filter((row) => row.userId === world.rep.id);
    const filedNotice = toRep.find((row) => row.kind === "challenge_filed");
    expect(
      renderMessage(filedNotice?.message?.excerpt ?? { key: "errors.internal" }, "en"),
    ).toMatch(/^A member of the public challenged the answers to SW-1, SW-2\./);
    // The withdrawal and the outcome reach the representative too, without her name.
    expect(toRep.map((row) => row.kind).sort()).toEqual([
      "challenge_decided",
      "challenge_decided",
      "challenge_decided",
      "challenge_filed",
      "challenge_filed",
    ]);
  });

  it("is in no email to the declarant, as the email sender renders it", async () => {
    await deliverImmediate({
      db: test.db,
      sender: createOutboxSender(test.db, "Hum <hum@localhost>"),
      secret: "a-secret-long-enough-for-the-unsubscribe-tokens",
      publicUrl: "https://hum.example",
      now: at(6),
    });
    const mails = await test.db.select().from(outbox).where(eq(outbox.to, world.rep.email));
    expect(mails.length).toBe(5);
    for (const mail of mails) {
      expect(namesHer(mail.subject + mail.text + mail.html + JSON.stringify(mail.headers))).toBe(
        false,
      );
    }
    expect(mails.some((mail) => mail.text.includes("A member of the public challenged"))).toBe(
      true,
    );
  });

  it("is no actor of the scheduler's moves either", async () => {
    await challengesDue(test.db, at(60));
    const mine = await test.db.select().from(auditLog).where(eq(auditLog.actorId, hidden.id));
    expect(mine).toEqual([]);
  });
});
