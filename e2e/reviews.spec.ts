import type { Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { addDays } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { demoEmail } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { reviews, surveyResponses, surveys } from "@/lib/reviews/schema";
import { demoPerson, expect, expectAccessible, signInAs, test } from "./fixtures";

/*
 * A review of the mark from start to end: the secretariat opens it with a buyers' survey;
 * two people without accounts answer (one tries twice and is refused); the secretariat closes
 * the survey, shows one written answer and publishes the results; the public reads the charts
 * and tables and downloads the CSV, which holds the shown answer and not the held one; and the
 * review's call adopts its conclusions.
 */

const day = (offset: number) => addDays(new Date(), offset).toISOString().slice(0, 10);

async function fillIn(page: Page, words: string): Promise<void> {
  await page
    .getByRole("group", { name: /Have you bought a product/ })
    .getByRole("radio", { name: "Yes" })
    .check();
  await page
    .getByRole("group", { name: /How far do you trust the mark/ })
    .getByRole("radio", { name: /^4/ })
    .check();
  await page.getByLabel(/How did the mark help you/).fill(words);
  await page.getByRole("button", { name: "Send my answers" }).click();
}

async function answer(page: Page, surveyUrl: string, words: string): Promise<void> {
  await page.goto(surveyUrl);
  await fillIn(page, words);
  await expect(page.getByRole("status").filter({ hasText: /^Thank you/ })).toBeVisible();
}

test("a review's survey is answered, closed, published with one written answer, and the review concludes", async ({
  page,
  browser,
  request,
  db,
}) => {
  test.setTimeout(180_000);
  const token = Date.now().toString(36);
  const title = `Review of the mark ${token}`;
  const shown = `The listing told me how long the thermostat gets updates ${token}`;
  const held = `Ask my neighbour Ana Silva at number 12, she has one too ${token}`;

  // The secretariat opens the review.
  await signInAs(page, db, await demoPerson(db, "sam"));
  await page.goto("/secretariat/reviews");
  await page.getByLabel("Standard").selectOption({ label: "IoTmark Principles" });
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Questions to answer").fill("Is the mark ready for a checked phase?");
  await page.getByLabel("Period from").fill(day(-365));
  await page.getByLabel("Period to (not included)").fill(day(1));
  await page.getByRole("button", { name: "Open the review" }).click();
  await expect(page.getByText("The review is open.")).toBeVisible();
  const [review] = await db.select().from(reviews).where(eq(reviews.title, title));
  if (!review) throw new Error("the review was not stored");

  // …with a buyers' survey, open to anyone with the link.
  await page.goto(`/secretariat/reviews/${review.id}/surveys`);
  const create = page.getByRole("form", { name: "New survey" });
  await create.getByLabel("Title").fill(`Buyers ${token}`);
  await create.getByLabel("Introduction").fill("Five minutes, no account.");
  await create.getByLabel("Who may answer").selectOption("anyone");
  // From tomorrow, so the scheduler leaves it alone while its questions are written; it is
  // opened by hand below.
  await create.getByLabel("Opens on").fill(day(1));
  await create.getByLabel("Closes after").fill(day(7));
  await create.getByRole("button", { name: "Create the survey" }).click();
  await expect(page.getByText(/Survey \d+ created/)).toBeVisible();
  const manageUrl = new URL(page.url()).pathname;
  const number = Number(manageUrl.split("/").at(-1));
  const add = page.getByRole("form", { name: "Add a question" });
  // Each question is waited for in the list before the next is written: the form is drawn
  // afresh once a question is added.
  let added = 0;
  const addQuestion = async (prompt: string, fill: () => Promise<void>) => {
    await fill();
    await add.getByRole("button", { name: "Add the question" }).click();
    added += 1;
    await expect(
      page.getByRole("listitem").getByText(`${added}. ${prompt}`, { exact: true }),
    ).toBeVisible();
  };
  await addQuestion("Have you bought a product that shows the mark?", async () => {
    await add.getByLabel("Kind of question").selectOption("single_choice");
    await add
      .getByLabel("Question", { exact: true })
      .fill("Have you bought a product that shows the mark?");
    await add.getByLabel(/Options, or the rows/).fill("yes: Yes\nno: No");
    await add.getByLabel("An answer is required").check();
  });
  await addQuestion("How far do you trust the mark?", async () => {
    await add.getByLabel("Kind of question").selectOption("scale");
    await add.getByLabel("Question", { exact: true }).fill("How far do you trust the mark?");
    await add.getByLabel("Words for 1").fill("Not at all");
    await add.getByLabel("Words for 5").fill("Fully");
  });
  await addQuestion("How did the mark help you?", async () => {
    await add.getByLabel("Kind of question").selectOption("long_text");
    await add.getByLabel("Question", { exact: true }).fill("How did the mark help you?");
    await add.getByLabel("Show this question only when the answer to").selectOption({ index: 1 });
    await add.getByLabel("is", { exact: true }).fill("yes");
  });
  await page.getByRole("button", { name: "Open it now" }).click();
  await expect(page.getByText("The survey is open.")).toBeVisible();

  // Two people without accounts answer, each in a browser of their own.
  const surveyUrl = `/surveys/${number}`;
  const first = await browser.newContext();
  const second = await browser.newContext();
  const withoutScript = await browser.newContext({ javaScriptEnabled: false });
  try {
    // Without JavaScript the form goes through its action: an answer left out comes back named,
    // with what was typed still in place, and nothing is stored.
    const plain = await withoutScript.newPage();
    await plain.goto(surveyUrl);
    await plain.getByLabel(/How did the mark help you/).fill("Typed without scripts");
    await plain.getByRole("button", { name: "Send my answers" }).click();
    await expect(plain.getByText("Please check these answers:")).toBeVisible();
    await expect(plain.getByLabel(/How did the mark help you/)).toHaveValue(
      "Typed without scripts",
    );

    const firstPage = await first.newPage();
    // The same browser opens the form twice, answers in one tab, then sends the other.
    const secondTab = await first.newPage();
    await secondTab.goto(surveyUrl);
    await answer(firstPage, surveyUrl, shown);
    await answer(await second.newPage(), surveyUrl, held);
    await fillIn(secondTab, "A second answer from the same browser");
    await expect(
      secondTab.getByText(
        "This survey has already been answered from here; each browser, person or organisation answers once.",
      ),
    ).toBeVisible();
    // Coming back, the first browser is thanked and offered no form.
    await firstPage.goto(surveyUrl);
    await expect(firstPage.getByRole("button", { name: "Send my answers" })).toHaveCount(0);
  } finally {
    await first.close();
    await second.close();
    await withoutScript.close();
  }
  const [survey] = await db.select().from(surveys).where(eq(surveys.number, number));
  if (!survey) throw new Error("the survey was not stored");
  await expect
    .poll(
      async () =>
        (
          await db
            .select({ id: surveyResponses.id })
            .from(surveyResponses)
            .where(eq(surveyResponses.surveyId, survey.id))
        ).length,
    )
    .toBe(2);

  // The secretariat closes the survey, shows one written answer and publishes the results.
  await page.goto(manageUrl);
  await page.getByRole("button", { name: "Close it now" }).click();
  await expect(page.getByText(/The survey is closed/)).toBeVisible();
  await page
    .getByRole("listitem")
    .filter({ hasText: shown })
    .getByRole("button", { name: /^Show answer \d+ with the results$/ })
    .click();
  await expect(page.getByText("The answer will be shown with the results.")).toBeVisible();
  await page.getByRole("button", { name: "Publish the results now" }).click();
  await expect(page.getByText("The results are public.")).toBeVisible();

  // The public sees charts and tables, the shown answer and not the held one.
  await page.context().clearCookies();
  await page.goto(`/surveys/${number}/results`);
  await expect(page.getByRole("heading", { name: `Results: Buyers ${token}` })).toBeVisible();
  await expect(page.locator("svg").first()).toBeVisible();
  await expect(page.getByRole("table").first()).toBeVisible();
  await expect(page.getByText(shown)).toBeVisible();
  await expect(page.getByText(held)).toHaveCount(0);
  await expectAccessible(page);

  // The CSV holds one row per response, with the shown answer only.
  const csv = await request.get(`/surveys/${number}/results.csv`);
  expect(csv.ok()).toBe(true);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text).toContain(shown);
  expect(text).not.toContain(held);
  expect(text.trim().split(/\r?\n/)).toHaveLength(3);

  // The secretariat proposes conclusions; the community supports them; the call adopts them.
  await signInAs(page, db, await demoPerson(db, "sam"));
  const reviewUrl = `/standards/iotmark/reviews/${review.number}`;
  await page.goto(reviewUrl);
  const conclusions = `Show the level beside the mark on every box ${token}.`;
  await page.getByLabel("Conclusions").fill(conclusions);
  await page.getByRole("button", { name: "Open the call" }).click();
  await expect(page.getByText("The call on the conclusions is open.")).toBeVisible();
  const [call] = await db
    .select({ id: calls.id, closesAt: calls.closesAt })
    .from(calls)
    .where(and(eq(calls.reviewId, review.id), eq(calls.kind, "review")));
  if (!call) throw new Error("the review's call was not opened");
  const who = demoViewers(db, demoEmail, new Date());
  for (const key of ["noor", "lena", "mei"]) {
    await takePosition(db, await who(key), call.id, { stance: "support", reason: "" });
  }
  // As the scheduler would once the comment period is over.
  await closeDue(db, addDays(call.closesAt, 1 / 24));

  await page.context().clearCookies();
  await page.goto(reviewUrl);
  await expect(page.getByRole("heading", { name: "Adopted conclusions" })).toBeVisible();
  await expect(page.getByText(conclusions)).toBeVisible();
  await expectAccessible(page);
});
