import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import { appealChallenge, challengesDue, voteOnChallenge } from "@/lib/challenges/deciding";
import { type ChallengeInput, fileChallenge, fileMisuseReport } from "@/lib/challenges/filing";
import { respondToChallenge, withdrawChallenge } from "@/lib/challenges/responses";
import { CHALLENGES_PER_DAY } from "@/lib/challenges/rules";
import type { Participant } from "@/lib/community/authz";
import { memberships } from "@/lib/community/schema";
import { requireRepresentative } from "@/lib/registry/authz";
import { withdrawDeclaration } from "@/lib/registry/declarations";
import { representatives } from "@/lib/registry/schema";
import {
  at,
  challengeRow,
  codeOf,
  createWorld,
  declarationRow,
  listedDeclaration,
  publishNewVersion,
  t0,
  type World,
  written,
} from "@/tests/challenge-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

/**
 * Who may do what to a challenge, and what bad input is refused with: every refusal names its
 * reason and leaves nothing half-written (no challenge, vote, appeal, notification or audit
 * entry other than the refusal itself).
 */

let test: TestDatabase;
let world: World;
let stranger: Participant;

beforeAll(async () => {
  test = await createTestDatabase();
  world = await createWorld(test.db);
  stranger = await createPerson(test.db, { name: "Sam Stranger" });
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

/** The refusal's code, with proof that nothing but a refusal was written. */
async function refused(attempt: () => Promise<unknown>): Promise<string> {
  const before = await written(test.db);
  const code = await codeOf(attempt());
  expect(await written(test.db)).toEqual(before);
  return code;
}

async function refusalsOf(person: Participant, attempted: string) {
  return test.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.actorId, person.id),
        eq(auditLog.action, "access.refused"),
        eq(auditLog.subjectId, attempted),
      ),
    );
}

