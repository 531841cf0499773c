import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import { charterOf, setFoundingCharter } from "@/lib/decisions/charter";
import { proposeCharter } from "@/lib/decisions/charter-calls";
import { type Charter, charterSchema, defaultCharter } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { standards } from "@/lib/drafting/schema";
import { DomainError, type FieldErrors } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson, createSecretary } from "@/tests/people";

let test: TestDatabase;
let standardId = "";

beforeAll(async () => {
  test = await createTestDatabase();
  const [standard] = await test.db
    .insert(standards)
    .values({ slug: "challenged", name: "Challenged standard" })
    .returning({ id: standards.id });
  standardId = standard?.id ?? "";
});
afterAll(() => test?.close());

async function fieldErrorsOf(promise: Promise<unknown>): Promise<FieldErrors> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.fieldErrors;
    throw error;
  }
  throw new Error("expected a refusal");
}

const formOf = (charter: Charter, overrides: Record<string, string | undefined> = {}) => {
  const form: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(charter)) {
    if (typeof value !== "boolean") form[key] = String(value);
  }
  return { ...form, ...overrides };
};

describe("the challenge terms in the charter", () => {
  it("read a ticked checkbox as on and a missing one as off, within their bounds", () => {
    const on = charterSchema.parse(formOf(defaultCharter, { challengeOnBadge: "on" }));
    expect(on.challengeOnBadge).toBe(true);
    const off = charterSchema.parse(formOf(defaultCharter));
    expect(off).toMatchObject({
      challengeOnBadge: false,
      challengeResponseDays: 30,
      relistingBanDays: 90,
    });
    expect(
      charterSchema.parse(formOf(defaultCharter, { relistingBanDays: "0" })).relistingBanDays,
    ).toBe(0);
    const outside = charterSchema.safeParse(
      formOf(defaultCharter, { challengeResponseDays: "6", relistingBanDays: "731" }),
    );
    expect(outside.success).toBe(false);
    expect(outside.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ["challengeResponseDays", "too_small"],
      ["relistingBanDays", "too_large"],
    ]);
  });

  it("are set with the founding charter and recorded in the log", async () => {
    const secretary = await createSecretary(test.db);
    expect(await charterOf(test.db, standardId)).toMatchObject({
      challengeResponseDays: 30,
      challengeOnBadge: false,
      relistingBanDays: 90,
    });
    const founding: Charter = {
      ...defaultCharter,
      challengeResponseDays: 14,
      challengeOnBadge: true,
      relistingBanDays: 180,
    };
    await setFoundingCharter(test.db, secretary, standardId, founding);
    expect(await charterOf(test.db, standardId)).toEqual(founding);
    const [entry] = await test.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "decisions.charter_changed"));
    expect(entry?.details).toMatchObject({
      challengeResponseDays: 14,
      challengeOnBadge: true,
      relistingBanDays: 180,
    });
  });

  it("change by a call, and a change to one of them alone is a change", async () => {
    const proposer = await createPerson(test.db);
    const current = await charterOf(test.db, standardId);
    expect(
      await fieldErrorsOf(
        proposeCharter(test.db, proposer, standardId, {
          charter: { ...current, challengeResponseDays: 91 },
          reason: "Longer.",
        }),
      ),
    ).toEqual({ challengeResponseDays: "too_large" });
    expect(
      await fieldErrorsOf(
        proposeCharter(test.db, proposer, standardId, { charter: current, reason: "Same." }),
      ),
    ).toEqual({ charter: "no_changes" });
    const { id } = await proposeCharter(test.db, proposer, standardId, {
      charter: { ...current, challengeOnBadge: false },
      reason: "A challenge is not a finding: the badge should not say it.",
    });
    const [call] = await test.db.select().from(calls).where(eq(calls.id, id));
    expect(call?.proposedCharter).toEqual({ ...current, challengeOnBadge: false });
  });
});
