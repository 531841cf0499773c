import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/lib/audit/mutations";
import { auditLog } from "@/lib/audit/schema";
import { type Participant, requireSecretariat, type Secretariat } from "@/lib/community/authz";
import { withdrawCall } from "@/lib/decisions/calls";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { addDays } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { openReviewThread } from "@/lib/discussion/mutations";
import { threadPlace } from "@/lib/discussion/place";
import { listReviewThreads } from "@/lib/discussion/queries";
import { declarationEvidence, evidenceLinks } from "@/lib/registry/schema";
import { getReview, listReviews, reviewFigures } from "@/lib/reviews/review-queries";
import { openReview, proposeConclusions } from "@/lib/reviews/reviews";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { outcomeOf } from "@/tests/outcome";
import { createPerson, createSecretary } from "@/tests/people";
import {
  bodyFor,
  insertDeclaration,
  insertOrganisation,
  publishedRegistryStandard,
  type TestRelease,
} from "@/tests/registry-fixtures";

let test: TestDatabase;
let secretary: Secretariat;
let people: Participant[];
let release: TestRelease;
const start = new Date("2026-01-01T00:00:00Z");
const end = new Date("2026-07-01T00:00:00Z");
const inside = new Date("2026-03-15T12:00:00Z");
const outside = new Date("2026-09-15T12:00:00Z");

beforeAll(async () => {
  test = await createTestDatabase();
  secretary = await createSecretary(test.db, { name: "Sec" });
  people = await Promise.all(["Ann", "Bob", "Cy"].map((name) => createPerson(test.db, { name })));
  release = await publishedRegistryStandard(test.db, secretary, 2);
}, 120_000);
afterAll(() => test?.close());

const period = { periodStart: start, periodEnd: end };

async function callOf(number: number) {
  const [call] = await test.db
    .select()
    .from(calls)
    .where(and(eq(calls.standardId, release.standardId), eq(calls.number, number)));
  if (!call) throw new Error(`call ${number} is missing`);
  return call;
}

