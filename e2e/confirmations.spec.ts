import type { Page, Route } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { closeDue } from "@/lib/decisions/close-due";
import { addDays } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { standards } from "@/lib/drafting/schema";
import {
  createPerson,
  demoPerson,
  expect,
  expectAccessible,
  latestEmailTo,
  openQuestion,
  signInAs,
  test,
  uniqueEmail,
} from "./fixtures";

/** The page's status region, once it says `text`. */
const told = (page: Page, text: string | RegExp) =>
  page.getByRole("status").filter({ hasText: text });

/** Moves a call past its deadline, as the scheduler would: too few positions send it to the AG. */
async function passDeadline(db: Database, number: number): Promise<void> {
  const [row] = await db
    .select({ closesAt: calls.closesAt })
    .from(calls)
    .innerJoin(standards, eq(standards.id, calls.standardId))
    .where(and(eq(standards.slug, "iotmark"), eq(calls.number, number)));
  if (!row) throw new Error(`no call ${number}`);
  await closeDue(db, addDays(row.closesAt, 1 + 1 / 24));
}

/** A question waiting for the advisory group's vote: nobody took a position in time. */
async function questionForTheAdvisoryGroup(db: Database, title: string): Promise<number> {
  const number = await openQuestion(db, title);
  await passDeadline(db, number);
  return number;
}

test.describe("without JavaScript, every form posts and the next page says what it did", () => {
  test.use({ javaScriptEnabled: false });

  test("signing in, then out", async ({ page, db }) => {
    const address = uniqueEmail("nojs");
    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill(address);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expect(told(page, "A sign-in link is on its way.")).toBeVisible();
    // The notice came along with a redirect, for one page only.
    await page.reload();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expect(told(page, "A sign-in link is on its way.")).toHaveCount(0);

    const link = (await latestEmailTo(db, address)).text.match(/https?:\/\/\S+/)?.[0];
    await page.goto(link ?? "");
    await expect(page.getByRole("link", { name: "Sign in", exact: true })).toHaveCount(0);
    await page.goto("/profile");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(told(page, "You are signed out.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  });

  test("watching a module, opening a call, taking a position, casting a vote", async ({
    page,
    db,
  }) => {
    test.setTimeout(90_000);
    await signInAs(page, db, await createPerson(db, { name: "Nell Noscript" }));
    await page.goto("/standards/iotmark/draft?module=DATA");
    await page.getByRole("button", { name: "Watch this module" }).click();
    await expect(told(page, /You are watching this module/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Stop watching this module" })).toBeVisible();

    await page.goto("/standards/iotmark/calls/new");
    await page.getByLabel("What is being decided").selectOption("question");
    await page.getByLabel("Title", { exact: true }).fill("Should the label show a repair score?");
    await page.getByRole("button", { name: "Open the call" }).click();
    await expect(page.getByRole("heading", { name: /repair score/ })).toBeVisible();
    await expect(told(page, "Your call is open.")).toBeVisible();
    const number = Number(new URL(page.url()).pathname.split("/").at(-1));

    await page.getByRole("radio", { name: "Support", exact: true }).check();
    await page.getByRole("button", { name: "Save my position" }).click();
    await expect(told(page, "Your position is saved.")).toBeVisible();
    await expect(page.getByRole("radio", { name: "Support", exact: true })).toBeChecked();

    await passDeadline(db, number);
    await page.context().clearCookies();
    await signInAs(page, db, await demoPerson(db, "rosa"));
    await page.goto(`/standards/iotmark/calls/${number}`);
    await page.getByLabel("Your vote").selectOption({ label: "Adopt" });
    await page.getByLabel("Rationale").fill("A repair score helps buyers.");
    await page.getByRole("button", { name: "Cast my advisory-group vote" }).click();
    await expect(told(page, "Your vote is recorded.")).toBeVisible();
    await expect(page.getByText("A repair score helps buyers.").first()).toBeVisible();
  });
});

test("an advisory-group vote cast from the queue says it is recorded, though its form goes", async ({
  page,
  db,
}) => {
  const title = `Should the label name the chip maker? ${Date.now()}`;
  await questionForTheAdvisoryGroup(db, title);
  await signInAs(page, db, await demoPerson(db, "rosa"));
  await page.goto("/decisions");
  const item = page.getByRole("listitem").filter({ hasText: title });
  await item.locator("summary", { hasText: "Cast my advisory-group vote" }).click();
  await item.getByLabel("Your vote").selectOption({ label: "Reject" });
  await item.getByLabel("Rationale").fill("Buyers do not choose by chip maker.");
  await item.getByRole("button", { name: "Cast my advisory-group vote" }).click();
  await expect(told(page, "Your vote is recorded.")).toBeVisible();
  await expect(item.locator("summary", { hasText: "Cast my advisory-group vote" })).toBeHidden();
  await expectAccessible(page);
});

test("a button used before the page's scripts have run still works, as a plain form", async ({
  page,
  db,
}) => {
  await signInAs(page, db, await createPerson(db, { name: "Quinn Quickclick" }));
  // The page's scripts wait, as on a slow connection, until the click is done.
  const held: Route[] = [];
  await page.route(/\/_next\/static\/.*\.js$/, (route) => {
    held.push(route);
  });
  // A member's clause page is kept for their audience: what everyone of it may do is drawn in
  // it (their own parts, such as watching, come once the scripts have run).
  await page.goto("/standards/iotmark/draft/SW-2", { waitUntil: "domcontentloaded" });
  const title = `Asked before the scripts ran ${Date.now()}`;
  await page.getByLabel("Thread title").fill(title);
  await page.getByLabel("Message").fill("Does this clause cover hubs as well as devices?");
  const open = page.getByRole("button", { name: "Open thread" });
  const hydrated = await open.evaluate((button) =>
    Object.keys(button).some((key) => key.startsWith("__react")),
  );
  expect(hydrated).toBe(false);
  await open.click();
  await expect(told(page, "Thread opened.")).toBeVisible();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await page.unroute(/\/_next\/static\/.*\.js$/);
  for (const route of held) await route.continue().catch(() => {});
});
