import { createHash } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Participant } from "@/lib/community/authz";
import type { Database } from "@/lib/db/client";
import { standards } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import { RateLimitedError } from "@/lib/rate-limit";
import { requireRepresentative } from "@/lib/registry/authz";
import type { DeclarationBody } from "@/lib/registry/rules";
import { declarations, representatives } from "@/lib/registry/schema";
import { responseDesk } from "@/lib/reviews/answering";
import { surveyCsv, surveyJson } from "@/lib/reviews/export";
import { questions } from "@/lib/reviews/fixtures/survey";
import type { Question } from "@/lib/reviews/questions";
import {
  answeringOrganisations,
  publicResponses,
  publicResults,
  purchasersSurvey,
} from "@/lib/reviews/response-queries";
import {
  browserKeyOf,
  newBrowserId,
  submitResponse,
  submitResponses,
} from "@/lib/reviews/responses";
import { reviews, surveyResponses, surveys } from "@/lib/reviews/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson, createSecretary } from "@/tests/people";
import { insertOrganisation } from "@/tests/registry-fixtures";

let test: TestDatabase;
let db: Database;
let standardId: string;
let reviewId: string;
let secretary: Participant;
const NOW = new Date("2030-03-10T12:00:00Z");
const DAY = 86_400_000;
const SLUG = "survey-mark";

beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
  secretary = await createSecretary(db);
  const [standard] = await db
    .insert(standards)
    .values({ slug: SLUG, name: "Survey mark" })
    .returning({ id: standards.id });
  standardId = standard?.id ?? "";
  const [review] = await db
    .insert(reviews)
    .values({
      standardId,
      number: 1,
      title: "First review",
      questions: "Is the mark ready for a checked phase?",
      periodStart: new Date(NOW.getTime() - 365 * DAY),
      periodEnd: new Date(NOW.getTime() + 30 * DAY),
      openedBy: secretary.id,
    })
    .returning({ id: reviews.id });
  reviewId = review?.id ?? "";
});
afterAll(() => test?.close());

let surveyCounter = 0;

async function insertSurvey(
  options: {
    audience?: "anyone" | "participants" | "organisations";
    state?: "draft" | "open" | "closed";
    closesAt?: Date;
    resultsPublishedAt?: Date | null;
    ipSalt?: string | null;
    questions?: Question[];
    reviewId?: string;
    opensAt?: Date;
  } = {},
) {
  surveyCounter += 1;
  const [row] = await db
    .insert(surveys)
    .values({
      reviewId: options.reviewId ?? reviewId,
      number: surveyCounter,
      title: `Survey ${surveyCounter}`,
      audience: options.audience ?? "anyone",
      questions: options.questions ?? questions,
      state: options.state ?? "open",
      opensAt: options.opensAt ?? new Date(NOW.getTime() - DAY),
      closesAt: options.closesAt ?? new Date(NOW.getTime() + 7 * DAY),
      openedAt: new Date(NOW.getTime() - DAY),
      resultsPublishedAt: options.resultsPublishedAt ?? null,
      ipSalt: options.ipSalt === undefined ? `salt-${surveyCounter}` : options.ipSalt,
      createdBy: secretary.id,
    })
    .returning();
  if (!row) throw new Error("no survey");
  return row;
}

/** A valid response: the two required questions, and free text under "why" and "name". */
const valid = (why = "It told me about updates.") => ({
  bought: { kind: "choice", choice: "yes" },
  why: { kind: "text", text: why },
  trust: { kind: "scale", value: 4 },
  name: { kind: "text", text: "Cam-1" },
});

const browser = (ip = "203.0.113.7") => ({
  kind: "browser" as const,
  browserKey: browserKeyOf(newBrowserId()),
  ip,
});

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, fields: error.fieldErrors };
    throw error;
  }
  return null;
}

async function responseCount(surveyId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId));
  return row?.n ?? 0;
}

