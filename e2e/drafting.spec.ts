import { createPerson, expect, openEditor, signInAs, test } from "./fixtures";

test("a participant adds a clause, saves a revision, and retires it; the record shows each step", async ({
  page,
  db,
}) => {
  await signInAs(page, db, await createPerson(db, { name: "Vera Drafter" }));
  await page.goto("/standards/iotmark/draft");
  const form = page
    .locator("form")
    .filter({ has: page.getByRole("button", { name: "Add clause" }) });
  await form.getByLabel("Title").fill("");
  await form.getByRole("button", { name: "Add clause" }).click();
  await expect(form.locator("#title-error")).toHaveText("This field is required.");
  await form.getByLabel("Title").fill("Repair manuals are public");
  await form.getByLabel("Module").selectOption({ label: "Hardware (HW)" });
  await form.getByLabel("Lowest level that requires it").selectOption("Silver");
  await form.getByLabel("Strength").selectOption("SHOULD");
  await form.getByRole("button", { name: "Add clause" }).click();
  const added = page.getByRole("status").filter({ hasText: /Clause HW-\d+ added/ });
  await expect(added).toBeVisible();
  const ref = (await added.textContent())?.match(/HW-\d+/)?.[0] ?? "";

  await page.goto(`/standards/iotmark/draft/${ref}`);
  await expect(
    page.getByRole("heading", { name: `${ref} Repair manuals are public` }),
  ).toBeVisible();
  await page.getByLabel("What changed").fill("First version");
  await page.getByRole("button", { name: "Save revision" }).click();
  await expect(page.getByText("Revision 2 saved.")).toBeVisible();
  await page.getByText("Retire this clause…").click();
  await page.getByLabel("Why retire it?").fill("A duplicate of another clause.");
  await page.getByRole("button", { name: `Retire ${ref}` }).click();
  await expect(page.getByText("This clause is retired.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Requirement" })).toHaveCount(0);

  await page.goto("/transparency?action=drafting.");
  for (const sentence of [
    `added clause ${ref}:`,
    `saved revision 2 of ${ref}.`,
    `retired ${ref}.`,
  ]) {
    await expect(page.getByRole("listitem").filter({ hasText: sentence }).first()).toBeVisible();
  }
});

test("the level filter shows what a level requires, as a plain link", async ({ browser }) => {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await page.goto("/standards/iotmark/draft");
  const all = await page.locator("main li").count();
  await page.getByRole("link", { name: "Required for Bronze" }).click();
  await expect(page).toHaveURL(/level=Bronze/);
  await expect(page.getByRole("link", { name: "Required for Bronze" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const bronze = await page.locator("main li").count();
  await page.getByRole("link", { name: "Required for Gold" }).click();
  await expect(page).toHaveURL(/level=Gold/);
  await expect(page.getByRole("link", { name: "Required for Gold" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const gold = await page.locator("main li").count();
  expect(bronze).toBeGreaterThan(0);
  expect(bronze).toBeLessThan(gold);
  expect(gold).toBeLessThan(all);
  await expect(page.getByText("Recommended only")).toHaveCount(0);
});

test("the editor sets RFC 2119 keywords apart while people type", async ({ page, db }) => {
  // Starting an editor is the slow part on a busy machine: openEditor waits for it.
  test.setTimeout(90_000);
  await signInAs(page, db, await createPerson(db, { name: "Zed Reader" }));
  const requirement = await openEditor(page, "/standards/iotmark/draft/HW-1");
  await expect(requirement.locator(".rfc2119").first()).toHaveText("MUST NOT");
});
