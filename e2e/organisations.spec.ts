import {
  createPerson,
  expect,
  expectAccessible,
  latestEmailTo,
  signInAs,
  test,
  uniqueEmail,
} from "./fixtures";

/**
 * An organisation as its people meet it: a newcomer signs in and registers it, invites a
 * colleague by email, the colleague accepts from the link, and the public page lists both.
 */
test("a newcomer registers an organisation and invites a colleague, who accepts from the email", async ({
  page,
  db,
  browser,
}) => {
  test.setTimeout(4 * 60_000);
  const origin = test.info().project.use.baseURL ?? "";
  const founder = { name: "Oona Lightwright", email: uniqueEmail("oona") };
  const organisation = "Lantern Works Oy";
  const slug = "lantern-works-oy";

  await test.step("signs in from the registration form and comes back to it", async () => {
    await page.goto("/registry/organisations/new");
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await page.getByLabel("Email address").fill(founder.email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    const link = (await latestEmailTo(db, founder.email)).text.match(/https?:\/\/\S+/)?.[0];
    await page.goto(link ?? "");
    await expect(page.getByRole("heading", { name: "First, your name" })).toBeVisible();
    await page.getByLabel("Display name").fill(founder.name);
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page).toHaveURL(`${origin}/registry/organisations/new`);
    await expect(page.getByRole("heading", { name: "Register an organisation" })).toBeVisible();
  });

  await test.step("registers the organisation; bad input is refused next to its field", async () => {
    const form = page.getByRole("form", { name: "Register an organisation" });
    await form.getByLabel("Name", { exact: true }).fill(organisation);
    await form.getByLabel("Country").selectOption({ label: "Finland" });
    await form.getByLabel("Website").fill("ftp://lantern.example");
    await form.getByLabel("Public contact").fill("hello@lantern.example");
    await form.getByRole("button", { name: "Register organisation" }).click();
    await expect(form.getByLabel("Website")).toHaveAttribute("aria-invalid", "true");
    await expect(
      form.getByText("Enter a web address starting with https:// or http://."),
    ).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("organisation-new-refused.png") });

    await form.getByLabel("Website").fill("https://lantern.example/");
    await form.getByRole("button", { name: "Register organisation" }).click();
    await expect(page).toHaveURL(`${origin}/registry/organisations/${slug}/manage`);
    await expect(
      page.getByText(`${organisation} is registered, and you are its representative.`),
    ).toBeVisible();
    await expect(page.getByRole("heading", { name: `Manage ${organisation}` })).toBeVisible();
    await expect(page.getByRole("link", { name: "Verify your domain" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Declare a product" })).toBeVisible();
    await expect(page.getByText("Domain not verified")).toBeVisible();
    await page.screenshot({
      path: test.info().outputPath("organisation-manage.png"),
      fullPage: true,
    });
    await expectAccessible(page);
  });

  const colleague = await createPerson(db, { name: "Pekka Glowman" });

  await test.step("invites a colleague by email", async () => {
    const form = page.getByRole("form", { name: "Invite a representative" });
    await form.getByLabel("Email address").fill(colleague.email);
    await form.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByText("The invitation is on its way.")).toBeVisible();
  });

  await test.step("the colleague follows the link, signs in and accepts", async () => {
    const email = await latestEmailTo(db, colleague.email);
    expect(email.subject).toBe(`Represent ${organisation} in the registry`);
    const link = email.text.match(/https?:\/\/\S+/)?.[0] ?? "";
    expect(link.startsWith(`${origin}/registry/invitations/`)).toBe(true);

    const context = await browser.newContext();
    try {
      const other = await context.newPage();
      await other.goto(link);
      await expect(
        other.getByRole("heading", { name: `Invitation to represent ${organisation}` }),
      ).toBeVisible();
      await expect(
        other.getByRole("main").getByRole("link", { name: "Sign in", exact: true }),
      ).toBeVisible();
      await signInAs(other, db, colleague);
      await other.reload();
      await other.screenshot({ path: test.info().outputPath("invitation.png") });
      await expectAccessible(other);
      await other.getByRole("button", { name: `Accept and represent ${organisation}` }).click();
      await expect(other).toHaveURL(`${origin}/registry/organisations/${slug}/manage`);
      await expect(other.getByText(`You now represent ${organisation}.`)).toBeVisible();

      // The link works once.
      await other.goto(link);
      await expect(other.getByText("This invitation has already been accepted")).toBeVisible();
    } finally {
      await context.close();
    }
  });

  await test.step("the public page lists both representatives", async () => {
    await page.goto(`/registry/organisations/${slug}`);
    await expect(page.getByRole("heading", { name: organisation })).toBeVisible();
    const people = page.getByRole("list", { name: "Representatives" });
    await expect(people).toContainText(founder.name);
    await expect(people).toContainText(colleague.name);
    await expect(page.getByText("Finland")).toBeVisible();
    await expect(
      page.getByText("This organisation has not declared any product yet."),
    ).toBeVisible();
    await page.screenshot({
      path: test.info().outputPath("organisation-public.png"),
      fullPage: true,
    });
    await expectAccessible(page);

    await page.goto("/profile");
    await expect(page.getByRole("link", { name: `Manage ${organisation}` })).toBeVisible();
  });
});
