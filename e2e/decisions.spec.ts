import type { Locator, Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { addDays } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { castVote } from "@/lib/decisions/votes";
import { demoEmail } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { standards } from "@/lib/drafting/schema";
import { demoPerson, expect, expectAccessible, expectFitsPhone, signInAs, test } from "./fixtures";

async function as(page: Page, db: Database, key: string, path: string): Promise<void> {
  await page.context().clearCookies();
  await signInAs(page, db, await demoPerson(db, key));
  await page.goto(path);
}

/** Time is injected: the test closes calls as the scheduler would once their deadline passed. */
async function passDeadline(db: Database, path: string, days = 0): Promise<void> {
  const number = Number(path.split("/").at(-1));
  const [call] = await db
    .select()
    .from(calls)
    .innerJoin(standards, eq(standards.id, calls.standardId))
    .where(and(eq(standards.slug, "iotmark"), eq(calls.number, number)));
  if (!call) throw new Error(`no call at ${path}`);
  await closeDue(db, addDays(call.call.closesAt, days + 1 / 24));
}

async function vote(scope: Page | Locator, choice: string, rationale: string): Promise<void> {
  const form = scope.locator("form").filter({ hasText: "Rationale" });
  await form.getByLabel("Your vote").selectOption({ label: choice });
  await form.getByLabel("Rationale").fill(rationale);
  await form.getByRole("button", { name: /Cast my/ }).click();
}

/** A recorded vote appears, with its rationale, in the call's public list of votes. */
async function expectVote(page: Page, rationale: string): Promise<void> {
  await expect(page.getByText(rationale, { exact: true }).first()).toBeVisible();
}

test("a sustained objection escalates; the AG splits; the SC chair's casting vote adopts", async ({
  page,
  db,
}) => {
  test.setTimeout(180_000);
  // Noor proposes HW-3's current text for adoption, naming the organisation it concerns.
  await as(page, db, "noor", "/standards/iotmark/draft/HW-3");
  await page.getByRole("link", { name: "Propose this text for adoption" }).click();
  await expect(page.getByLabel("Clause")).toHaveValue("HW-3");
  await page.getByLabel("Title", { exact: true }).fill("Adopt the HW-3 wording");
  await page.getByLabel("Organisations concerned").fill("Lockwise");
  await page.getByRole("button", { name: "Open the call" }).click();
  await expect(
    page.getByRole("heading", { name: /^Call \d+: Adopt the HW-3 wording$/ }),
  ).toBeVisible();
  const callPath = new URL(page.url()).pathname;
  await expect(page.getByText(/Proposed text: revision \d+ of HW-3/)).toBeVisible();
  await page.getByRole("radio", { name: "Support", exact: true }).check();
  await page.getByRole("button", { name: "Save my position" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Your position is saved." }),
  ).toBeVisible();

  // Kofi objects, hears an answer, and sustains his objection.
  await as(page, db, "kofi", callPath);
  await page.getByRole("radio", { name: "Object", exact: true }).check();
  await page.getByLabel("Reason").fill("Small makers cannot afford the audit this implies.");
  await page.getByRole("button", { name: "Save my position" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Your position is saved." }),
  ).toBeVisible();
  await page.reload();
  await page.getByRole("button", { name: "Sustain my objection" }).click();
  await expect(page.getByText("Sustained by its author")).toBeVisible();
  const callId = (await db.select({ id: calls.id, number: calls.number }).from(calls)).find(
    (call) => call.number === Number(callPath.split("/").at(-1)),
  )?.id;
  if (!callId) throw new Error("call missing");
  const lena = await demoViewers(db, demoEmail, new Date())("lena");
  await takePosition(db, lena, callId, { stance: "support", reason: "" });

  await passDeadline(db, callPath);
  await page.reload();
  await expect(page.getByText("With the advisory group").first()).toBeVisible();

  // Tomás's declaration names Lockwise: the page says he must recuse, and refuses his vote.
  await as(page, db, "tomas", "/decisions/waiting");
  await expect(page.getByRole("link", { name: /Adopt the HW-3 wording/ })).toBeVisible();
  await page.goto(callPath);
  await expect(page.getByText(/you must recuse yourself/).first()).toBeVisible();
  await vote(page, "Adopt", "I like it.");
  await expect(
    page.getByRole("alert").filter({ hasText: "so you must recuse yourself" }),
  ).toBeVisible();
  await vote(page, "Recuse (conflict of interest)", "I audit Lockwise products.");
  await expectVote(page, "I audit Lockwise products.");

  // The two other AG members split: the call goes to the steering committee.
  await as(page, db, "rosa", "/decisions");
  const item = page.getByRole("listitem").filter({ hasText: "Adopt the HW-3 wording" });
  await item.locator("summary", { hasText: "Cast my advisory-group vote" }).click();
  await vote(item, "Adopt", "The wording is proportionate.");
  await expect(item.locator("summary", { hasText: "Cast my advisory-group vote" })).toBeHidden();
  await page.goto(callPath);
  await expectVote(page, "The wording is proportionate.");
  await as(page, db, "mei", callPath);
  await vote(page, "Reject", "The objection has not been answered well enough.");
  await expectVote(page, "The objection has not been answered well enough.");
  await expect(page.getByText("With the steering committee").first()).toBeVisible();

  // The SC splits three ways; the chair's casting vote decides.
  await as(page, db, "piotr", callPath);
  await vote(page, "Reject", "Agree with the objection.");
  await expectVote(page, "Agree with the objection.");
  await as(page, db, "lena", callPath);
  await vote(page, "Return for revision", "Needs a small-maker exception.");
  await expectVote(page, "Needs a small-maker exception.");
  await as(page, db, "amara", callPath);
  await vote(page, "Adopt", "The chair's casting vote: adopt, and revisit in a year.");
  // The page the vote's action draws once it has committed; a reload sent while the vote is
  // still on its way could read the call before the ruling and its votes after it.
  await expectVote(page, "The chair's casting vote: adopt, and revisit in a year.");
  await expect(page.getByRole("heading", { name: "Outcome" })).toBeVisible();
  await expectAccessible(page);

  // The clause shows its decision trail, and the public record shows every step.
  await page.context().clearCookies();
  await page.goto("/standards/iotmark/draft/HW-3");
  await expect(page.getByText(/Adopted text: revision \d+/)).toBeVisible();
  await expect(
    page.getByRole("listitem").filter({ hasText: "Adopt the HW-3 wording" }).getByText("Adopted"),
  ).toBeVisible();
  await page.goto("/transparency?action=decisions.");
  for (const step of [
    /Noor Haddad opened call \d+ to adopt a clause revision: “Adopt the HW-3 wording”\./,
    /Hum closed call \d+ without rough consensus \(\d+ positions, \d+ objections? standing\): the advisory group now decides\./,
    /Tomás Ferreira recused themself from the advisory group's vote on call \d+\./,
    /The advisory group reached no majority on call \d+: the steering committee now decides\./,
    /The steering committee ruled on call \d+: adopted\./,
    /Revision \d+ of HW-3 was adopted through call \d+\./,
  ]) {
    await expect(page.getByText(step).first()).toBeVisible();
  }
});

test("a participant appeals the AG's decision and the SC overturns it", async ({ page, db }) => {
  test.setTimeout(120_000);
  await as(page, db, "noor", "/standards/iotmark/calls/new");
  await page.getByLabel("What is being decided").selectOption("question");
  await page.getByLabel("Title", { exact: true }).fill("Should levels be named after metals?");
  await page.getByRole("button", { name: "Open the call" }).click();
  await expect(
    page.getByRole("heading", { name: /Should levels be named after metals\?/ }),
  ).toBeVisible();
  const callPath = new URL(page.url()).pathname;
  // Before anyone takes a position, the tally says only that, and the quorum needed.
  await expect(
    page.getByText(/^No one has taken a position yet; a quorum of \d+ positions? is needed\.$/),
  ).toBeVisible();
  await expect(page.getByText(/counted towards a quorum/)).toHaveCount(0);
  await as(page, db, "kofi", callPath);
  await page.getByRole("radio", { name: "Support", exact: true }).check();
  await page.getByRole("button", { name: "Save my position" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Your position is saved." }),
  ).toBeVisible();

  const callId = (await db.select({ id: calls.id, number: calls.number }).from(calls)).find(
    (call) => call.number === Number(callPath.split("/").at(-1)),
  )?.id;
  if (!callId) throw new Error("call missing");
  // An objection its author leaves as it is, neither withdrawn nor sustained.
  const piotr = await demoViewers(db, demoEmail, new Date())("piotr");
  await takePosition(db, piotr, callId, { stance: "object", reason: "Metals suggest a ranking." });

  // Too few positions for a quorum: the AG decides, and rejects.
  await passDeadline(db, callPath);
  for (const key of ["rosa", "mei"]) {
    const member = await demoViewers(db, demoEmail, new Date())(key);
    await castVote(db, member, callId, {
      stage: "ag",
      choice: "reject",
      rationale: `${key}: keep the names.`,
    });
  }

  await as(page, db, "kofi", callPath);
  await expect(page.getByText("The advisory group decided: Reject")).toBeVisible();
  // The header still says when comments closed, above the appeal deadline.
  const header = page.getByRole("main").getByRole("listitem");
  await expect(header.filter({ hasText: /^Comments closed on .+ UTC$/ })).toHaveCount(1);
  await expect(header.filter({ hasText: /^Appeals may be made until / })).toHaveCount(1);
  // The unsettled objection reads as what it is on a decided call: one label, not "Open".
  const objections = page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "Objections" }) });
  await expect(
    objections.getByText("Objection not settled when the call was decided", { exact: true }),
  ).toBeVisible();
  for (const stale of ["Objection raised", "Open", "Objection"]) {
    await expect(objections.getByText(stale, { exact: true })).toHaveCount(0);
  }
  // Each vote names the declaration in force by the day it was declared, not the vote's.
  await expect(
    page
      .getByText(
        /^(Conflict-of-interest declaration of \w{3} \d{1,2}, \d{4}, in force when the vote was cast: |No conflict-of-interest declaration was in force when the vote was cast\.$)/,
      )
      .first(),
  ).toBeVisible();
  await expect(page.getByText(/Declaration in force when cast/)).toHaveCount(0);
  await page.getByText("Appeal this decision to the steering committee").click();
  await page.getByLabel("Reason").last().fill("The AG did not weigh how buyers read the names.");
  await page.getByRole("button", { name: "File the appeal" }).click();

  await as(page, db, "amara", callPath);
  await expect(page.getByText(/Appealed by Kofi Mensah/)).toBeVisible();
  await vote(page, "Adopt", "Metal names are widely understood.");
  await expectVote(page, "Metal names are widely understood.");
  await as(page, db, "lena", callPath);
  await vote(page, "Adopt", "Agree with the appeal.");
  await expectVote(page, "Agree with the appeal.");
  await expect(page.getByText("Adopted").first()).toBeVisible();
  await expect(
    page.getByText(
      "The steering committee ruled on this call: adopted, overturning the advisory group's decision.",
    ),
  ).toBeVisible();
  await expectFitsPhone(page);
});