describe("filing", () => {
  it("refuses drafts, lapsed, withdrawn and struck-off declarations as not challengeable", async () => {
    const filer = await createPerson(test.db);
    for (const state of ["draft", "lapsed", "withdrawn", "struck_off", "pending_review"] as const) {
      const number = await listedDeclaration(test.db, world, state);
      expect(await refused(() => fileChallenge(test.db, filer, challenge(number), t0))).toBe(
        "not_challengeable",
      );
    }
    expect(await refused(() => fileChallenge(test.db, filer, challenge(999_999), t0))).toBe(
      "not_found",
    );
  });

  it("refuses a missing reason, an unknown clause and bad evidence next to their fields", async () => {
    const filer = await createPerson(test.db);
    const number = await listedDeclaration(test.db, world);
    expect(
      await refused(() => fileChallenge(test.db, filer, challenge(number, { reason: "  " }), t0)),
    ).toBe('invalid_input:{"reason":"required"}');
    expect(
      await refused(() =>
        fileChallenge(test.db, filer, challenge(number, { reason: "x".repeat(5001) }), t0),
      ),
    ).toBe('invalid_input:{"reason":"too_long"}');
    // SW-3 exists in the standard, but a Bronze claim does not answer it.
    expect(
      await refused(() =>
        fileChallenge(test.db, filer, challenge(number, { clauses: ["SW-1", "SW-3"] }), t0),
      ),
    ).toBe('invalid_input:{"clauses":"unknown_clause"}');
    expect(
      await refused(() =>
        fileChallenge(test.db, filer, challenge(number, { evidence: ["ftp://example.org/x"] }), t0),
      ),
    ).toBe('invalid_input:{"evidence":"invalid_url"}');
    const many = Array.from({ length: 11 }, (_, index) => `https://example.org/${index}`);
    expect(
      await refused(() => fileChallenge(test.db, filer, challenge(number, { evidence: many }), t0)),
    ).toBe('invalid_input:{"evidence":"too_large"}');
  });

  it("refuses a sixth filing in 24 hours, challenges and misuse reports together", async () => {
    const filer = await createPerson(test.db);
    const number = await listedDeclaration(test.db, world);
    for (let index = 0; index < CHALLENGES_PER_DAY - 1; index += 1) {
      await fileChallenge(test.db, filer, challenge(number), new Date(t0.getTime() + index));
    }
    await fileMisuseReport(
      test.db,
      filer,
      {
        standardSlug: world.release.slug,
        subjectName: "Copycat Cams",
        seenAt: "On the box of their camera",
        subjectUrl: "https://copycat.example/camera",
        reason: "They show the mark and have no listing.",
        evidence: [],
        withholdName: false,
      },
      new Date(t0.getTime() + 10),
    );
    const sixth = new Date(t0.getTime() + 20);
    expect(await refused(() => fileChallenge(test.db, filer, challenge(number), sixth))).toBe(
      "challenge_limit",
    );
    // A day after the first, one may file again.
    await fileChallenge(test.db, filer, challenge(number), at(1));
    expect((await declarationRow(test.db, number)).openChallenges).toBe(CHALLENGES_PER_DAY);
  });

  it("counts two filings at once against the limit under one lock", async () => {
    const filer = await createPerson(test.db);
    const number = await listedDeclaration(test.db, world);
    for (let index = 0; index < CHALLENGES_PER_DAY - 1; index += 1) {
      await fileChallenge(test.db, filer, challenge(number), new Date(t0.getTime() + index));
    }
    const results = await Promise.all(
      [1, 2].map((n) =>
        codeOf(fileChallenge(test.db, filer, challenge(number), new Date(t0.getTime() + 100 + n))),
      ),
    );
    expect(results.sort()).toEqual(["challenge_limit", "ok"]);
  });

  it("refuses a misuse report without its subject, where it was seen or a web address", async () => {
    const filer = await createPerson(test.db);
    const code = await refused(() =>
      fileMisuseReport(
        test.db,
        filer,
        {
          standardSlug: world.release.slug,
          subjectName: "",
          seenAt: "",
          subjectUrl: "javascript:alert(1)",
          reason: "",
          evidence: [],
          withholdName: false,
        },
        t0,
      ),
    );
    expect(JSON.parse(code.replace("invalid_input:", ""))).toEqual({
      subjectName: "required",
      seenAt: "required",
      subjectUrl: "invalid_url",
      reason: "required",
    });
  });
});

