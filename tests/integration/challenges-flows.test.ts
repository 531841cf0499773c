import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import { appealChallenge, challengesDue, voteOnChallenge } from "@/lib/challenges/deciding";
import { type ChallengeInput, fileChallenge, fileMisuseReport } from "@/lib/challenges/filing";
import { respondToChallenge, withdrawChallenge } from "@/lib/challenges/responses";
import { challengeAppeals } from "@/lib/challenges/schema";
import type { Participant } from "@/lib/community/authz";
import { addDays } from "@/lib/decisions/deliberation";
import { renderMessage } from "@/lib/i18n";
import { notifications } from "@/lib/notifications/schema";
import {
  at,
  challengeRow,
  codeOf,
  createWorld,
  declarationRow,
  entriesOf,
  listedDeclaration,
  publishNewVersion,
  t0,
  type World,
} from "@/tests/challenge-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

/**
 * A challenge from filing to outcome, as the issue tells it: disputed and struck off by the
 * steering committee after the advisory group split; cured and upheld as cured; a misuse report
 * confirmed; an appeal that overturns; and the two ways a challenge ends early.
 */

let test: TestDatabase;
let world: World;

beforeAll(async () => {
  test = await createTestDatabase();
  world = await createWorld(test.db);
});
afterAll(() => test?.close());

const challenge = (declarationNumber: number, over: Partial<ChallengeInput> = {}) => ({
  declarationNumber,
  clauses: ["SW-1"],
  reason: "The update page the evidence names does not exist.",
  evidence: ["https://example.org/screenshot"],
  withholdName: false,
  ...over,
});

const dispute = { response: "dispute" as const, text: "It exists; see the link.", evidence: [] };

async function notified(number: number, kind: string) {
  const rows = await test.db
    .select()
    .from(notifications)
    .where(
      and(eq(notifications.path, `/registry/challenges/${number}`), eq(notifications.kind, kind)),
    );
  return rows;
}

const ids = (people: Participant[]) => people.map((person) => person.id).sort();
const recipients = (rows: { userId: string }[]) => rows.map((row) => row.userId).sort();

