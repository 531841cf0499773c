import { createPerson, expect, expectAccessible, signInAs, test } from "./fixtures";

test("a person makes an access token, sees it once, uses it, and revokes it", async ({
  page,
  db,
  request,
}) => {
  const person = await createPerson(db, { name: "Tobi Token" });
  await signInAs(page, db, person);
  await page.goto("/profile");
  const section = page.locator("section#tokens");
  await expect(section.getByRole("heading", { name: "Access tokens" })).toBeVisible();
  await expect(section.getByText("You have no access tokens yet.")).toBeVisible();
  await expect(section.getByRole("link", { name: "Read the API reference" })).toHaveAttribute(
    "href",
    "/api",
  );

  // A name the public log could not show is refused next to the field.
  await section.getByLabel("Token name").fill("<script>");
  await section.getByRole("button", { name: "Create token" }).click();
  await expect(section.locator("#tokenName-error")).toHaveText("This value is not valid.");

  await section.getByLabel("Token name").fill("ci-bot");
  await section.getByLabel(/^Comment:/).check();
  await section.getByLabel("Expires after").selectOption("7");
  await section.getByRole("button", { name: "Create token" }).click();
  const shown = section.getByTestId("new-token");
  await expect(shown).toHaveText(/^hum_/);
  const token = (await shown.textContent())?.trim() ?? "";
  await expect(section.getByText(/will never show it again/)).toBeVisible();
  const row = section.getByRole("row", { name: /ci-bot/ });
  await expect(row).toContainText("read, comment");
  await expect(row).toContainText("never");
  await expect(row).toContainText("Active");
  await expectAccessible(page);

  // Shown once: the page, loaded again, lists the token but never shows it.
  await page.reload();
  await expect(section.getByTestId("new-token")).toHaveCount(0);
  expect(await page.content()).not.toContain(token);

  const withToken = { headers: { Authorization: `Bearer ${token}` } };
  const read = await request.get("/api/v1/standards", withToken);
  expect(read.status()).toBe(200);

  await page.reload();
  await expect(row).not.toContainText("never");
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);

  // Each server hears of the revocation on the change feed, a moment after it commits.
  await expect
    .poll(async () => (await request.get("/api/v1/standards", withToken)).status())
    .toBe(401);
  const refused = await request.get("/api/v1/standards", withToken);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
});