describe("responding and withdrawing", () => {
  it("refuses a response by anyone but a representative in office, on the record", async () => {
    const filer = await createPerson(test.db);
    const declaration = await listedDeclaration(test.db, world);
    const { number } = await fileChallenge(test.db, filer, challenge(declaration), t0);
    const response = { response: "dispute" as const, text: "It exists.", evidence: [] };
    for (const person of [stranger, filer, world.formerRep, world.ag[0]]) {
      expect(
        await refused(() => respondToChallenge(test.db, person, number, response, at(1))),
      ).toBe("forbidden");
    }
    expect(await refusalsOf(world.formerRep, "registry.respond_to_challenge")).toHaveLength(1);
    expect((await challengeRow(test.db, number)).phase).toBe("responding");
  });

  it("refuses a cure that changes nothing challenged, and a response after the window", async () => {
    const filer = await createPerson(test.db);
    const declaration = await listedDeclaration(test.db, world);
    const { number } = await fileChallenge(test.db, filer, challenge(declaration), t0);
    const cure = { response: "cure" as const, text: "Fixed.", evidence: [] };
    expect(await refused(() => respondToChallenge(test.db, world.rep, number, cure, at(1)))).toBe(
      "not_cured",
    );
    // A new version that changes another clause's answer is no cure of SW-1 either.
    await publishNewVersion(test.db, world, declaration, {
      ref: "SW-2",
      justification: "Reworded.",
    });
    expect(await refused(() => respondToChallenge(test.db, world.rep, number, cure, at(1)))).toBe(
      "not_cured",
    );
    expect(
      await refused(() =>
        respondToChallenge(test.db, world.rep, number, { ...cure, text: "" }, at(1)),
      ),
    ).toBe('invalid_input:{"text":"required"}');
    expect(
      await refused(() =>
        respondToChallenge(
          test.db,
          world.rep,
          number,
          { response: "dispute", text: "Late.", evidence: [] },
          at(31),
        ),
      ),
    ).toBe("response_closed");
  });

  it("refuses the withdrawal of a challenge by anyone but its challenger, on the record", async () => {
    const filer = await createPerson(test.db);
    const declaration = await listedDeclaration(test.db, world);
    const { number } = await fileChallenge(test.db, filer, challenge(declaration), t0);
    for (const person of [stranger, world.rep]) {
      expect(
        await refused(() => withdrawChallenge(test.db, person, number, "Changed my mind.", at(1))),
      ).toBe("forbidden");
      expect(await refusalsOf(person, "registry.withdraw_challenge")).toHaveLength(1);
    }
    expect(await refused(() => withdrawChallenge(test.db, filer, number, " ", at(1)))).toBe(
      'invalid_input:{"reason":"required"}',
    );
  });

  it("refuses the declaration's own withdrawal while a challenge is open", async () => {
    const filer = await createPerson(test.db);
    const declaration = await listedDeclaration(test.db, world);
    await fileChallenge(test.db, filer, challenge(declaration), t0);
    const rep = await requireRepresentative(
      test.db,
      world.rep,
      world.organisationId,
      "registry.withdraw_declaration",
      at(1),
    );
    expect(
      await refused(() => withdrawDeclaration(test.db, rep, declaration, "Leaving.", at(1))),
    ).toBe("under_challenge");
    expect((await declarationRow(test.db, declaration)).state).toBe("listed");
  });
});