describe("anonymous responses", () => {
  it("stores a response with the browser's key and the salted hash of its address", async () => {
    const survey = await insertSurvey();
    const respondent = browser("198.51.100.4");
    const { id } = await submitResponse(
      db,
      { surveyNumber: survey.number, respondent, raw: valid() },
      NOW,
    );
    const [stored] = await db.select().from(surveyResponses).where(eq(surveyResponses.id, id));
    expect(stored?.browserKey).toBe(respondent.browserKey);
    expect(stored?.ipHash).toBe(
      createHash("sha256").update(`${survey.ipSalt}198.51.100.4`).digest("hex"),
    );
    expect(stored?.userId).toBeNull();
    expect(stored?.answers.trust).toEqual({ kind: "scale", value: 4 });
  });

  it("refuses a second response from the same browser and stores nothing more", async () => {
    const survey = await insertSurvey();
    const respondent = browser();
    await submitResponse(db, { surveyNumber: survey.number, respondent, raw: valid() }, NOW);
    const again = await refusal(
      submitResponse(db, { surveyNumber: survey.number, respondent, raw: valid("Again") }, NOW),
    );
    expect(again?.code).toBe("already_answered");
    expect(await responseCount(survey.id)).toBe(1);
  });

  it("refuses a response to a closed survey, or one past its closing time", async () => {
    const closed = await insertSurvey({ state: "closed", ipSalt: null });
    const late = await insertSurvey({ closesAt: new Date(NOW.getTime() - 1000) });
    const draft = await insertSurvey({ state: "draft" });
    for (const survey of [closed, late]) {
      const refused = await refusal(
        submitResponse(
          db,
          { surveyNumber: survey.number, respondent: browser(), raw: valid() },
          NOW,
        ),
      );
      expect(refused?.code).toBe("survey_closed");
      expect(await responseCount(survey.id)).toBe(0);
    }
    const refused = await refusal(
      submitResponse(db, { surveyNumber: draft.number, respondent: browser(), raw: valid() }, NOW),
    );
    expect(refused?.code).toBe("not_found");
  });

  it("refuses a missing required answer and a choice not offered, with field errors", async () => {
    const survey = await insertSurvey();
    const { trust: _, ...withoutTrust } = valid();
    const missing = await refusal(
      submitResponse(
        db,
        { surveyNumber: survey.number, respondent: browser(), raw: withoutTrust },
        NOW,
      ),
    );
    expect(missing).toEqual({ code: "invalid_input", fields: { trust: "required" } });
    const offered = await refusal(
      submitResponse(
        db,
        {
          surveyNumber: survey.number,
          respondent: browser(),
          raw: { ...valid(), bought: { kind: "choice", choice: "maybe" } },
        },
        NOW,
      ),
    );
    expect(offered).toEqual({ code: "invalid_input", fields: { bought: "choice_not_offered" } });
    expect(await responseCount(survey.id)).toBe(0);
  });

  it("refuses text over 5,000 characters", async () => {
    const survey = await insertSurvey();
    const refused = await refusal(
      submitResponse(
        db,
        { surveyNumber: survey.number, respondent: browser(), raw: valid("x".repeat(5001)) },
        NOW,
      ),
    );
    expect(refused).toEqual({ code: "invalid_input", fields: { why: "answer_too_long" } });
    expect(await responseCount(survey.id)).toBe(0);
  });

  it("refuses the 21st response in a minute from one address; refusals do not count", async () => {
    const survey = await insertSurvey();
    const ip = "192.0.2.50";
    const first = browser(ip);
    await submitResponse(db, { surveyNumber: survey.number, respondent: first, raw: valid() }, NOW);
    // A refused response (answered already, or invalid) is not counted against the address.
    await refusal(
      submitResponse(db, { surveyNumber: survey.number, respondent: first, raw: valid() }, NOW),
    );
    await refusal(
      submitResponse(db, { surveyNumber: survey.number, respondent: browser(ip), raw: {} }, NOW),
    );
    for (let i = 1; i < 20; i++) {
      await submitResponse(
        db,
        { surveyNumber: survey.number, respondent: browser(ip), raw: valid() },
        new Date(NOW.getTime() + i * 100),
      );
    }
    const soon = new Date(NOW.getTime() + 5_000);
    const limited = submitResponse(
      db,
      { surveyNumber: survey.number, respondent: browser(ip), raw: valid() },
      soon,
    );
    await expect(limited).rejects.toBeInstanceOf(RateLimitedError);
    expect(await responseCount(survey.id)).toBe(20);
    await submitResponse(
      db,
      { surveyNumber: survey.number, respondent: browser("192.0.2.51"), raw: valid() },
      soon,
    );
    // A minute after the first, the address may answer again.
    await submitResponse(
      db,
      { surveyNumber: survey.number, respondent: browser(ip), raw: valid() },
      new Date(NOW.getTime() + 61_000),
    );
    expect(await responseCount(survey.id)).toBe(22);
  });

  it("gives a survey opened without a salt one before its first answer", async () => {
    const survey = await insertSurvey({ ipSalt: null });
    const { id } = await submitResponse(
      db,
      { surveyNumber: survey.number, respondent: browser(), raw: valid() },
      NOW,
    );
    const [after] = await db.select().from(surveys).where(eq(surveys.id, survey.id));
    const [stored] = await db.select().from(surveyResponses).where(eq(surveyResponses.id, id));
    expect(after?.ipSalt).toMatch(/^[0-9a-f]{32}$/);
    expect(stored?.ipHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("responses written together", () => {
  it("decides each response of a batch as one at a time would, and stores only the accepted", async () => {
    const survey = await insertSurvey();
    const closed = await insertSurvey({ state: "closed" });
    const twice = browser("198.51.100.1");
    const earlier = browser("198.51.100.2");
    await submitResponse(
      db,
      { surveyNumber: survey.number, respondent: earlier, raw: valid() },
      NOW,
    );
    const crowded = "198.51.100.9";
    const outcomes = await submitResponses(
      db,
      [
        { surveyNumber: survey.number, respondent: twice, raw: valid("First") },
        { surveyNumber: survey.number, respondent: twice, raw: valid("Second") },
        { surveyNumber: survey.number, respondent: earlier, raw: valid() },
        { surveyNumber: survey.number, respondent: browser(), raw: {} },
        { surveyNumber: closed.number, respondent: browser(), raw: valid() },
        { surveyNumber: 999_999, respondent: browser(), raw: valid() },
        // 21 from one address: the 21st is past the limit, within the same transaction.
        ...Array.from({ length: 21 }, () => ({
          surveyNumber: survey.number,
          respondent: browser(crowded),
          fromForm: () => valid("From the form"),
        })),
      ],
      NOW,
    );
    const codes = outcomes.map((outcome) => (outcome.ok ? "ok" : outcome.error.code));
    expect(codes.slice(0, 6)).toEqual([
      "ok",
      "already_answered",
      "already_answered",
      "invalid_input",
      "survey_closed",
      "not_found",
    ]);
    expect(codes.slice(6, 26)).toEqual(Array(20).fill("ok"));
    expect(outcomes[26]).toMatchObject({ ok: false, error: expect.any(RateLimitedError) });
    // The first, the earlier one and the twenty: nothing of a refusal was stored.
    expect(await responseCount(survey.id)).toBe(22);
    expect(await responseCount(closed.id)).toBe(0);
    const [stored] = await db
      .select({ answers: surveyResponses.answers })
      .from(surveyResponses)
      .where(eq(surveyResponses.browserKey, twice.browserKey));
    expect(stored?.answers.why).toEqual({ kind: "text", text: "First" });
  });

  it("counts only stored responses against an address's limit", async () => {
    const survey = await insertSurvey();
    const ip = "198.51.100.20";
    const again = browser(ip);
    await submitResponse(db, { surveyNumber: survey.number, respondent: again, raw: valid() }, NOW);
    // Nineteen refusals in one batch (already answered, invalid) leave nineteen answers to come.
    await submitResponses(
      db,
      [
        ...Array.from({ length: 10 }, () => ({
          surveyNumber: survey.number,
          respondent: again,
          raw: valid(),
        })),
        ...Array.from({ length: 9 }, () => ({
          surveyNumber: survey.number,
          respondent: browser(ip),
          raw: {},
        })),
      ],
      NOW,
    );
    const more = await submitResponses(
      db,
      Array.from({ length: 19 }, () => ({
        surveyNumber: survey.number,
        respondent: browser(ip),
        raw: valid(),
      })),
      NOW,
    );
    expect(more.every((outcome) => outcome.ok)).toBe(true);
    expect(await responseCount(survey.id)).toBe(20);
  });

  it("does not let a response answered already take the last place under an address's limit", async () => {
    const survey = await insertSurvey();
    const ip = "198.51.100.30";
    const earlier = browser(ip);
    await submitResponse(
      db,
      { surveyNumber: survey.number, respondent: earlier, raw: valid() },
      NOW,
    );
    for (let i = 0; i < 18; i++) {
      await submitResponse(
        db,
        { surveyNumber: survey.number, respondent: browser(ip), raw: valid() },
        NOW,
      );
    }
    // Nineteen used; one batch brings the earlier browser again, then a new one: the new one
    // is the twentieth, and a third is one too many.
    const outcomes = await submitResponses(
      db,
      [
        { surveyNumber: survey.number, respondent: earlier, raw: valid() },
        { surveyNumber: survey.number, respondent: browser(ip), raw: valid() },
        { surveyNumber: survey.number, respondent: browser(ip), raw: valid() },
      ],
      NOW,
    );
    expect(outcomes.map((outcome) => (outcome.ok ? "ok" : outcome.error.code))).toEqual([
      "already_answered",
      "ok",
      "rate_limited",
    ]);
    expect(await responseCount(survey.id)).toBe(20);
  });

  it("stores every one of many responses sent at once through the desk, once each", async () => {
    const survey = await insertSurvey();
    const submit = responseDesk(db, () => NOW);
    const people = Array.from({ length: 64 }, (_, i) => browser(`203.0.113.${i + 1}`));
    const outcomes = await Promise.all(
      [...people, ...people.slice(0, 8)].map((respondent) =>
        submit({ surveyNumber: survey.number, respondent, raw: valid() }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(64);
    expect(
      outcomes
        .slice(64)
        .every((outcome) => !outcome.ok && outcome.error.code === "already_answered"),
    ).toBe(true);
    expect(await responseCount(survey.id)).toBe(64);
  });
});

describe("audiences", () => {
  it("lets only signed-in participants answer a participants' survey, once each", async () => {
    const survey = await insertSurvey({ audience: "participants" });
    const refused = await refusal(
      submitResponse(db, { surveyNumber: survey.number, respondent: browser(), raw: valid() }, NOW),
    );
    expect(refused?.code).toBe("unauthenticated");
    const participant = await createPerson(db);
    const respondent = { kind: "participant" as const, participant };
    await submitResponse(db, { surveyNumber: survey.number, respondent, raw: valid() }, NOW);
    const again = await refusal(
      submitResponse(db, { surveyNumber: survey.number, respondent, raw: valid() }, NOW),
    );
    expect(again?.code).toBe("already_answered");
    const [stored] = await db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.surveyId, survey.id));
    expect(stored?.userId).toBe(participant.id);
    expect(stored?.ipHash).toBeNull();
  });

  it("takes one response per organisation, from representatives of declaring organisations", async () => {
    const survey = await insertSurvey({ audience: "organisations" });
    const [alice, bob, carol] = [
      await createPerson(db),
      await createPerson(db),
      await createPerson(db),
    ];
    if (!alice || !bob || !carol) throw new Error("no people");
    const declaring = await insertOrganisation(db, alice.id, { name: "Declaring Ltd" });
    const idle = await insertOrganisation(db, carol.id, { name: "Idle Ltd" });
    const since = new Date(NOW.getTime() - 30 * DAY);
    await db.insert(representatives).values([
      { organisationId: declaring.id, userId: alice.id, startsAt: since },
      { organisationId: declaring.id, userId: bob.id, startsAt: since },
      { organisationId: idle.id, userId: carol.id, startsAt: since },
    ]);
    await db.insert(declarations).values({
      organisationId: declaring.id,
      standardId,
      state: "draft",
      stateChangedAt: since,
      working: {} as DeclarationBody,
      createdBy: alice.id,
      createdAt: since,
      updatedAt: since,
    });
    const as = async (person: Participant, organisationId: string) => ({
      kind: "organisation" as const,
      representative: await requireRepresentative(db, person, organisationId, "test", NOW),
    });
    expect(await answeringOrganisations(db, alice.id, { id: survey.id, standardId }, NOW)).toEqual([
      { id: declaring.id, name: "Declaring Ltd", answered: false },
    ]);
    expect(await answeringOrganisations(db, carol.id, { id: survey.id, standardId }, NOW)).toEqual(
      [],
    );

    const idleRefused = await refusal(
      submitResponse(
        db,
        { surveyNumber: survey.number, respondent: await as(carol, idle.id), raw: valid() },
        NOW,
      ),
    );
    expect(idleRefused?.code).toBe("not_in_audience");
    await submitResponse(
      db,
      { surveyNumber: survey.number, respondent: await as(alice, declaring.id), raw: valid() },
      NOW,
    );
    const second = await refusal(
      submitResponse(
        db,
        { surveyNumber: survey.number, respondent: await as(bob, declaring.id), raw: valid() },
        NOW,
      ),
    );
    expect(second?.code).toBe("already_answered");
    const browserRefused = await refusal(
      submitResponse(db, { surveyNumber: survey.number, respondent: browser(), raw: valid() }, NOW),
    );
    // A browser with no session is asked to sign in (its session may have just ended).
    expect(browserRefused?.code).toBe("unauthenticated");
    const stored = await db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.surveyId, survey.id));
    expect(stored.map((row) => [row.organisationId, row.userId])).toEqual([[declaring.id, null]]);
    expect(
      (await answeringOrganisations(db, bob.id, { id: survey.id, standardId }, NOW))[0]?.answered,
    ).toBe(true);
  });
});

describe("results", () => {
  it("shows the public nothing before the survey closes, and the secretariat live figures", async () => {
    const survey = await insertSurvey();
    await submitResponse(
      db,
      { surveyNumber: survey.number, respondent: browser(), raw: valid() },
      NOW,
    );
    const publicView = await publicResults(db, survey.number, null, NOW);
    expect(publicView?.visibility).toBe("not_yet");
    expect(publicView?.results).toBeNull();
    expect(await publicResponses(db, survey.number, NOW)).toBeNull();
    const live = await publicResults(db, survey.number, secretary, NOW);
    expect(live?.visibility).toBe("live");
    expect(live?.results?.find((r) => r.questionId === "trust")?.answered).toBe(1);
    const draft = await insertSurvey({ state: "draft" });
    expect(await publicResults(db, draft.number, null, NOW)).toBeNull();
  });

  it("withholds unpublished free text from the public results and the CSV", async () => {
    const survey = await insertSurvey();
    const secret = "My neighbour Jane Doe at 12 Rue X told me";
    const shared = "The badge linked to the evidence";
    const { id: secretId } = await submitResponse(
      db,
      { surveyNumber: survey.number, respondent: browser(), raw: valid(secret) },
      NOW,
    );
    const { id: sharedId } = await submitResponse(
      db,
      { surveyNumber: survey.number, respondent: browser(), raw: valid(shared) },
      NOW,
    );
    await db
      .update(surveys)
      .set({ state: "closed", closedAt: NOW, ipSalt: null })
      .where(eq(surveys.id, survey.id));

    const texts = async () => {
      const view = await publicResults(db, survey.number, null, NOW);
      expect(view?.visibility).toBe("public");
      const why = view?.results?.find((r) => r.questionId === "why");
      return why && "texts" in why ? why.texts : null;
    };
    expect(await texts()).toEqual([]);
    const exported = await publicResponses(db, survey.number, NOW);
    if (!exported) throw new Error("no public responses");
    const csv = surveyCsv(exported.survey.questions, exported.responses, {
      includeText: "publishable",
    });
    const json = JSON.stringify(
      surveyJson(exported.survey.questions, exported.responses, { includeText: "publishable" }),
    );
    for (const text of [secret, shared, "Cam-1"]) {
      expect(csv).not.toContain(text);
      expect(json).not.toContain(text);
    }

    await db
      .update(surveyResponses)
      .set({ publishableText: ["why"] })
      .where(eq(surveyResponses.id, sharedId));
    expect(await texts()).toEqual([shared]);
    const again = await publicResponses(db, survey.number, NOW);
    if (!again) throw new Error("no public responses");
    const csvAfter = surveyCsv(again.survey.questions, again.responses, {
      includeText: "publishable",
    });
    expect(csvAfter).toContain(shared);
    expect(csvAfter).not.toContain(secret);
    expect(secretId).not.toBe(sharedId);
  });

  it("publishes results early when the secretariat says so", async () => {
    const survey = await insertSurvey({ resultsPublishedAt: NOW });
    const view = await publicResults(db, survey.number, null, NOW);
    expect(view?.visibility).toBe("public");
    expect(view?.open).toBe(true);
  });
});

describe("the purchasers' survey of a listing", () => {
  it("is the newest open survey for anyone of a review of the listing's standard", async () => {
    const [other] = await db
      .insert(standards)
      .values({ slug: "other-mark", name: "Other mark" })
      .returning({ id: standards.id });
    const [review] = await db
      .insert(reviews)
      .values({
        standardId: other?.id ?? "",
        number: 1,
        title: "Other review",
        questions: "",
        periodStart: new Date(NOW.getTime() - 365 * DAY),
        periodEnd: NOW,
        openedBy: secretary.id,
      })
      .returning({ id: reviews.id });
    const on = { reviewId: review?.id ?? "" };
    expect(await purchasersSurvey(db, "other-mark", NOW)).toBeNull();
    const older = await insertSurvey({ ...on, opensAt: new Date(NOW.getTime() - 5 * DAY) });
    const newer = await insertSurvey({ ...on, opensAt: new Date(NOW.getTime() - 2 * DAY) });
    await insertSurvey({ ...on, audience: "participants" });
    await insertSurvey({ ...on, state: "closed" });
    await insertSurvey({ ...on, state: "draft" });
    expect(await purchasersSurvey(db, "other-mark", NOW)).toEqual({
      number: newer.number,
      title: newer.title,
    });
    await db.update(surveys).set({ state: "closed" }).where(eq(surveys.id, newer.id));
    expect((await purchasersSurvey(db, "other-mark", NOW))?.number).toBe(older.number);
    expect(
      await purchasersSurvey(db, "other-mark", new Date(NOW.getTime() + 365 * DAY)),
    ).toBeNull();
    expect(await purchasersSurvey(db, "no-such-standard", NOW)).toBeNull();
  });
});
