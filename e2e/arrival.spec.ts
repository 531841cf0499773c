import type { Page } from "@playwright/test";
import { and, asc, eq } from "drizzle-orm";
import { calls } from "@/lib/decisions/schema";
import { standards } from "@/lib/drafting/schema";
import { outbox } from "@/lib/email/schema";
import { notifications } from "@/lib/notifications/schema";
import {
  createPerson,
  expect,
  expectAccessible,
  latestEmailTo,
  test,
  uniqueEmail,
} from "./fixtures";

const origin = () => test.info().project.use.baseURL ?? "";

/** Asks for a magic link on the sign-in page that is open, and returns the link it sent. */
async function emailMeALink(page: Page, address: string, db: Parameters<typeof latestEmailTo>[0]) {
  await page.getByLabel("Email address").fill(address);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const link = (await latestEmailTo(db, address)).text.match(/https?:\/\/\S+/)?.[0] ?? "";
  expect(link.startsWith(`${origin()}/api/auth/callback/resend?`)).toBe(true);
  return link;
}

test("signing in from a clause page comes back to that clause page, after the newcomer gives a name", async ({
  page,
  db,
}) => {
  const clause = "/standards/iotmark/draft/SW-1";
  const returning = `/sign-in?next=${encodeURIComponent(clause)}`;
  await page.goto(clause);
  // Every way to sign in from the page remembers it: the header and the prompts in the page.
  const signInLinks = page.getByRole("link", { name: "Sign in", exact: true });
  await expect(signInLinks).toHaveCount(3);
  for (const link of await signInLinks.all()) await expect(link).toHaveAttribute("href", returning);

  await page.getByRole("main").getByRole("link", { name: "Sign in", exact: true }).last().click();
  await expect(page).toHaveURL(`${origin()}${returning}`);
  await expect(page.getByText("you come back to the page you were on")).toBeVisible();
  await page.goto(await emailMeALink(page, uniqueEmail("reader"), db));

  await expect(page.getByRole("heading", { name: "First, your name" })).toBeVisible();
  // On the way somewhere, the newcomer is asked for a name and nothing else.
  await expect(page.getByRole("heading", { name: "What you can do now" })).toHaveCount(0);
  await expect(
    page.getByRole("link", { name: "Not now: go back to the page I was on" }),
  ).toHaveAttribute("href", clause);
  await page.getByLabel("Display name").fill(`Ines Reader ${Date.now()}`);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page).toHaveURL(`${origin()}${clause}`);
  await expect(page.getByRole("heading", { name: /SW-1/ }).first()).toBeVisible();
});

test("someone who has a name goes straight back to the call page they signed in from", async ({
  page,
  db,
}) => {
  const [iotmark] = await db.select().from(standards).where(eq(standards.slug, "iotmark"));
  const [open] = await db
    .select({ number: calls.number })
    .from(calls)
    .where(and(eq(calls.standardId, iotmark?.id ?? ""), eq(calls.phase, "open")))
    .orderBy(asc(calls.number))
    .limit(1);
  const call = `/standards/iotmark/calls/${open?.number}`;
  const person = await createPerson(db, { name: "Odile Returner" });

  await page.goto(call);
  await page.getByText("to open a call or take a position").getByRole("link").click();
  await page.goto(await emailMeALink(page, person.email, db));
  await expect(page).toHaveURL(`${origin()}${call}`);
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Odile Returner" }),
  ).toBeVisible();
});

test("a first sign-in with nowhere to return to lands on the welcome page, which says what to do next", async ({
  page,
  db,
}) => {
  await page.goto("/sign-in");
  await page.goto(await emailMeALink(page, uniqueEmail("welcome"), db));

  await expect(page).toHaveURL(`${origin()}/welcome`);
  await expect(page.getByRole("heading", { name: "Welcome to Hum" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "First, your name" })).toBeVisible();
  const main = page.getByRole("main");
  for (const [name, href] of [
    ["Open the working draft", "/standards/iotmark/draft"],
    ["Software", "/standards/iotmark/draft?module=SW"],
    ["All calls and decisions", "/standards/iotmark/calls"],
    ["Open your inbox", "/inbox"],
  ] as const) {
    await expect(main.getByRole("link", { name, exact: true })).toHaveAttribute("href", href);
  }
  await expect(page.getByRole("heading", { name: "Take part in open calls" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Display name").fill(`Wim Newcomer ${Date.now()}`);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText(/^Your profile is saved\. Welcome, Wim Newcomer/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "What you can do now" })).toBeVisible();
  await expect(main.getByRole("link", { name: "Edit your profile" })).toHaveAttribute(
    "href",
    "/profile",
  );
  await expectAccessible(page);
});

test("a return path that leaves the site is refused: the person lands on the welcome page", async ({
  page,
  db,
}) => {
  for (const next of ["//evil.example/standards", "https://evil.example/", "/\\evil.example"]) {
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await expect(page.locator('input[name="next"]')).toHaveCount(0);
  }
  const link = await emailMeALink(page, uniqueEmail("forged"), db);
  expect(new URL(link).searchParams.get("callbackUrl")).toBe(`${origin()}/welcome`);
  await page.goto(link);
  await expect(page).toHaveURL(`${origin()}/welcome`);
});

test("the home page shows the community's featured standard first, then the others", async ({
  page,
  db,
}) => {
  // Named to sort before the IoTmark Principles, and set up after them.
  await db.insert(standards).values({
    slug: `aardvark-${Date.now()}`,
    name: "Aardvark Test Standard",
    summary: "A standard added after the community's own.",
  });
  await page.goto("/");
  const standardsSection = page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: "The standard", level: 2 }) });
  const names = standardsSection.getByRole("heading", { level: 3 });
  await expect(names.first()).toHaveText("IoTmark Principles");
  await expect(names.nth(1)).toHaveText("Other standards");
  await expect(standardsSection.getByText("Aardvark Test Standard").first()).toBeVisible();
  await expectAccessible(page);
});

test("the site has an icon", async ({ request, page }) => {
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/^image\//);
  await page.goto("/");
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /favicon\.ico/);
});

test("notification emails link to the site's configured origin, as sign-in links do", async ({
  db,
}) => {
  const person = await createPerson(db, { name: "Ola Reader" });
  await db.insert(notifications).values({
    userId: person.id,
    kind: "thread_opened",
    subject: "SW-1 · A question about defaults",
    path: "/standards/iotmark/draft/SW-1",
    excerpt: "Is a printed sticker enough?",
  });
  await expect
    .poll(async () => (await db.select().from(outbox).where(eq(outbox.to, person.email))).length, {
      timeout: 20_000,
    })
    .toBeGreaterThan(0);
  const mail = await latestEmailTo(db, person.email);
  const links = [...`${mail.text} ${mail.html}`.matchAll(/https?:\/\/[^\s"'<>]+/g)].map(
    ([url]) => url,
  );
  expect(links).toContain(`${origin()}/standards/iotmark/draft/SW-1`);
  expect(links.filter((url) => !url.startsWith(`${origin()}/`))).toEqual([]);
});