describe("voting and appealing", () => {
  /** A challenge the declarant disputed, now with the advisory group. */
  async function withAdvisoryGroup(): Promise<{ number: number; filer: Participant }> {
    const filer = await createPerson(test.db);
    const declaration = await listedDeclaration(test.db, world);
    const { number } = await fileChallenge(test.db, filer, challenge(declaration), t0);
    await respondToChallenge(
      test.db,
      world.rep,
      number,
      { response: "dispute", text: "The page exists; see the link.", evidence: [] },
      at(1),
    );
    return { number, filer };
  }

  it("refuses votes by non-members, former members and a member who must recuse", async () => {
    const { number } = await withAdvisoryGroup();
    const vote = { stage: "ag" as const, choice: "dismiss" as const, rationale: "It holds." };
    for (const person of [stranger, world.formerAg, world.scChair]) {
      expect(await refused(() => voteOnChallenge(test.db, person, number, vote, at(2)))).toBe(
        "not_member",
      );
    }
    expect(await refused(() => voteOnChallenge(test.db, world.rep, number, vote, at(2)))).toBe(
      "party_cannot_vote",
    );
    expect(await refused(() => voteOnChallenge(test.db, world.recused, number, vote, at(2)))).toBe(
      "must_recuse",
    );
    expect(
      await refused(() =>
        voteOnChallenge(test.db, world.ag[0], number, { ...vote, stage: "sc" }, at(2)),
      ),
    ).toBe("wrong_stage");
    expect(
      await refused(() =>
        voteOnChallenge(test.db, world.ag[0], number, { ...vote, choice: "confirm_misuse" }, at(2)),
      ),
    ).toBe("verdict_unavailable");
    expect(
      await refused(() =>
        voteOnChallenge(test.db, world.ag[0], number, { ...vote, choice: "uphold_cured" }, at(2)),
      ),
    ).toBe("not_cured");
    expect(
      await refused(() =>
        voteOnChallenge(test.db, world.ag[0], number, { ...vote, rationale: "" }, at(2)),
      ),
    ).toBe('invalid_input:{"rationale":"required"}');
    // The recusal itself is taken, and a second vote by the same member is not.
    await voteOnChallenge(
      test.db,
      world.recused,
      number,
      { ...vote, choice: "recuse", rationale: "I work for Lockwise." },
      at(2),
    );
    expect(await refused(() => voteOnChallenge(test.db, world.recused, number, vote, at(2)))).toBe(
      "already_voted",
    );
  });

  it("lets no party vote: a member who filed it, or who represents the organisation", async () => {
    const declaration = await listedDeclaration(test.db, world);
    const [member] = world.ag;
    const { number } = await fileChallenge(test.db, member, challenge(declaration), t0);
    await respondToChallenge(
      test.db,
      world.rep,
      number,
      { response: "dispute", text: "It holds.", evidence: [] },
      at(1),
    );
    const representing = await createPerson(test.db, { name: "Vera Vendor-Advisor" });
    await test.db.insert(memberships).values({
      userId: representing.id,
      group: "advisory_group",
      startsAt: at(-400),
    });
    await test.db.insert(representatives).values({
      organisationId: world.organisationId,
      userId: representing.id,
      startsAt: at(-400),
    });
    const vote = { stage: "ag" as const, choice: "strike_off" as const, rationale: "Mine." };
    for (const party of [member, representing]) {
      expect(await refused(() => voteOnChallenge(test.db, party, number, vote, at(2)))).toBe(
        "party_cannot_vote",
      );
    }
    // The majority is counted without them: the other adviser, and the recusal, decide it.
    await voteOnChallenge(
      test.db,
      world.recused,
      number,
      { ...vote, choice: "recuse", rationale: "I work for Lockwise." },
      at(2),
    );
    await voteOnChallenge(test.db, world.ag[1], number, vote, at(2));
    expect((await challengeRow(test.db, number)).phase).toBe("ag_decided");
  });

  it("refuses an appeal by a stranger on the record, and one after the window", async () => {
    const { number, filer } = await withAdvisoryGroup();
    const vote = { stage: "ag" as const, choice: "strike_off" as const, rationale: "No page." };
    for (const member of world.ag) await voteOnChallenge(test.db, member, number, vote, at(2));
    expect((await challengeRow(test.db, number)).phase).toBe("ag_decided");
    expect(
      await refused(() => appealChallenge(test.db, stranger, number, "I disagree.", at(3))),
    ).toBe("forbidden");
    expect(await refusalsOf(stranger, "registry.appeal_challenge")).toHaveLength(1);
    // The former representative is no party either.
    expect(
      await refused(() => appealChallenge(test.db, world.formerRep, number, "Unfair.", at(3))),
    ).toBe("forbidden");
    expect(await refused(() => appealChallenge(test.db, world.rep, number, "", at(3)))).toBe(
      'invalid_input:{"reason":"required"}',
    );
    // The window is 7 days from the AG's decision.
    expect(
      await refused(() => appealChallenge(test.db, world.rep, number, "Too late.", at(9.5))),
    ).toBe("appeal_window_closed");
    await challengesDue(test.db, at(9.5));
    expect((await challengeRow(test.db, number)).phase).toBe("struck_off");
    for (const party of [world.rep, filer]) {
      expect(
        await refused(() => appealChallenge(test.db, party, number, "Even later.", at(10))),
      ).toBe("appeal_window_closed");
    }
    expect(
      await refused(() => withdrawChallenge(test.db, filer, number, "Never mind.", at(10))),
    ).toBe("challenge_final");
  });

  it("refuses the challenger's withdrawal once the advisory group has decided", async () => {
    const { number, filer } = await withAdvisoryGroup();
    const vote = { stage: "ag" as const, choice: "dismiss" as const, rationale: "It holds." };
    for (const member of world.ag) await voteOnChallenge(test.db, member, number, vote, at(2));
    expect(
      await refused(() => withdrawChallenge(test.db, filer, number, "Never mind.", at(3))),
    ).toBe("too_late_to_withdraw");
  });
});
