import { eq } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import { expect, expectAccessible, latestEmailTo, test, uniqueEmail } from "./fixtures";

test("a newcomer signs in with a magic link, gives their name on the welcome page and finds the sign-in on the record", async ({
  page,
  db,
}) => {
  const address = uniqueEmail("newcomer");
  await page.goto("/");
  await page.getByRole("link", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.getByLabel("Email address").fill(address);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByText(`We sent a sign-in link to ${address}.`)).toBeVisible();
  await expectAccessible(page);

  const email = await latestEmailTo(db, address);
  expect(email.subject).toBe("Your sign-in link for Hum");
  const link = email.text.match(/https?:\/\/\S+/)?.[0];
  expect(link).toBeTruthy();
  await page.goto(link ?? "");

  // The link lands on the welcome page, which asks a newcomer for their name first.
  await expect(page.getByRole("heading", { name: "Welcome to Hum" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "First, your name" })).toBeVisible();
  await page.getByLabel("Display name").fill("Wren Osei");
  await page.getByLabel("Affiliation").fill("Tinkerers' Guild");
  await page.getByLabel("Conflict-of-interest declaration").fill("Sells refurbished routers.");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Your profile is saved. Welcome, Wren Osei.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "First, your name" })).toHaveCount(0);
  await expect(
    page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Wren Osei" }),
  ).toBeVisible();

  const [stored] = await db.select().from(users).where(eq(users.email, address));
  expect(stored).toMatchObject({ name: "Wren Osei", affiliation: "Tinkerers' Guild" });

  await page.goto("/transparency?action=auth.");
  const entry = page.getByRole("listitem").filter({ hasText: "Wren Osei signed in (email link)." });
  await expect(entry.first()).toBeVisible();
  await expect(page.getByText(address)).toHaveCount(0);

  // The link worked once; a second visit explains what happened.
  await page.context().clearCookies();
  await page.goto(link ?? "");
  await expect(page.getByRole("heading", { name: "That did not work" })).toBeVisible();
  await expect(page.getByText("expired or was used already")).toBeVisible();
});

test("the check-email page names the address and leads back to the form, keeping the way back", async ({
  page,
}) => {
  const address = uniqueEmail("typo");
  await page.goto("/sign-in?next=%2Fdecisions");
  await page.getByLabel("Email address").fill(address);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  // The address is carried by a cookie, never by the page's address.
  expect(page.url()).not.toContain(address.split("@")[0] ?? address);
  await expect(page.locator("strong", { hasText: address })).toBeVisible();
  await page.getByRole("link", { name: "Wrong address? Use another one" }).click();
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fdecisions$/);
  await expect(page.getByText("you come back to the page you were on")).toBeVisible();

  // Without the cookie (another browser, or later), the page still reads, without an address.
  await page.context().clearCookies();
  await page.goto("/sign-in/check-email");
  await expect(
    page.getByText("If the address is right, a sign-in link is on its way."),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Wrong address? Use another one" })).toHaveAttribute(
    "href",
    "/sign-in",
  );
});

test("the sign-in form explains a bad address next to the field", async ({ page }) => {
  await page.goto("/sign-in");
  const field = page.getByLabel("Email address");
  for (const [input, message] of [
    ["", "This field is required."],
    [
      "ann@example.org, bob@example.org",
      "Enter a single email address, without a name, list or markup.",
    ],
    ["<b>ann</b>@example.org", "Enter a single email address, without a name, list or markup."],
    ["not-an-address", "Enter a valid email address, such as ann@example.org."],
  ] as const) {
    await field.fill(input);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.locator("#email-error")).toHaveText(message);
    await expect(field).toHaveAttribute("aria-invalid", "true");
  }
  await expectAccessible(page);
});

test("the sixth link for one address within an hour is refused with a clear message", async ({
  page,
}) => {
  const address = uniqueEmail("eager");
  for (let i = 0; i < 5; i++) {
    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill(address);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  }
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(address);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Too many" })).toContainText(
    "Too many sign-in links were sent to this address in the last hour.",
  );
});

test("sign-in cannot skip Hum's checks by posting to Auth.js directly", async ({ request }) => {
  const response = await request.post("/api/auth/signin/resend", {
    form: { email: "a@example.org, b@example.org" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(405);
});

test("a production build has no demo menu and no outbox", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Demo accounts" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Outbox" })).toHaveCount(0);
  const outbox = await page.goto("/dev/outbox");
  expect(outbox?.status()).toBe(404);
});
