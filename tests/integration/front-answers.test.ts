import http from "node:http";
import type { AddressInfo } from "node:net";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/client";
import { standards } from "@/lib/drafting/schema";
import { createFront, type Front } from "@/lib/http/front";
import { anonymousAnswering } from "@/lib/reviews/answering";
import { questions } from "@/lib/reviews/fixtures/survey";
import { browserKeyOf } from "@/lib/reviews/responses";
import { reviews, surveyResponses, surveys } from "@/lib/reviews/schema";
import { createTestDatabase, type TestDatabase } from "@/tests/database";
import { createSecretary } from "@/tests/people";

/*
 * The front takes anonymous survey answers itself and writes them together; a signed-in
 * person's go on to Next.js (here a stand-in that counts them).
 */

const ORIGIN = "http://hum.test";
const NOW = new Date("2030-03-10T12:00:00Z");
const DAY = 86_400_000;

let test: TestDatabase;
let db: Database;
let front: Front;
let base: string;
let surveyNumber = 0;
let surveyId = "";
let participantsSurveyNumber = 0;
const passed: string[] = [];
const upstream = http.createServer((request, response) => {
  passed.push(`${request.method} ${request.url}`);
  response.writeHead(200, { "Content-Type": "application/json" }).end('{"ok":true}');
});

beforeAll(async () => {
  test = await createTestDatabase();
  db = test.db;
  const secretary = await createSecretary(db);
  const [standard] = await db
    .insert(standards)
    .values({ slug: "answers-mark", name: "Answers mark" })
    .returning({ id: standards.id });
  const [review] = await db
    .insert(reviews)
    .values({
      standardId: standard?.id ?? "",
      number: 1,
      title: "Review",
      questions: "Does it work?",
      periodStart: new Date(NOW.getTime() - 30 * DAY),
      periodEnd: NOW,
      openedBy: secretary.id,
    })
    .returning({ id: reviews.id });
  // Two open surveys with the same questions: one for anyone, one for participants only.
  const opened = await db
    .insert(surveys)
    .values(
      (
        [
          [41, "Buyers", "anyone"],
          [42, "Members", "participants"],
        ] as const
      ).map(([number, title, audience]) => ({
        reviewId: review?.id ?? "",
        number,
        title,
        audience,
        questions,
        state: "open" as const,
        opensAt: new Date(NOW.getTime() - DAY),
        closesAt: new Date(NOW.getTime() + 7 * DAY),
        openedAt: new Date(NOW.getTime() - DAY),
        createdBy: secretary.id,
      })),
    )
    .returning();
  const survey = opened.find((row) => row.audience === "anyone");
  surveyNumber = survey?.number ?? 0;
  surveyId = survey?.id ?? "";
  participantsSurveyNumber = opened.find((row) => row.audience === "participants")?.number ?? 0;
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  const { port } = upstream.address() as AddressInfo;
  front = createFront(
    { host: "127.0.0.1", port },
    { origin: ORIGIN, trustedProxies: 1, answers: anonymousAnswering(db, () => NOW) },
  );
  await new Promise<void>((resolve) => front.server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(front.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  front?.server.closeAllConnections();
  await new Promise((resolve) => front?.server.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
  await test?.close();
});

/** The form's fields for a valid answer, as its script posts them. */
const fields = (why = "It said how long updates last.") =>
  new URLSearchParams([
    ["q.bought", "yes"],
    ["q.why", why],
    ["q.trust", "4"],
    ["q.name", "Cam-1"],
  ]);

const post = (body: URLSearchParams | string, headers: Record<string, string> = {}) =>
  fetch(`${base}/surveys/${surveyNumber}/answers`, {
    method: "POST",
    body,
    headers: { Origin: ORIGIN, Accept: "application/json", ...headers },
  });

async function stored(): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId));
  return row?.n ?? 0;
}