describe("reviews", () => {
  it("are opened by the secretariat only, numbered per standard, on the record", async () => {
    const [ann] = people;
    if (!ann) throw new Error("no Ann");
    // What the action does first: a participant never gets the secretariat's proof.
    expect(await outcomeOf(requireSecretariat(test.db, ann, "reviews.open_review"))).toBe(
      "forbidden",
    );
    const input = { title: "First year", questions: "Is the mark ready?", ...period };
    expect(
      await outcomeOf(
        openReview(test.db, secretary, release.standardId, {
          ...input,
          periodStart: end,
          periodEnd: start,
        }),
      ),
    ).toBe("invalid_input");
    expect(
      await outcomeOf(openReview(test.db, secretary, release.standardId, { ...input, title: "" })),
    ).toBe("invalid_input");
    const first = await openReview(test.db, secretary, release.standardId, input, inside);
    const second = await openReview(test.db, secretary, release.standardId, input, inside);
    expect([first.number, second.number]).toEqual([1, 2]);
    const [entry] = await test.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "reviews.review_opened"),
          eq(auditLog.subjectId, `${release.slug}/1`),
        ),
      );
    expect(entry?.subjectType).toBe("review");
    const list = await listReviews(test.db, release.standardId);
    expect(list.map((review) => [review.number, review.state])).toEqual([
      [2, "in_progress"],
      [1, "in_progress"],
    ]);
  });

  it("gather the period's figures from the record", async () => {
    const [ann] = people;
    if (!ann) throw new Error("no Ann");
    const organisation = await insertOrganisation(test.db, ann.id, { name: "Lights Ltd" });
    const organisationId = organisation.id;
    const declare = async (name: string, level: string) =>
      insertDeclaration(test.db, release, {
        organisationId,
        createdBy: ann.id,
        bodies: [bodyFor(release, name, [{ module: "SW", level }])],
        listedAt: inside,
      });
    const a = await declare("Lamp", "Bronze");
    const b = await declare("Plug", "Silver");
    const c = await declare("Hub", "Bronze");
    const log = (
      action:
        | "registry.declaration_listed"
        | "registry.declaration_lapsed"
        | "registry.declaration_struck_off",
      number: number,
      at: Date,
    ) =>
      recordAudit(test.db, {
        at,
        actorId: ann.id,
        action,
        subjectType: "declaration",
        subjectId: String(number),
        details: {},
      });
    await log("registry.declaration_listed", a.number, inside);
    await log("registry.declaration_listed", b.number, inside);
    await log("registry.declaration_listed", c.number, outside);
    await log("registry.declaration_lapsed", a.number, inside);
    await log("registry.declaration_struck_off", b.number, inside);
    await test.db.insert(evidenceLinks).values({
      url: "https://example.org/gone",
      host: "example.org",
      state: "broken",
      changedAt: inside,
      nextCheckAt: outside,
    });
    await test.db
      .insert(declarationEvidence)
      .values({ declarationId: a.id, ref: "SW-1", url: "https://example.org/gone" });

    const figures = await reviewFigures(test.db, release.standardId, start, end);
    expect(figures.declarations).toMatchObject({
      listed: 2,
      lapsed: 1,
      struckOff: 1,
      withdrawn: 0,
    });
    expect(figures.declarations.listedByLevel).toEqual([
      { level: "Bronze", count: 1 },
      { level: "Silver", count: 1 },
    ]);
    expect(figures.evidence).toEqual({ brokenNow: 1, brokeInPeriod: 1 });
    expect(figures.challenges.filed).toBe(0);
    // Ann, and the secretary who opened two reviews in the period.
    expect(figures.participantsActive).toBeGreaterThanOrEqual(2);
    expect(figures.calls.appealed).toBe(0);
  });

  it("are concluded only when the call on their conclusions reaches consensus", async () => {
    const review = await getReview(test.db, release.slug, 1);
    if (!review) throw new Error("no review 1");
    const now = new Date();
    const { callNumber: withdrawn } = await proposeConclusions(
      test.db,
      secretary,
      review.review.id,
      { conclusions: "The mark is **not** ready." },
      now,
    );
    const firstCall = await callOf(withdrawn);
    expect(firstCall).toMatchObject({ kind: "review", reviewId: review.review.id });
    expect(firstCall.description).toBe("The mark is **not** ready.");
    expect((await getReview(test.db, release.slug, 1))?.state).toBe("conclusions_proposed");
    // One call at a time on a review's conclusions.
    expect(
      await outcomeOf(
        proposeConclusions(test.db, secretary, review.review.id, { conclusions: "Again" }, now),
      ),
    ).toBe("conflict");

    await withdrawCall(test.db, secretary, firstCall.id, "Rewording.", now);
    const afterWithdrawal = await getReview(test.db, release.slug, 1);
    expect(afterWithdrawal?.state).toBe("in_progress");
    expect(afterWithdrawal?.review.concludedAt).toBeNull();

    const { callNumber } = await proposeConclusions(
      test.db,
      secretary,
      review.review.id,
      { conclusions: "The mark is ready for a checked phase." },
      now,
    );
    const call = await callOf(callNumber);
    for (const person of people) {
      await takePosition(test.db, person, call.id, { stance: "support", reason: "" }, now);
    }
    await closeDue(test.db, addDays(call.closesAt, 0.01));
    expect((await callOf(callNumber)).phase).toBe("adopted");
    const concluded = await getReview(test.db, release.slug, 1);
    expect(concluded?.state).toBe("concluded");
    expect(concluded?.review.conclusions).toBe("The mark is ready for a checked phase.");
    expect(concluded?.calls.map((c) => [c.number, c.phase])).toEqual([
      [callNumber, "adopted"],
      [withdrawn, "withdrawn"],
    ]);
    const [entry] = await test.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "reviews.concluded"), eq(auditLog.subjectId, `${release.slug}/1`)),
      );
    expect(entry?.details).toEqual({ call: `${release.slug}/${callNumber}` });
    expect(
      await outcomeOf(
        proposeConclusions(test.db, secretary, review.review.id, { conclusions: "More" }),
      ),
    ).toBe("conflict");
  });

  it("stay unconcluded when the call fails to reach consensus", async () => {
    const review = await getReview(test.db, release.slug, 2);
    if (!review) throw new Error("no review 2");
    const now = new Date();
    const { callNumber } = await proposeConclusions(
      test.db,
      secretary,
      review.review.id,
      { conclusions: "Nothing to change." },
      now,
    );
    const call = await callOf(callNumber);
    const [ann] = people;
    if (!ann) throw new Error("no Ann");
    await takePosition(test.db, ann, call.id, { stance: "object", reason: "Too soon." }, now);
    await closeDue(test.db, addDays(call.closesAt, 0.01));
    expect((await callOf(callNumber)).phase).toBe("escalated_ag");
    expect((await getReview(test.db, release.slug, 2))?.review.concludedAt).toBeNull();
  });

  it("have their own discussion, whose threads are placed on the review", async () => {
    const review = await getReview(test.db, release.slug, 1);
    const [bob] = people;
    if (!review || !bob) throw new Error("missing");
    const { threadId } = await openReviewThread(test.db, bob, review.review.id, {
      kind: "question",
      title: "Which buyers were asked?",
      quote: null,
      body: "Were buyers outside the EU asked?",
    });
    const place = await threadPlace(test.db, threadId);
    expect(place.audit).toEqual({ subjectType: "review", subjectId: `${release.slug}/1` });
    expect(place.path).toBe(`/standards/${release.slug}/reviews/1#thread-${threadId}`);
    const threads = await listReviewThreads(test.db, review.review.id, null);
    expect(threads.map((thread) => thread.title)).toEqual(["Which buyers were asked?"]);
    expect(
      await outcomeOf(
        openReviewThread(test.db, bob, review.review.id, {
          kind: "objection",
          title: "No",
          quote: null,
          body: "No.",
        }),
      ),
    ).toBe("invalid_input");
  });
});
