import path from "node:path";
import type { Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { addDays } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { demoEmail } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { standards } from "@/lib/drafting/schema";
import { demoPerson, expect, expectAccessible, signInAs, test } from "./fixtures";

async function as(page: Page, db: Database, key: string, where: string): Promise<void> {
  await page.context().clearCookies();
  await signInAs(page, db, await demoPerson(db, key));
  await page.goto(where);
}

/** A full-page picture, kept with the results (or where SHOTS_DIR says). */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  await page.screenshot({
    path: dir ? path.join(dir, `lastcall-${name}.png`) : test.info().outputPath(`${name}.png`),
    fullPage: true,
  });
}

async function callOf(db: Database, number: number) {
  const [row] = await db
    .select({ call: calls })
    .from(calls)
    .innerJoin(standards, eq(standards.id, calls.standardId))
    .where(and(eq(standards.slug, "iotmark"), eq(calls.number, number)));
  if (!row) throw new Error(`no call ${number}`);
  return row.call;
}

test("a last call: one clause objected is held for the advisory group, the others adopted", async ({
  page,
  db,
}) => {
  test.setTimeout(120_000);
  // Noor opens a last call on three clauses she picks.
  await as(page, db, "noor", "/standards/iotmark/calls");
  await page.getByRole("link", { name: "Open a last call" }).click();
  await expect(page.getByRole("heading", { name: "Open a last call" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Only the clauses and sections checked below").check();
  for (const ref of ["HW-4", "LEGAL-2", "LEGAL-4"]) {
    await page.getByRole("checkbox", { name: new RegExp(`^${ref} `) }).check();
  }
  await page.getByLabel("Title", { exact: true }).fill("Last call on key storage and legal terms");
  await shot(page, "open-form");
  await page.getByRole("button", { name: "Open the last call" }).click();
  await expect(
    page.getByRole("heading", { name: /^Call \d+: Last call on key storage and legal terms$/ }),
  ).toBeVisible();
  const where = new URL(page.url()).pathname;
  const number = Number(where.split("/").at(-1));
  await expect(page.getByTestId("change-summary")).toContainText("3 changes: 3 pending");
  await expect(page.getByTestId("change")).toHaveCount(3);

  // Kofi objects to LEGAL-4 alone, naming it.
  await as(page, db, "kofi", where);
  await page.getByRole("radio", { name: "Object", exact: true }).check();
  await page
    .getByLabel("Reason")
    .fill("The arbitration wording still lets vendors pick the forum.");
  await page.getByRole("checkbox", { name: /^LEGAL-4 · / }).check();
  await page.getByRole("button", { name: "Save my position" }).click();
  const objected = page.getByTestId("change").filter({ hasText: "LEGAL-4" });
  await expect(
    objected.getByRole("link", { name: "Objection by Kofi Mensah (open)" }),
  ).toBeVisible();

  // The filters are a plain form: objected changes only.
  await page.getByLabel("Objected only").check();
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(page).toHaveURL(/objected=1/);
  await expect(page.getByText("Showing 1 of 3.")).toBeVisible();
  await expect(page.getByTestId("change")).toHaveCount(1);
  await expectAccessible(page);
  await shot(page, "call-filtered");

  // Three more support it; the comment period ends.
  const who = demoViewers(db, demoEmail, new Date());
  const call = await callOf(db, number);
  for (const key of ["lena", "sam", "noor"]) {
    await takePosition(db, await who(key), call.id, { stance: "support", reason: "" });
  }
  await closeDue(db, addDays(call.closesAt, 1 / 24));
  await page.goto(where);
  await expect(page.getByTestId("change-summary")).toContainText(
    "3 changes: 2 adopted, 1 held for the advisory group",
  );
  await shot(page, "call-closed");
  await page
    .getByTestId("change")
    .filter({ hasText: "LEGAL-4" })
    .getByRole("link", {
      name: /^Decided alone in call \d+$/,
    })
    .click();
  await expect(page.getByRole("heading", { name: /: LEGAL-4$/ })).toBeVisible();
  await expect(page.getByText(`Held back from call ${number}`)).toBeVisible();
  await expect(page.getByTestId("change-summary")).toContainText("1 change: 1 pending");
  await expectAccessible(page);
  await shot(page, "escalated-child");
});
