/**
 * The surveys' budgets, through Hum's production server (`npm start`) with the demo community:
 *
 * - 2,000 anonymous responses to a buyers' survey, sent as the answering form's script sends
 *   them (its fields to /surveys/{n}/answers, which the front takes), 64 at a time, each from a
 *   browser (its own `hum-survey` cookie) and an address (X-Forwarded-For, one trusted proxy)
 *   of its own: p99 ≤ 200 ms, then every response stored once, none lost, none doubled; then a
 *   quarter as many as browsers without JavaScript send them (the form's server action), whose
 *   answer is the whole page drawn again;
 * - the results of a survey with 10,000 responses: `publicResults` in this process, and the
 *   public results page as the server renders it (≤ 300 ms).
 *
 *   npm run build && npx tsx --import ./scripts/outside-next.mjs bench/surveys.ts \
 *     [responses=2000] [connections=64]
 *
 * With BENCH_POSTGRES=postgres://… it runs on a database of its own on that PostgreSQL server.
 *
 * Loopback only.
 */
import { createHash, randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { countDistinct, count as countRows, eq } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import { requireSecretariat } from "@/lib/community/authz";
import { loadViewer } from "@/lib/community/viewer";
import type { Database } from "@/lib/db/client";
import { demoEmail } from "@/lib/demo/seed";
import { purchaserQuestions, purchaserResponses } from "@/lib/demo/survey-answers";
import { standards } from "@/lib/drafting/schema";
import { surveyAnswersPath, surveyPath, surveyResultsPath } from "@/lib/paths";
import type { Answers, Question } from "@/lib/reviews/questions";
import { publicResults } from "@/lib/reviews/responses";
import { openReview } from "@/lib/reviews/reviews";
import { surveyResponses } from "@/lib/reviews/schema";
import { closeSurvey, createSurvey, openSurvey } from "@/lib/reviews/surveys";
import { benchDatabase, serveDemo } from "./harness";

const RESPONSES = Number(process.argv[2] ?? 2000);
const connections = Number(process.argv[3] ?? 64);
const LARGE = 10_000;
const port = 3920;

/** The answering form's fields for `answers` (lib/reviews/survey-form.ts reads them back). */
function formFields(questions: readonly Question[], answers: Answers): [string, string][] {
  return questions.flatMap((question): [string, string][] => {
    const answer = answers[question.id];
    const name = `q.${question.id}`;
    switch (answer?.kind) {
      case "text":
        return [[name, answer.text]];
      case "choice":
        return answer.choice !== null
          ? [[name, answer.choice]]
          : [
              [name, "other"],
              [`${name}.other`, answer.other ?? ""],
            ];
      case "choices":
        return [
          ...answer.choices.map((key): [string, string] => [name, key]),
          ...(answer.other === undefined
            ? []
            : ([
                [name, "other"],
                [`${name}.other`, answer.other],
              ] as [string, string][])),
        ];
      case "scale":
        return [[name, String(answer.value)]];
      case "matrix":
        return Object.entries(answer.values).map(([row, value]) => [
          `${name}.${row}`,
          String(value),
        ]);
      case "ordering":
        return answer.order.map((key, rank) => [`${name}.rank.${key}`, String(rank + 1)]);
      default:
        return [];
    }
  });
}

const unescapeHtml = (text: string) =>
  text
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");

/**
 * The hidden fields of the page's answering form (the one with `q.` fields): React renders the
 * server action's reference there, so a browser without JavaScript can post it.
 */
function hiddenFields(html: string): [string, string][] {
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)]
    .map((match) => match[0])
    .find((candidate) => candidate.includes('name="q.'));
  if (!form) throw new Error("the survey page has no answering form");
  return [...form.matchAll(/<input\b[^>]*>/g)].flatMap(([input]) => {
    if (!/type="hidden"/.test(input)) return [];
    const name = /name="([^"]*)"/.exec(input)?.[1];
    const value = /value="([^"]*)"/.exec(input)?.[1] ?? "";
    return name ? [[unescapeHtml(name), unescapeHtml(value)] as [string, string]] : [];
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** A secretariat, the demo standard and a review to hang the bench's surveys on. */
async function benchReview(db: Database) {
  const [sam] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, demoEmail("sam")));
  const secretary = await requireSecretariat(
    db,
    sam ? await loadViewer(db, sam.id) : null,
    "bench",
  );
  const [iotmark] = await db
    .select({ id: standards.id })
    .from(standards)
    .where(eq(standards.slug, "iotmark"));
  if (!iotmark) throw new Error("the demo has no standard");
  const now = new Date();
  const review = await openReview(db, secretary, iotmark.id, {
    title: "Bench review",
    questions: "How fast are surveys?",
    periodStart: new Date(now.getTime() - 30 * 86_400_000),
    periodEnd: now,
  });
  const survey = async (title: string) => {
    const created = await createSurvey(db, secretary, review.id, {
      title,
      intro: "",
      audience: "anyone",
      questions: purchaserQuestions,
      opensAt: new Date(now.getTime() - 60_000),
      closesAt: new Date(now.getTime() + 86_400_000),
    });
    await openSurvey(db, secretary, created.id);
    return created;
  };
  return { secretary, survey };
}