describe("a disputed challenge the advisory group splits on", () => {
  let declaration: number;
  let number: number;
  let filer: Participant;

  beforeAll(async () => {
    filer = await createPerson(test.db, { name: "Dana Challenger" });
    declaration = await listedDeclaration(test.db, world);
    ({ number } = await fileChallenge(test.db, filer, challenge(declaration), t0));
  });

  it("is filed in the open: recorded, counted on the declaration, told to its representatives", async () => {
    const row = await challengeRow(test.db, number);
    expect(row).toMatchObject({
      kind: "challenge",
      phase: "responding",
      clauses: ["SW-1"],
      declarationVersion: 1,
      organisations: ["Lockwise"],
      responseDeadline: at(30),
      charter: {
        challengeResponseDays: 30,
        agDeadlineDays: 7,
        appealWindowDays: 7,
        relistingBanDays: 90,
      },
    });
    expect((await declarationRow(test.db, declaration)).openChallenges).toBe(1);
    const [filed] = await entriesOf(test.db, number);
    expect(filed).toMatchObject({
      action: "registry.challenge_filed",
      actorId: filer.id,
      details: { product: expect.stringMatching(/^Lumen hub/), clauses: "SW-1" },
    });
    // The representative in office hears of it; the one whose term ended does not.
    const told = await notified(number, "challenge_filed");
    expect(told.map((row) => row.userId)).toEqual([world.rep.id]);
    const excerpt = told[0]?.message?.excerpt;
    expect(excerpt && renderMessage(excerpt, "en")).toMatch(
      /^Dana Challenger challenged the answers to SW-1\. The organisation may respond until 2026-12-31 10:00 UTC/,
    );
  });

  it("goes to the advisory group when the declarant disputes it", async () => {
    await respondToChallenge(
      test.db,
      world.rep,
      number,
      { ...dispute, evidence: ["https://lockwise.example/updates"] },
      at(2),
    );
    const row = await challengeRow(test.db, number);
    expect(row).toMatchObject({
      phase: "escalated_ag",
      response: "dispute",
      responseText: dispute.text,
      responseEvidence: ["https://lockwise.example/updates"],
      respondedBy: world.rep.id,
      respondedAt: at(2),
      agDeadline: at(9),
      cureVersion: null,
    });
    expect((await entriesOf(test.db, number)).at(-1)).toMatchObject({
      action: "registry.challenge_responded",
      actorId: world.rep.id,
      details: { response: "dispute" },
    });
    expect(recipients(await notified(number, "challenge_escalated"))).toEqual(
      ids([world.recused, ...world.ag]),
    );
  });

  it("goes to the steering committee on a tie after one recusal", async () => {
    await voteOnChallenge(
      test.db,
      world.recused,
      number,
      { stage: "ag", choice: "recuse", rationale: "I work for Lockwise." },
      at(3),
    );
    await voteOnChallenge(
      test.db,
      world.ag[0],
      number,
      { stage: "ag", choice: "dismiss", rationale: "The page exists." },
      at(3),
    );
    await voteOnChallenge(
      test.db,
      world.ag[1],
      number,
      { stage: "ag", choice: "strike_off", rationale: "The page says nothing of updates." },
      at(3),
    );
    expect((await challengeRow(test.db, number)).phase).toBe("escalated_sc");
    const actions = (await entriesOf(test.db, number)).map((entry) => entry.action);
    expect(actions.slice(-4)).toEqual([
      "registry.challenge_recused",
      "registry.challenge_vote_cast",
      "registry.challenge_vote_cast",
      "registry.challenge_escalated_to_sc",
    ]);
    const sc = (await notified(number, "challenge_escalated")).filter((row) =>
      [world.scChair.id, world.sc.id].includes(row.userId),
    );
    expect(sc).toHaveLength(2);
  });

  it("is struck off by the chair's casting vote, and the declaration with it, barred from relisting", async () => {
    await voteOnChallenge(
      test.db,
      world.sc,
      number,
      { stage: "sc", choice: "dismiss", rationale: "Not enough to strike off." },
      at(4),
    );
    expect((await challengeRow(test.db, number)).phase).toBe("escalated_sc");
    await voteOnChallenge(
      test.db,
      world.scChair,
      number,
      { stage: "sc", choice: "strike_off", rationale: "The evidence shows no update page." },
      at(4),
    );
    const row = await challengeRow(test.db, number);
    expect(row).toMatchObject({ phase: "struck_off", decidedAt: at(4) });
    expect(row.rationale).toContain("The evidence shows no update page.");
    const listing = await declarationRow(test.db, declaration);
    expect(listing).toMatchObject({
      state: "struck_off",
      stateReason: "challenge",
      stateNote: row.rationale,
      stateChangedAt: at(4),
      relistingBarredUntil: addDays(at(4), 90),
      openChallenges: 0,
    });
    expect((await entriesOf(test.db, number)).at(-1)).toMatchObject({
      action: "registry.challenge_sc_ruled",
      actorId: null,
      details: { phase: "struck_off" },
    });
    const [struck] = await test.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "registry.declaration_struck_off"),
          eq(auditLog.subjectId, String(declaration)),
        ),
      );
    expect(struck?.details).toEqual({ challenge: number, expires: "2027-03-05" });
    const decided = await notified(number, "challenge_decided");
    expect(recipients(decided)).toEqual(ids([filer, world.rep]));
    const excerpt = decided[0]?.message?.excerpt;
    expect(excerpt && renderMessage(excerpt, "en")).toMatch(
      /^Upheld: the declaration is struck off the registry\. .*no update page/,
    );
  });

  it("refuses the declarant's appeal, too late", async () => {
    expect(await codeOf(appealChallenge(test.db, world.rep, number, "Unfair.", at(5)))).toBe(
      "appeal_window_closed",
    );
    // The scheduler finds nothing left to move.
    expect(await challengesDue(test.db, at(60))).toEqual({ moved: 0 });
  });
});