describe("survey answers at the front", () => {
  it("stores an anonymous answer, gives the browser its cookie, and refuses it a second time", async () => {
    const first = await post(fields());
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true });
    const cookie = first.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(
      /^hum-survey=[A-Za-z0-9_-]{43}; Path=\/surveys; Max-Age=\d+; HttpOnly; SameSite=Lax$/,
    );
    const id = cookie.split(";")[0]?.split("=")[1] ?? "";
    const [row] = await db
      .select({ browserKey: surveyResponses.browserKey })
      .from(surveyResponses)
      .where(eq(surveyResponses.surveyId, surveyId));
    expect(row?.browserKey).toBe(browserKeyOf(id));

    const again = await post(fields("Changed my mind."), { Cookie: `hum-survey=${id}` });
    // Refused by the survey's rules: the form's answer, not a failed request.
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ ok: false, code: "already_answered" });
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(await stored()).toBe(1);
    expect(passed).toEqual([]);
  });

  it("names the fields at fault and stores nothing", async () => {
    const before = await stored();
    const answer = await post(new URLSearchParams([["q.bought", "perhaps"]]));
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { bought: expect.any(String), trust: expect.any(String) },
    });
    expect(await stored()).toBe(before);
  });

  it("refuses another site's page, a body that is not a form, and an oversized one", async () => {
    const before = await stored();
    const foreign = await post(fields(), { Origin: "https://elsewhere.example" });
    expect(foreign.status).toBe(403);
    const json = await post(JSON.stringify({ bought: "yes" }), {
      "Content-Type": "application/json",
    });
    expect(json.status).toBe(415);
    const huge = await post(new URLSearchParams([["q.why", "x".repeat(1_100_000)]])).catch(
      () => null,
    );
    // Said before the connection closes, when the client is still listening; fetch may have
    // stopped listening once its body was refused.
    if (huge) expect(huge.status).toBe(413);
    // Fields by the hundred thousand (a body that URLSearchParams reads slowly) are refused
    // unread, and the front goes on answering.
    const many = await post("a&".repeat(300_000), {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(many.status).toBe(413);
    expect(await stored()).toBe(before);
  });

  it("takes many answers sent at once, each once, with each address counted apart", async () => {
    const before = await stored();
    const answers = await Promise.all(
      Array.from({ length: 80 }, (_, i) =>
        post(fields(`Answer ${i}`), { "X-Forwarded-For": `10.1.0.${i}` }),
      ),
    );
    expect(answers.map(({ status }) => status)).toEqual(Array(80).fill(200));
    expect(await stored()).toBe(before + 80);
    const [hashes] = await db
      .select({ n: count(surveyResponses.ipHash) })
      .from(surveyResponses)
      .where(eq(surveyResponses.surveyId, surveyId));
    expect(hashes?.n).toBe(before + 80);
  });

  it("refuses the 21st answer in a minute from one address with Retry-After", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const answer = await post(fields(), { "X-Forwarded-For": "10.2.0.1" });
      statuses.push(answer.status);
      if (answer.status === 429)
        expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([...Array(20).fill(200), 429]);
  });

  it("keeps answering after a browser goes away in the middle of its form", async () => {
    const { port } = front.server.address() as AddressInfo;
    await new Promise<void>((resolve) => {
      const request = http.request({
        host: "127.0.0.1",
        port,
        method: "POST",
        path: `/surveys/${surveyNumber}/answers`,
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": "100000",
        },
      });
      request.on("error", () => resolve());
      request.write("q.bought=yes&q.why=", () => {
        request.destroy();
        resolve();
      });
    });
    const answer = await post(fields("After the one who left."), {
      "X-Forwarded-For": "10.3.0.1",
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ok: true });
  });

  it("asks a browser without a session to sign in before answering a participants' survey", async () => {
    const answer = await fetch(`${base}/surveys/${participantsSurveyNumber}/answers`, {
      method: "POST",
      body: fields(),
      headers: { Origin: ORIGIN, Accept: "application/json" },
    });
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("passes a signed-in person's answer, and anything but a POST, to Next.js", async () => {
    passed.length = 0;
    await post(fields(), { Cookie: "authjs.session-token=abc" });
    await fetch(`${base}/surveys/${surveyNumber}/answers`);
    expect(passed).toEqual([
      `POST /surveys/${surveyNumber}/answers`,
      `GET /surveys/${surveyNumber}/answers`,
    ]);
  });
});
