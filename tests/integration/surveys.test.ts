import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/audit/schema";
import { requireSecretariat, type Secretariat } from "@/lib/community/authz";
import { standards } from "@/lib/drafting/schema";
import type { Question } from "@/lib/reviews/questions";
import { reviews, surveyResponses, surveys } from "@/lib/reviews/schema";
import { surveyResponsesOf } from "@/lib/reviews/survey-queries";
import {
  closeSurvey,
  copySurvey,
  createSurvey,
  moveDueSurveys,
  openSurvey,
  publishResults,
  SURVEY_ATTEMPT,
  type SurveyInput,
  setTextPublishable,
  updateSurveyQuestions,
} from "@/lib/reviews/surveys";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createPerson, createSecretary } from "@/tests/people";

/**
 * The secretariat's side of a survey: defining it, its dates, its results and which free text
 * may be shown. Answering (lib/reviews/responses.ts) is tested on its own; here responses are
 * rows put in directly.
 */

const t0 = new Date("2027-03-01T00:00:00Z");
const DAY = 86_400_000;
const at = (days: number) => new Date(t0.getTime() + days * DAY);

let test: TestDatabase;
let secretary: Secretariat;
let reviewId: string;

const questions: Question[] = [
  {
    id: "bought",
    kind: "single_choice",
    prompt: "Did the mark help you choose?",
    required: true,
    options: [
      { key: "yes", label: "Yes" },
      { key: "no", label: "No" },
    ],
    allowOther: true,
  },
  {
    id: "why",
    kind: "long_text",
    prompt: "How did it help?",
    required: false,
    showIf: { questionId: "bought", equals: "yes" },
  },
  {
    id: "trust",
    kind: "scale",
    prompt: "How far do you trust it?",
    required: false,
    lowLabel: "",
    highLabel: "",
  },
];

const input = (over: Partial<SurveyInput> = {}): SurveyInput => ({
  title: "Buyers of marked products",
  intro: "Five minutes about a product you bought.",
  audience: "anyone",
  questions,
  opensAt: at(1),
  closesAt: at(10),
  ...over,
});

/** The first row of a query that must return one. */
function first<T>(rows: (T | undefined)[]): T {
  const [row] = rows;
  if (row === undefined) throw new Error("no row");
  return row;
}

beforeAll(async () => {
  test = await createTestDatabase();
  secretary = await createSecretary(test.db);
  const [standard] = await test.db
    .insert(standards)
    .values({ slug: "surveyed", name: "Surveyed standard" })
    .returning({ id: standards.id });
  const [review] = await test.db
    .insert(reviews)
    .values({
      standardId: first([standard]).id,
      number: 1,
      title: "First review",
      questions: "Is the mark ready for a checked phase?",
      periodStart: at(-365),
      periodEnd: t0,
      openedBy: secretary.id,
    })
    .returning({ id: reviews.id });
  reviewId = first([review]).id;
});
afterAll(() => test?.close());

async function refusal(promise: Promise<unknown>): Promise<{ code: string; fields: object }> {
  try {
    await promise;
  } catch (error) {
    const { code, fieldErrors } = error as { code?: string; fieldErrors?: object };
    if (!code) throw error;
    return { code, fields: fieldErrors ?? {} };
  }
  throw new Error("not refused");
}

const surveyCount = async () => first(await test.db.select({ n: count() }).from(surveys)).n;
const surveyRow = async (id: string) =>
  first(await test.db.select().from(surveys).where(eq(surveys.id, id)));

async function respond(surveyId: string, answers: object, ipHash: string | null = "hash") {
  const [row] = await test.db
    .insert(surveyResponses)
    .values({
      surveyId,
      browserKey: crypto.randomUUID(),
      ipHash,
      answers: answers as never,
    })
    .returning({ id: surveyResponses.id });
  return first([row]).id;
}

