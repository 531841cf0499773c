import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import { challengesDue, voteOnChallenge } from "@/lib/challenges/deciding";
import { fileChallenge } from "@/lib/challenges/filing";
import { notifications } from "@/lib/notifications/schema";
import {
  at,
  challengeRow,
  createWorld,
  listedDeclaration,
  t0,
  type World,
} from "@/tests/challenge-fixtures";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson } from "@/tests/people";

/**
 * The scheduler moves each challenge past its deadline once, however many servers run it at the
 * same moment: the response window ends (to the AG), the AG's deadline passes (to the SC), the
 * appeal window ends (the AG's decision stands). Counted in the audit log.
 */

let test: TestDatabase;
let world: World;
const numbers: number[] = [];

beforeAll(async () => {
  test = await createTestDatabase();
  world = await createWorld(test.db);
  const declaration = await listedDeclaration(test.db, world);
  for (let index = 0; index < 3; index += 1) {
    const filer = await createPerson(test.db);
    const { number } = await fileChallenge(
      test.db,
      filer,
      {
        declarationNumber: declaration,
        clauses: [],
        reason: "None of it holds.",
        evidence: [],
        withholdName: false,
      },
      new Date(t0.getTime() + index * 60_000),
    );
    numbers.push(number);
  }
});
afterAll(() => test?.close());

async function entries(action: string) {
  return test.db
    .select()
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, action),
        inArray(
          auditLog.subjectId,
          numbers.map((number) => String(number)),
        ),
      ),
    );
}

/** Two schedulers at once, as two servers would run them. */
async function race(now: Date): Promise<number> {
  const [a, b] = await Promise.all([challengesDue(test.db, now), challengesDue(test.db, now)]);
  return a.moved + b.moved;
}

describe("two schedulers racing", () => {
  it("move nothing before a deadline", async () => {
    expect(await race(at(29))).toBe(0);
    expect(await entries("registry.challenge_escalated_to_ag")).toHaveLength(0);
  });

  it("end each response window once", async () => {
    // The last challenge was filed two minutes after the first: its window is still open.
    const now = new Date(at(30).getTime() + 60_000);
    expect(await race(now)).toBe(2);
    expect(await entries("registry.challenge_escalated_to_ag")).toHaveLength(2);
    expect((await challengeRow(test.db, numbers[2] ?? 0)).phase).toBe("responding");
    expect(await race(at(31))).toBe(1);
    expect(await race(at(31))).toBe(0);
    const escalated = await entries("registry.challenge_escalated_to_ag");
    expect(escalated.map((entry) => entry.subjectId).sort()).toEqual(numbers.map(String).sort());
    for (const number of numbers) {
      expect(await challengeRow(test.db, number)).toMatchObject({
        phase: "escalated_ag",
        response: null,
      });
    }
    // The AG heard of each once per member.
    const told = await test.db
      .select()
      .from(notifications)
      .where(eq(notifications.kind, "challenge_escalated"));
    expect(told).toHaveLength(3 * numbers.length);
  });

  it("send each past the AG's deadline to the SC once, and end each appeal window once", async () => {
    const [decided, ...rest] = numbers;
    for (const member of world.ag) {
      await voteOnChallenge(
        test.db,
        member,
        decided ?? 0,
        { stage: "ag", choice: "dismiss", rationale: "Nothing shows it false." },
        at(32),
      );
    }
    expect(await race(at(38.5))).toBe(2);
    expect(await race(at(38.5))).toBe(0);
    expect(
      (await entries("registry.challenge_escalated_to_sc")).map((e) => e.subjectId).sort(),
    ).toEqual(rest.map(String).sort());
    // The AG decided the first at day 32; its appeal window ends at day 39.
    expect(await race(at(39))).toBe(1);
    expect(await race(at(40))).toBe(0);
    expect(await entries("registry.challenge_decision_final")).toHaveLength(1);
    expect(await challengeRow(test.db, decided ?? 0)).toMatchObject({ phase: "dismissed" });
  });
});
