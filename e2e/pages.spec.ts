import {
  createPerson,
  expect,
  expectAccessible,
  expectFitsPhone,
  signInAs,
  test,
} from "./fixtures";

const publicPages = [
  "/standards/iotmark/draft",
  "/standards/iotmark/draft?level=Silver",
  "/standards/iotmark/draft/SW-1",
  "/standards/iotmark/draft/SW-1/history",
  "/standards/iotmark/objections",
  "/standards/iotmark",
  "/standards/iotmark/releases",
  "/standards/iotmark/calls",
  "/standards/iotmark/calls/1",
  "/standards/iotmark/calls/2",
  "/decisions",
  "/unsubscribe/not-a-token",
  "/",
  "/sign-in",
  "/sign-in/check-email",
  "/sign-in/error?error=Verification",
  "/groups",
  "/groups/advisory-group",
  "/groups/steering-committee",
  "/transparency",
  "/transparency?action=community.&subjectType=user",
];

test.describe("every page is accessible and fits a phone", () => {
  for (const path of publicPages) {
    test(`public ${path}`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expectAccessible(page);
      await expectFitsPhone(page);
      await expectAccessible(page);
    });
  }

  test("not found", async ({ page }) => {
    const response = await page.goto("/groups/no-such-group");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expectAccessible(page);
    await expectFitsPhone(page);
  });

  test("profile and secretariat, signed in", async ({ page, db }) => {
    // Ten pages, each checked by axe at two widths: more than the default 30 s on two cores.
    test.setTimeout(120_000);
    const secretary = await createPerson(db, { name: "Tess Secretary", isSecretariat: true });
    await signInAs(page, db, secretary);
    for (const path of [
      "/profile",
      "/secretariat",
      "/standards/iotmark/draft/DATA-1",
      "/inbox",
      "/standards/import",
      "/standards/iotmark/releases",
      "/standards/iotmark/calls",
      "/standards/iotmark/calls/new",
      "/standards/iotmark/calls/3",
      "/decisions/waiting",
    ]) {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expectAccessible(page);
      await expectFitsPhone(page);
      await page.setViewportSize({ width: 1280, height: 720 });
    }
  });

  test("forbidden", async ({ page, db }) => {
    await signInAs(page, db, await createPerson(db, { name: "Uma Participant" }));
    const response = await page.goto("/secretariat");
    expect(response?.status()).toBe(403);
    await expectAccessible(page);
    await expectFitsPhone(page);
  });
});

test("public pages work without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/transparency");
  await page.getByLabel("Kind of event").selectOption({ label: "Community and roles" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/action=community\./);
  await expect(page.getByRole("listitem").filter({ hasText: "Sign-in" })).toHaveCount(0);
  await page.goto("/groups");
  await expect(page.getByRole("heading", { name: "Advisory group" })).toBeVisible();
  await context.close();
});

test("the keyboard reaches everything: skip link first, then the sign-in form", async ({
  page,
}) => {
  await page.goto("/sign-in");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Email address")).toBeFocused();
  await page.keyboard.type("keyboard-user@example.org");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Email me a sign-in link" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
});