describe("a cured challenge", () => {
  it("is upheld and cured when the declarant publishes a version that changes the answer", async () => {
    const filer = await createPerson(test.db);
    const declaration = await listedDeclaration(test.db, world);
    const { number } = await fileChallenge(test.db, filer, challenge(declaration), t0);
    const version = await publishNewVersion(test.db, world, declaration, {
      ref: "SW-1",
      justification: "Our update page now lists every release.",
    });
    await respondToChallenge(
      test.db,
      world.rep,
      number,
      { response: "cure", text: "We published the missing page.", evidence: [] },
      at(5),
    );
    expect(await challengeRow(test.db, number)).toMatchObject({
      phase: "escalated_ag",
      response: "cure",
      cureVersion: version,
    });
    expect((await entriesOf(test.db, number)).at(-1)?.details).toEqual({
      response: "cure",
      version,
    });
    for (const member of world.ag) {
      await voteOnChallenge(
        test.db,
        member,
        number,
        { stage: "ag", choice: "uphold_cured", rationale: "It was wrong and is fixed." },
        at(6),
      );
    }
    expect(await challengeRow(test.db, number)).toMatchObject({
      phase: "ag_decided",
      agDecision: "uphold_cured",
      appealDeadline: at(13),
      rationale: null,
    });
    // The parties hear of the AG's decision and of their right to appeal.
    const heard = await notified(number, "challenge_decided");
    expect(heard).toHaveLength(2);
    expect(renderMessage(heard[0]?.message?.excerpt ?? { key: "errors.internal" }, "en")).toMatch(
      /^The advisory group decided: upheld and cured\. Either party may appeal to the steering committee until 2026-12-14 10:00 UTC\./,
    );
    expect(await challengesDue(test.db, at(13))).toEqual({ moved: 1 });
    const row = await challengeRow(test.db, number);
    expect(row).toMatchObject({ phase: "upheld_cured", decidedAt: at(13) });
    expect(row.rationale).toContain("It was wrong and is fixed.");
    expect((await entriesOf(test.db, number)).at(-1)).toMatchObject({
      action: "registry.challenge_decision_final",
      details: { phase: "upheld_cured" },
    });
    expect(await declarationRow(test.db, declaration)).toMatchObject({
      state: "listed",
      openChallenges: 0,
    });
  });

  it("takes any changed answer as the cure of a challenge to the claim as a whole", async () => {
    const filer = await createPerson(test.db);
    const declaration = await listedDeclaration(test.db, world);
    const { number } = await fileChallenge(
      test.db,
      filer,
      challenge(declaration, { clauses: [] }),
      t0,
    );
    const [filed] = await entriesOf(test.db, number);
    expect(filed?.details).not.toHaveProperty("clauses");
    await publishNewVersion(test.db, world, declaration, {
      ref: "SW-2",
      justification: "Reworded.",
    });
    await respondToChallenge(
      test.db,
      world.rep,
      number,
      { response: "cure", text: "Corrected.", evidence: [] },
      at(1),
    );
    expect((await challengeRow(test.db, number)).phase).toBe("escalated_ag");
  });
});

describe("a misuse report", () => {
  it("goes to the advisory group at once and is confirmed", async () => {
    const filer = await createPerson(test.db, { name: "Mo Reporter" });
    const { number } = await fileMisuseReport(
      test.db,
      filer,
      {
        standardSlug: world.release.slug,
        subjectName: "Copycat Cams",
        seenAt: "On the box of their C-1 camera",
        subjectUrl: "https://copycat.example/c1",
        reason: "The box shows the mark; the registry has no listing of theirs.",
        evidence: ["https://example.org/box-photo"],
        withholdName: false,
      },
      t0,
    );
    expect(await challengeRow(test.db, number)).toMatchObject({
      kind: "misuse_report",
      phase: "escalated_ag",
      agDeadline: at(7),
      declarationId: null,
      organisations: ["Copycat Cams"],
      subjectUrl: "https://copycat.example/c1",
    });
    expect((await entriesOf(test.db, number))[0]).toMatchObject({
      action: "registry.misuse_reported",
      actorId: filer.id,
      details: { name: "Copycat Cams" },
    });
    expect(recipients(await notified(number, "challenge_escalated"))).toEqual(
      ids([world.recused, ...world.ag]),
    );
    // No declarant, so no one may respond.
    expect(await codeOf(respondToChallenge(test.db, world.rep, number, dispute, at(1)))).toBe(
      "forbidden",
    );
    for (const member of world.ag) {
      await voteOnChallenge(
        test.db,
        member,
        number,
        { stage: "ag", choice: "confirm_misuse", rationale: "The photo shows the mark." },
        at(1),
      );
    }
    // Other challenges of this file may fall due at the same time: only this one is looked at.
    await challengesDue(test.db, at(8));
    expect((await challengeRow(test.db, number)).phase).toBe("misuse_confirmed");
    const decided = await notified(number, "challenge_decided");
    expect(decided.at(-1)?.userId).toBe(filer.id);
  });
});