describe("creating a survey", () => {
  it("stores a draft with a number across Hum and records it", async () => {
    const first = await createSurvey(test.db, secretary, reviewId, input(), t0);
    const second = await createSurvey(test.db, secretary, reviewId, input({ questions: [] }), t0);
    expect(second.number).toBe(first.number + 1);
    const row = await surveyRow(first.id);
    expect(row).toMatchObject({ state: "draft", audience: "anyone", ipSalt: null });
    expect(row.questions.map(({ id }) => id)).toEqual(["bought", "why", "trust"]);
    const [entry] = await test.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "reviews.survey_created"),
          eq(auditLog.subjectId, String(first.number)),
        ),
      );
    expect(entry).toMatchObject({ actorId: secretary.id, subjectType: "survey" });
  });

  it("refuses bad questions and details with field errors by path, and stores nothing", async () => {
    const before = await surveyCount();
    const bad = [
      { ...questions[0], options: [{ key: "yes", label: "Yes" }] },
      { ...questions[1], showIf: { questionId: "bought", equals: "maybe" } },
    ];
    const refused = await refusal(
      createSurvey(
        test.db,
        secretary,
        reviewId,
        input({ questions: bad, title: " ", closesAt: at(0) }),
        t0,
      ),
    );
    expect(refused).toEqual({
      code: "invalid_input",
      fields: {
        title: "required",
        closesAt: "ends_before_start",
        "questions.0.options": "option_count",
        "questions.1.showIf": "invalid_condition",
      },
    });
    expect(await surveyCount()).toBe(before);
  });

  it("lets only the secretariat manage surveys, and records the refusal", async () => {
    const participant = await createPerson(test.db);
    expect((await refusal(requireSecretariat(test.db, participant, SURVEY_ATTEMPT))).code).toBe(
      "forbidden",
    );
    const refusals = await test.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.actorId, participant.id), eq(auditLog.action, "access.refused")));
    expect(refusals.map(({ subjectId }) => subjectId)).toEqual([SURVEY_ATTEMPT]);
  });
});

describe("changing and copying questions", () => {
  it("changes questions until the first response, then refuses", async () => {
    const { id } = await createSurvey(test.db, secretary, reviewId, input(), t0);
    await updateSurveyQuestions(test.db, secretary, id, questions.slice(0, 1));
    expect((await surveyRow(id)).questions).toHaveLength(1);
    const refused = await refusal(
      updateSurveyQuestions(test.db, secretary, id, [{ ...questions[0], prompt: "" }]),
    );
    expect(refused).toEqual({
      code: "invalid_input",
      fields: { "questions.0.prompt": "required" },
    });
    await respond(id, { bought: { kind: "choice", choice: "yes" } });
    expect((await refusal(updateSurveyQuestions(test.db, secretary, id, questions))).code).toBe(
      "survey_has_responses",
    );
    expect((await surveyRow(id)).questions).toHaveLength(1);
  });

  it("copies into a new draft with new ids and conditions that follow them", async () => {
    const source = await createSurvey(test.db, secretary, reviewId, input(), t0);
    const copy = await copySurvey(test.db, secretary, source.id, at(5));
    expect(copy.id).not.toBe(source.id);
    expect(copy.number).toBeGreaterThan(source.number);
    const row = await surveyRow(copy.id);
    expect(row).toMatchObject({ state: "draft", copiedFrom: source.id, title: input().title });
    const ids = row.questions.map(({ id }) => id);
    expect(ids.some((id) => ["bought", "why", "trust"].includes(id))).toBe(false);
    expect(row.questions[1]?.showIf).toEqual({ questionId: ids[0], equals: "yes" });
    // Its dates keep their length, starting no earlier than the copy.
    expect(row.opensAt).toEqual(at(5));
    expect(row.closesAt).toEqual(at(14));
  });
});

