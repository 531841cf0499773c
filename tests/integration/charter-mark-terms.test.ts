import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import { applyCharterCall, charterOf, setFoundingCharter } from "@/lib/decisions/charter";
import { proposeCharter } from "@/lib/decisions/charter-calls";
import { type Charter, charterWithDefaults, defaultCharter } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { levels, standards } from "@/lib/drafting/schema";
import { DomainError, type FieldErrors } from "@/lib/errors";
import { markTermsOf } from "@/lib/registry/terms";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson, createSecretary } from "@/tests/people";

let test: TestDatabase;
let standardId = "";

beforeAll(async () => {
  test = await createTestDatabase();
  const [standard] = await test.db
    .insert(standards)
    .values({ slug: "marked", name: "Marked standard" })
    .returning({ id: standards.id });
  standardId = standard?.id ?? "";
  await test.db.insert(levels).values(
    ["Bronze", "Silver", "Gold"].map((name, position) => ({
      standardId,
      name,
      summary: "",
      position,
    })),
  );
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

describe("the mark's terms in the charter", () => {
  it("reads old copies of a charter with the defaults for what they lack", () => {
    const old = { commentPeriodDays: 21, quorum: 4, agDeadlineDays: 7, appealWindowDays: 7 };
    expect(charterWithDefaults(old)).toEqual({
      ...old,
      listingTermMonths: 12,
      transitionDays: 180,
      declarationReview: "none",
      challengeResponseDays: 30,
      challengeOnBadge: false,
      relistingBanDays: 90,
    });
    expect(charterWithDefaults(null)).toEqual(defaultCharter);
  });

  it("are set with the founding charter, and a review level must be one of the standard's", async () => {
    const secretary = await createSecretary(test.db);
    expect(await markTermsOf(test.db, standardId)).toEqual({
      listingTermMonths: 12,
      transitionDays: 180,
      declarationReview: "none",
    });
    expect(
      await fieldErrorsOf(
        setFoundingCharter(test.db, secretary, standardId, {
          ...defaultCharter,
          declarationReview: "Platinum",
        }),
      ),
    ).toEqual({ declarationReview: "unknown_level" });
    const founding: Charter = {
      ...defaultCharter,
      listingTermMonths: 24,
      transitionDays: 90,
      declarationReview: "Silver",
    };
    await setFoundingCharter(test.db, secretary, standardId, founding);
    expect(await charterOf(test.db, standardId)).toEqual(founding);
    expect(await markTermsOf(test.db, standardId)).toEqual({
      listingTermMonths: 24,
      transitionDays: 90,
      declarationReview: "Silver",
    });
    const [entry] = await test.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "decisions.charter_changed"));
    expect(entry?.details).toMatchObject({ listingTermMonths: 24, transitionDays: 90 });
  });

  it("change by a call, which carries every number so none is reset", async () => {
    const proposer = await createPerson(test.db);
    const current = await charterOf(test.db, standardId);
    expect(
      await fieldErrorsOf(
        proposeCharter(test.db, proposer, standardId, {
          charter: { ...current, listingTermMonths: 61 },
          reason: "Longer.",
        }),
      ),
    ).toEqual({ listingTermMonths: "too_large" });
    expect(
      await fieldErrorsOf(
        proposeCharter(test.db, proposer, standardId, {
          charter: { ...current, declarationReview: "Platinum" },
          reason: "Stricter.",
        }),
      ),
    ).toEqual({ declarationReview: "unknown_level" });
    const { id } = await proposeCharter(test.db, proposer, standardId, {
      charter: { ...current, transitionDays: 365 },
      reason: "A year to move to a new release.",
    });
    const [call] = await test.db.select().from(calls).where(eq(calls.id, id));
    expect(call?.proposedCharter).toEqual({ ...current, transitionDays: 365 });
  });

  it("stay as they are when a proposal made before they existed is adopted", async () => {
    const before = await charterOf(test.db, standardId);
    const old = { commentPeriodDays: 30, quorum: 5, agDeadlineDays: 7, appealWindowDays: 7 };
    await test.db.transaction((tx) =>
      applyCharterCall(
        tx,
        { standardId, slug: "marked", number: 99, proposedCharter: old },
        new Date(),
      ),
    );
    expect(await charterOf(test.db, standardId)).toEqual({ ...before, ...old });
    const entries = await test.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "decisions.charter_changed"), eq(auditLog.subjectId, "marked")),
      );
    expect(entries.at(-1)?.details).toMatchObject({ ...old, listingTermMonths: 24 });
  });
});