describe("an appeal", () => {
  it("to the steering committee overturns the advisory group's strike-off", async () => {
    const filer = await createPerson(test.db);
    const declaration = await listedDeclaration(test.db, world);
    const { number } = await fileChallenge(test.db, filer, challenge(declaration), t0);
    await respondToChallenge(test.db, world.rep, number, dispute, at(1));
    for (const member of world.ag) {
      await voteOnChallenge(
        test.db,
        member,
        number,
        { stage: "ag", choice: "strike_off", rationale: "No update page." },
        at(2),
      );
    }
    await appealChallenge(test.db, world.rep, number, "The page was down for a day only.", at(3));
    expect((await challengeRow(test.db, number)).phase).toBe("appealed");
    const [appeal] = await test.db
      .select()
      .from(challengeAppeals)
      .where(eq(challengeAppeals.challengeId, (await challengeRow(test.db, number)).id));
    expect(appeal).toMatchObject({ appellantId: world.rep.id, party: "declarant" });
    expect((await entriesOf(test.db, number)).at(-1)).toMatchObject({
      action: "registry.challenge_appealed",
      actorId: world.rep.id,
    });
    // A second appeal finds the decision already appealed.
    expect(await codeOf(appealChallenge(test.db, filer, number, "Me too.", at(3)))).toBe(
      "wrong_stage",
    );
    for (const member of [world.sc, world.scChair]) {
      await voteOnChallenge(
        test.db,
        member,
        number,
        { stage: "sc", choice: "dismiss", rationale: "A day's outage is no false claim." },
        at(4),
      );
    }
    expect(await challengeRow(test.db, number)).toMatchObject({ phase: "dismissed" });
    expect((await entriesOf(test.db, number)).at(-1)).toMatchObject({
      action: "registry.challenge_sc_ruled",
      details: { phase: "dismissed", appeal: "overturned" },
    });
    expect(await declarationRow(test.db, declaration)).toMatchObject({
      state: "listed",
      openChallenges: 0,
      relistingBarredUntil: null,
    });
    // The challenger is told why it was dismissed.
    const told = (await notified(number, "challenge_decided")).filter(
      (row) => row.userId === filer.id,
    );
    expect(
      renderMessage(told.at(-1)?.message?.excerpt ?? { key: "errors.internal" }, "en"),
    ).toMatch(/^Dismissed\. .*A day's outage is no false claim\./);
  });
});

describe("ending early", () => {
  it("ends when the declarant withdraws the declaration in response", async () => {
    const filer = await createPerson(test.db);
    const declaration = await listedDeclaration(test.db, world);
    const { number } = await fileChallenge(test.db, filer, challenge(declaration), t0);
    await respondToChallenge(
      test.db,
      world.rep,
      number,
      { response: "withdraw", text: "We stopped selling it.", evidence: [] },
      at(1),
    );
    expect(await challengeRow(test.db, number)).toMatchObject({
      phase: "declaration_withdrawn",
      rationale: "We stopped selling it.",
      response: "withdraw",
      decidedAt: at(1),
    });
    expect(await declarationRow(test.db, declaration)).toMatchObject({
      state: "withdrawn",
      stateReason: "withdrawn",
      stateNote: "We stopped selling it.",
      openChallenges: 0,
    });
    const entries = await test.db
      .select()
      .from(auditLog)
      .where(
        inArray(auditLog.action, [
          "registry.declaration_withdrawn",
          "registry.challenge_responded",
        ]),
      );
    expect(
      entries
        .filter((entry) => [String(declaration), String(number)].includes(entry.subjectId))
        .filter((entry) => entry.at.getTime() === at(1).getTime())
        .map((entry) => [entry.action, entry.actorId]),
    ).toEqual(
      expect.arrayContaining([
        ["registry.declaration_withdrawn", world.rep.id],
        ["registry.challenge_responded", world.rep.id],
      ]),
    );
    expect((await notified(number, "challenge_decided")).map((row) => row.userId)).toEqual([
      filer.id,
    ]);
  });

  it("ends when the challenger withdraws it, and the representatives hear of it", async () => {
    const filer = await createPerson(test.db);
    const declaration = await listedDeclaration(test.db, world);
    const { number } = await fileChallenge(test.db, filer, challenge(declaration), t0);
    await withdrawChallenge(test.db, filer, number, "I misread the page.", at(2));
    expect(await challengeRow(test.db, number)).toMatchObject({
      phase: "withdrawn",
      rationale: "I misread the page.",
    });
    expect((await entriesOf(test.db, number)).at(-1)).toMatchObject({
      action: "registry.challenge_withdrawn",
      actorId: filer.id,
      details: { reason: "I misread the page." },
    });
    expect((await declarationRow(test.db, declaration)).openChallenges).toBe(0);
    expect((await notified(number, "challenge_decided")).map((row) => row.userId)).toEqual([
      world.rep.id,
    ]);
  });
});