describe("opening and closing", () => {
  it("opens and closes by the dates, once, however many run it at once", async () => {
    const { id } = await createSurvey(
      test.db,
      secretary,
      reviewId,
      input({ opensAt: at(20), closesAt: at(30) }),
      t0,
    );
    const empty = await createSurvey(
      test.db,
      secretary,
      reviewId,
      input({ questions: [], opensAt: at(20), closesAt: at(30) }),
      t0,
    );
    expect((await surveyRow(id)).state).toBe("draft");
    const opening = await Promise.all([
      moveDueSurveys(test.db, at(21)),
      moveDueSurveys(test.db, at(21)),
    ]);
    const row = await surveyRow(id);
    expect(row).toMatchObject({ state: "open", openedAt: at(21) });
    expect(row.ipSalt).toMatch(/^[\w-]{43}$/);
    // A draft with no questions has nothing to ask, so it stays a draft.
    expect((await surveyRow(empty.id)).state).toBe("draft");
    const openedHere = (await opening).reduce((sum, run) => sum + run.opened, 0);
    expect(openedHere).toBeGreaterThanOrEqual(1);
    const opened = await test.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "reviews.survey_opened"),
          eq(auditLog.subjectId, String(row.number)),
        ),
      );
    expect(opened).toHaveLength(1);
    expect(opened[0]?.actorId).toBeNull();

    const response = await respond(id, { bought: { kind: "choice", choice: "no" } }, "abc123");
    await Promise.all([moveDueSurveys(test.db, at(29)), moveDueSurveys(test.db, at(29))]);
    expect((await surveyRow(id)).state).toBe("open");
    await Promise.all([moveDueSurveys(test.db, at(30)), moveDueSurveys(test.db, at(30))]);
    const closedRow = await surveyRow(id);
    expect(closedRow).toMatchObject({ state: "closed", closedAt: at(30), ipSalt: null });
    const [kept] = await test.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.id, response));
    expect(kept?.ipHash).toBeNull();
    const closed = await test.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "reviews.survey_closed"),
          eq(auditLog.subjectId, String(row.number)),
        ),
      );
    expect(closed).toHaveLength(1);
    // Running again moves nothing.
    expect(await moveDueSurveys(test.db, at(31))).toMatchObject({ closed: 0 });
  });

  it("opens and closes by hand, dropping the salt and hashes at close", async () => {
    const { id } = await createSurvey(test.db, secretary, reviewId, input(), t0);
    expect((await refusal(closeSurvey(test.db, secretary, id, t0))).code).toBe("conflict");
    await openSurvey(test.db, secretary, id, t0);
    expect((await surveyRow(id)).ipSalt).not.toBeNull();
    expect((await refusal(openSurvey(test.db, secretary, id, t0))).code).toBe("conflict");
    const response = await respond(id, { bought: { kind: "choice", choice: "yes" } }, "hashed");
    await closeSurvey(test.db, secretary, id, at(2));
    expect(await surveyRow(id)).toMatchObject({ state: "closed", ipSalt: null, closedAt: at(2) });
    const [kept] = await test.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.id, response));
    expect(kept?.ipHash).toBeNull();
    expect((await refusal(openSurvey(test.db, secretary, id, at(3)))).code).toBe("survey_closed");
    expect((await refusal(closeSurvey(test.db, secretary, id, at(3)))).code).toBe("survey_closed");
  });

  it("refuses to open a draft without questions", async () => {
    const { id } = await createSurvey(test.db, secretary, reviewId, input({ questions: [] }), t0);
    expect(await refusal(openSurvey(test.db, secretary, id, t0))).toEqual({
      code: "invalid_input",
      fields: { questions: "required" },
    });
  });
});

describe("results and free text", () => {
  it("publishes results once, and records it", async () => {
    const { id, number } = await createSurvey(test.db, secretary, reviewId, input(), t0);
    expect((await refusal(publishResults(test.db, secretary, id, t0))).code).toBe("conflict");
    await openSurvey(test.db, secretary, id, t0);
    await publishResults(test.db, secretary, id, at(2));
    await publishResults(test.db, secretary, id, at(3));
    expect((await surveyRow(id)).resultsPublishedAt).toEqual(at(2));
    const entries = await test.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.action, "reviews.results_published"),
          eq(auditLog.subjectId, String(number)),
        ),
      );
    expect(entries).toHaveLength(1);
  });

  it("marks text answers and other entries publishable, and refuses anything else", async () => {
    const { id } = await createSurvey(test.db, secretary, reviewId, input(), t0);
    await openSurvey(test.db, secretary, id, t0);
    const texted = await respond(id, {
      bought: { kind: "choice", choice: "yes" },
      why: { kind: "text", text: "I could check the evidence." },
      trust: { kind: "scale", value: 4 },
    });
    const other = await respond(id, {
      bought: { kind: "choice", choice: null, other: "A friend" },
    });

    await setTextPublishable(test.db, secretary, texted, "why", true);
    await setTextPublishable(test.db, secretary, texted, "why", true);
    await setTextPublishable(test.db, secretary, other, "bought", true);
    const published = await surveyResponsesOf(test.db, id);
    expect(published.map((response) => [...response.publishableText])).toEqual([
      ["why"],
      ["bought"],
    ]);

    await setTextPublishable(test.db, secretary, texted, "why", false);
    expect([...first(await surveyResponsesOf(test.db, id)).publishableText]).toEqual([]);

    for (const [response, question] of [
      [texted, "trust"],
      [texted, "bought"],
      [other, "why"],
      [texted, "nothing"],
    ] as const) {
      expect(
        await refusal(setTextPublishable(test.db, secretary, response, question, true)),
      ).toEqual({
        code: "invalid_input",
        fields: { questionId: "invalid" },
      });
    }
  });
});
