import { and, asc, eq } from "drizzle-orm";
import { clauseRevisions, clauses, standards } from "@/lib/drafting/schema";
import { createPerson, expect, expectAccessible, signInAs, test } from "./fixtures";

test("the clause page names its two title fields apart", async ({ page, db }) => {
  await signInAs(page, db, await createPerson(db, { name: "Tia Titles" }));
  await page.goto("/standards/iotmark/draft/SW-1");
  await expect(page.getByLabel("Thread title", { exact: true })).toHaveCount(1);
  await expect(page.getByLabel("Clause title", { exact: true })).toHaveCount(1);
  await expect(page.getByLabel("Title", { exact: true })).toHaveCount(0);
});

test("each working-draft clause says whether it is adopted, changed since, or never adopted", async ({
  page,
  db,
}) => {
  await signInAs(page, db, await createPerson(db, { name: "Ada Adoption" }));
  await page.goto("/standards/iotmark/draft?module=SW");
  const statuses = await page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { level: 3 }) })
    .evaluateAll((items) => items.map((item) => item.textContent ?? ""));
  expect(statuses.length).toBeGreaterThan(0);
  for (const text of statuses) {
    expect(text).toMatch(/Adopted|Changed since adoption|Never adopted|Retired/);
    expect(text).not.toMatch(/\bDraft\b/);
  }

  // A new clause has never been adopted; the notice leads to it.
  await page.getByLabel("Clause title").fill("Security fixes ship on their own");
  await page.getByLabel("Module", { exact: true }).selectOption({ label: "Software (SW)" });
  await page.getByRole("button", { name: "Add clause" }).click();
  const added = page.getByRole("status").getByRole("link", { name: /Clause SW-\d+ added/ });
  const ref = (await added.textContent())?.match(/SW-(\d+)/);
  await added.click();
  const badges = page.locator("main header");
  await expect(
    page.getByRole("heading", { name: /Security fixes ship on their own/ }),
  ).toBeVisible();
  await expect(badges.getByText("Never adopted", { exact: true })).toBeVisible();

  // Once a call adopts its first revision, it reads as adopted; a change since shows as one.
  const [clause] = await db
    .select({ id: clauses.id })
    .from(clauses)
    .innerJoin(standards, eq(standards.id, clauses.standardId))
    .where(
      and(
        eq(standards.slug, "iotmark"),
        eq(clauses.refCode, "SW"),
        eq(clauses.refNumber, Number(ref?.[1])),
      ),
    );
  const [first] = await db
    .select({ id: clauseRevisions.id })
    .from(clauseRevisions)
    .where(eq(clauseRevisions.clauseId, clause?.id ?? ""))
    .orderBy(asc(clauseRevisions.number))
    .limit(1);
  await db
    .update(clauses)
    .set({ adoptedRevisionId: first?.id })
    .where(eq(clauses.id, clause?.id ?? ""));
  await page.reload();
  await expect(badges.getByText("Adopted", { exact: true })).toBeVisible();
  await page.getByLabel("Clause title").fill("Security fixes ship apart from features");
  await page.getByRole("button", { name: "Save structure" }).click();
  await expect(badges.getByText("Changed since adoption", { exact: true })).toBeVisible();
  await expectAccessible(page);
});
