import fs from "node:fs";
import { createPerson, expect, expectAccessible, signInAs, test } from "./fixtures";

const fixture = (name: string) => fs.readFileSync(`lib/drafting/fixtures/${name}`, "utf8");

test("the secretariat imports an outside document; a broken one is refused line by line, with nothing created", async ({
  page,
  db,
}) => {
  await signInAs(page, db, await createPerson(db, { name: "Ida Secretary", isSecretariat: true }));
  await page.goto("/standards/import");
  await expectAccessible(page);
  await page.getByLabel("Format").selectOption({ label: "Plain outside document" });
  await page.getByLabel("Address name (plain documents)").fill("home-routers");
  await page.getByLabel("Name (plain documents)", { exact: true }).fill("Home Router Principles");
  await page.getByLabel("Markdown", { exact: true }).fill(fixture("broken-plain.md"));
  await page.getByRole("button", { name: "Import" }).click();
  const problems = page.getByRole("alert").filter({ hasText: "nothing was imported" });
  await expect(problems).toContainText("nothing was imported");
  await expect(problems).toContainText("Line 3: Requirement before any ## module heading");
  await expect(problems).toContainText("Line 25: Images are not supported");
  expect((await page.goto("/standards/home-routers/draft"))?.status()).toBe(404);

  await page.goto("/standards/import");
  await page.getByLabel("Format").selectOption({ label: "Plain outside document" });
  await page.getByLabel("Address name (plain documents)").fill("home-routers");
  await page.getByLabel("Name (plain documents)", { exact: true }).fill("Home Router Principles");
  await page.getByLabel("Markdown", { exact: true }).fill(fixture("outside-document.md"));
  await page.getByRole("button", { name: "Import" }).click();
  // Nothing is created before the preview is confirmed.
  await page.getByRole("button", { name: "Confirm the import" }).click();
  // The notice leads to the new standard's draft.
  await page
    .getByRole("status")
    .getByRole("link", { name: /Imported \d+ clauses\./ })
    .click();
  await expect(
    page.getByRole("heading", { name: "Home Router Principles: working draft" }),
  ).toBeVisible();
  const markdown = await (await page.request.get("/standards/home-routers/draft.md")).text();
  expect(markdown).toContain('slug: "home-routers"');
});

test("a participant cannot import", async ({ page, db }) => {
  await signInAs(page, db, await createPerson(db, { name: "Jo Participant" }));
  expect((await page.goto("/standards/import"))?.status()).toBe(403);
});
