import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { challengesAwaitingGroups, challengesWaitingFor } from "@/lib/challenges/queue";
import type { ChallengePhase } from "@/lib/challenges/rules";
import { challenges, challengeVotes } from "@/lib/challenges/schema";
import { memberships } from "@/lib/community/schema";
import { addDays, defaultCharter } from "@/lib/decisions/rules";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson, createSecretary } from "@/tests/people";
import {
  bodyFor,
  insertDeclaration,
  insertOrganisation,
  publishedRegistryStandard,
  type TestRelease,
} from "@/tests/registry-fixtures";

let test: TestDatabase;
let release: TestRelease;
let declarationId = "";
let declarationNumber = 0;
let challenger = "";
const t0 = new Date("2026-11-20T09:00:00Z");
const charter = {
  challengeResponseDays: defaultCharter.challengeResponseDays,
  agDeadlineDays: defaultCharter.agDeadlineDays,
  appealWindowDays: defaultCharter.appealWindowDays,
  relistingBanDays: defaultCharter.relistingBanDays,
};

beforeAll(async () => {
  test = await createTestDatabase();
  release = await publishedRegistryStandard(test.db, await createSecretary(test.db));
  const maker = await createPerson(test.db);
  const org = await insertOrganisation(test.db, maker.id, { name: "Lumen Home" });
  const row = await insertDeclaration(test.db, release, {
    organisationId: org.id,
    createdBy: maker.id,
    bodies: [bodyFor(release, "Lumen Bulb", [{ module: "SW", level: "Bronze" }])],
  });
  declarationId = row.id;
  declarationNumber = row.number;
  challenger = (await createPerson(test.db)).id;
});
afterAll(() => test?.close());

async function challenge(phase: ChallengePhase, agDeadline: Date | null = null) {
  const [row] = await test.db
    .insert(challenges)
    .values({
      kind: "challenge",
      standardId: release.standardId,
      declarationId,
      declarationVersion: 1,
      clauses: ["SW-1"],
      reason: "The update page promised by SW-1 does not exist.",
      filedBy: challenger,
      withholdName: true,
      organisations: ["Lumen Home"],
      charter,
      phase,
      filedAt: t0,
      agDeadline,
    })
    .returning();
  if (!row) throw new Error("no challenge");
  return row;
}

async function member(group: "advisory_group" | "steering_committee", endsAt?: Date) {
  const person = await createPerson(test.db);
  await test.db
    .insert(memberships)
    .values({ userId: person.id, group, startsAt: addDays(t0, -100), endsAt });
  return person.id;
}

describe("challenges in the groups' queues", () => {
  it("lists those a group owes a decision on, with the deadline, and waits for each member's vote", async () => {
    const later = await challenge("escalated_ag", addDays(t0, 20));
    const sooner = await challenge("escalated_ag", addDays(t0, 10));
    const tie = await challenge("escalated_sc");
    const appealed = await challenge("appealed");
    await challenge("responding");
    await challenge("ag_decided");
    await challenge("dismissed");
    const [report] = await test.db
      .insert(challenges)
      .values({
        kind: "misuse_report",
        standardId: release.standardId,
        reason: "The mark is on the box, and no listing exists.",
        subjectName: "Brightway Plugs",
        seenAt: "A market stall",
        subjectUrl: "https://brightway.example/plug",
        filedBy: challenger,
        charter,
        phase: "escalated_ag",
        filedAt: t0,
        agDeadline: addDays(t0, 30),
      })
      .returning();
    if (!report) throw new Error("no report");

    const all = await challengesAwaitingGroups(test.db);
    expect(all.map((row) => [row.number, row.group, row.deadline])).toEqual([
      [sooner.number, "advisory_group", addDays(t0, 10)],
      [later.number, "advisory_group", addDays(t0, 20)],
      [report.number, "advisory_group", addDays(t0, 30)],
      [tie.number, "steering_committee", null],
      [appealed.number, "steering_committee", null],
    ]);
    expect(all[0]).toMatchObject({
      kind: "challenge",
      declarationNumber,
      product: "Lumen Bulb",
      organisation: "Lumen Home",
      standard: "Test mark",
    });
    expect(all[2]).toMatchObject({ kind: "misuse_report", subjectName: "Brightway Plugs" });
    // The queue is public: nothing in it names the challenger.
    expect(JSON.stringify(all)).not.toContain(challenger);

    const adviser = await member("advisory_group");
    const chair = await member("steering_committee");
    const both = await member("advisory_group");
    await test.db
      .insert(memberships)
      .values({ userId: both, group: "steering_committee", startsAt: addDays(t0, -100) });
    const former = await member("advisory_group", addDays(t0, -1));
    const numbers = async (userId: string) =>
      (await challengesWaitingFor(test.db, userId, t0)).map((row) => row.number);

    expect(await numbers(adviser)).toEqual([sooner.number, later.number, report.number]);
    expect(await numbers(chair)).toEqual([tie.number, appealed.number]);
    expect(await numbers(former)).toEqual([]);
    expect(await numbers(challenger)).toEqual([]);

    await test.db.insert(challengeVotes).values([
      {
        challengeId: sooner.id,
        stage: "ag",
        userId: adviser,
        choice: "strike_off",
        rationale: "No update page.",
        castAt: t0,
      },
      // A vote at the advisory group's stage is not one at the steering committee's.
      {
        challengeId: tie.id,
        stage: "ag",
        userId: both,
        choice: "dismiss",
        rationale: "The page exists.",
        castAt: t0,
      },
      {
        challengeId: appealed.id,
        stage: "sc",
        userId: chair,
        choice: "strike_off",
        rationale: "Upheld on appeal.",
        castAt: t0,
      },
    ]);
    expect(await numbers(adviser)).toEqual([later.number, report.number]);
    expect(await numbers(chair)).toEqual([tie.number]);
    expect(await numbers(both)).toEqual([
      sooner.number,
      later.number,
      report.number,
      tie.number,
      appealed.number,
    ]);
    // A member whose term has not begun owes nothing yet.
    expect(await challengesWaitingFor(test.db, adviser, addDays(t0, -200))).toEqual([]);
  });
});