const demo = await serveDemo("surveys", port, { TRUSTED_PROXIES: "1" });
console.log(`surveys bench on ${benchDatabase()}`);
try {
  const { base, db } = demo;
  const { secretary, survey } = await benchReview(db);

  /**
   * `count` anonymous responses to a new survey, `connections` at a time, each from a browser
   * (its own `hum-survey` cookie) and an address (X-Forwarded-For) of its own, sent `way`:
   * as the form's script sends them (its fields to /surveys/{n}/answers, JSON back), or as a
   * browser without JavaScript does (a POST of the form's server action to /surveys/{n}, the
   * whole page back). Then counts what was stored: none lost, none doubled.
   */
  const answer = async (way: "script" | "no script", count: number) => {
    const answering = await survey(`Bench: answering (${way})`);
    const page = await fetch(`${base}${surveyPath(answering.number)}`);
    if (!page.ok) throw new Error(`the survey page answered ${page.status}`);
    const hidden = way === "script" ? [] : hiddenFields(await page.text());
    const generated = purchaserResponses(count, 2026);
    const browsers = generated.map(() => randomBytes(32).toString("base64url"));
    const statuses = new Map<number, number>();
    const latencies: number[] = [];
    let next = 0;
    const send = async (index: number) => {
      const fields = [
        ...hidden,
        ["survey", String(answering.number)] as [string, string],
        ...formFields(purchaserQuestions, generated[index]?.answers ?? {}),
      ];
      const body = way === "script" ? new URLSearchParams(fields) : new FormData();
      if (body instanceof FormData) for (const [name, value] of fields) body.append(name, value);
      const started = performance.now();
      const response = await fetch(
        `${base}${way === "script" ? surveyAnswersPath(answering.number) : surveyPath(answering.number)}`,
        {
          method: "POST",
          body,
          headers: {
            Origin: base,
            Accept: way === "script" ? "application/json" : "text/html",
            Cookie: `hum-survey=${browsers[index]}`,
            // One address per response (10.x.y.z), so the per-address limit measures nothing
            // here: as a trusted proxy would say, before Hum's front adds the hop it sees.
            "X-Forwarded-For": `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`,
          },
        },
      );
      await response.arrayBuffer();
      latencies.push(performance.now() - started);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    };
    const started = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < count) await send(next++);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const [stored] = await db
      .select({ rows: countRows(), browsers: countDistinct(surveyResponses.browserKey) })
      .from(surveyResponses)
      .where(eq(surveyResponses.surveyId, answering.id));
    const keys = new Set(
      (
        await db
          .select({ key: surveyResponses.browserKey })
          .from(surveyResponses)
          .where(eq(surveyResponses.surveyId, answering.id))
      ).map(({ key }) => key),
    );
    const missing = browsers.filter(
      (id) => !keys.has(createHash("sha256").update(id).digest("hex")),
    ).length;
    console.log(
      `answering (${way}): ${count} responses, ${connections} connections, ${seconds.toFixed(1)} s: ${Math.round(count / seconds)} req/s  p50 ${percentile(latencies, 50).toFixed(0)} ms  p99 ${percentile(latencies, 99).toFixed(0)} ms${way === "script" ? " (budget p99 ≤ 200 ms)" : ""}`,
    );
    console.log(
      `  statuses ${JSON.stringify(Object.fromEntries(statuses))}; stored ${stored?.rows} rows for ${stored?.browsers} browsers: ${missing} lost, ${(stored?.rows ?? 0) - (stored?.browsers ?? 0)} doubled`,
    );
  };

  // (a) 2,000 anonymous responses, 64 at a time, as the form sends them; then a quarter as many
  // from browsers without JavaScript, for the record.
  await answer("script", RESPONSES);
  await answer("no script", Math.ceil(RESPONSES / 4));

  // (b) Results of a survey with 10,000 responses, written in bulk, then closed.
  const large = await survey("Bench: results");
  const many = purchaserResponses(LARGE, 7);
  for (let start = 0; start < LARGE; start += 1000) {
    await db.insert(surveyResponses).values(
      many.slice(start, start + 1000).map((response, offset) => ({
        surveyId: large.id,
        browserKey: createHash("sha256")
          .update(`bench-${start + offset}`)
          .digest("hex"),
        answers: response.answers,
        publishableText: response.text?.publishable ? ["helped"] : [],
      })),
    );
  }
  await closeSurvey(db, secretary, large.id);
  const inProcess: number[] = [];
  for (let run = 0; run < 10; run++) {
    const at = performance.now();
    await publicResults(db, large.number, null);
    inProcess.push(performance.now() - at);
  }
  const rendered: number[] = [];
  const url = `${base}${surveyResultsPath(large.number)}`;
  await (await fetch(url)).arrayBuffer(); // the first render compiles nothing, but warms caches
  for (let run = 0; run < 20; run++) {
    const at = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`the results page answered ${response.status}`);
    rendered.push(performance.now() - at);
  }
  inProcess.sort((a, b) => a - b);
  rendered.sort((a, b) => a - b);
  console.log(
    `results of ${LARGE} responses: publicResults p50 ${percentile(inProcess, 50).toFixed(0)} ms, max ${inProcess.at(-1)?.toFixed(0)} ms; page p50 ${percentile(rendered, 50).toFixed(0)} ms, p99 ${percentile(rendered, 99).toFixed(0)} ms (budget ≤ 300 ms)`,
  );
} finally {
  await demo.closeDatabase();
  await demo.stop();
}
