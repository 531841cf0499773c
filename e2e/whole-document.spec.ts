import fs from "node:fs";
import type { Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { addDays } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { castVote } from "@/lib/decisions/votes";
import { demoEmail } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { standards } from "@/lib/drafting/schema";
import { createPerson, demoPerson, expect, expectAccessible, signInAs, test } from "./fixtures";

/**
 * A community brings its own document to Hum and publishes it, then a revised text of it: the
 * secretariat imports the earlier text as the founding text, the founding call adopts all of it
 * and 1.0.0 is published; the later text comes in as working changes under one last call, one
 * principle is objected to by name and goes to the advisory group alone while the rest is
 * adopted; once the advisory group has decided, 1.1.0 is published and anyone compares the two.
 * Time moves as the scheduler would move it.
 */

const fixture = (name: string) => fs.readFileSync(`lib/drafting/fixtures/${name}`, "utf8");
const NAME = "Home Device Principles";

async function callNumbered(db: Database, standardId: string, number: number) {
  const [call] = await db
    .select()
    .from(calls)
    .where(and(eq(calls.standardId, standardId), eq(calls.number, number)));
  if (!call) throw new Error(`call ${number} is missing`);
  return call;
}

const numberIn = (href: string | null) => Number(href?.split("/").at(-1));

/** Three demo participants support a call; the scheduler then closes it after its period. */
async function supportAndClose(db: Database, callId: string, closesAt: Date) {
  const who = demoViewers(db, demoEmail, new Date());
  for (const key of ["noor", "lena", "tomas"]) {
    await takePosition(db, await who(key), callId, { stance: "support", reason: "" });
  }
  await closeDue(db, addDays(closesAt, 1 / 24));
}

/** The secretariat prepares a release candidate; its call is supported and closed. */
async function publish(
  page: Page,
  db: Database,
  slug: string,
  standardId: string,
  version: string,
) {
  await page.goto(`/standards/${slug}/releases`);
  await page.getByLabel("Version").fill(version);
  await page.getByLabel("Release notes").fill(`The community's text, ${version}.`);
  await page.getByRole("button", { name: "Prepare the candidate and open its call" }).click();
  const done = page.getByRole("link", { name: /The candidate is ready and call \d+ is open/ });
  await expect(done).toBeVisible();
  const call = await callNumbered(db, standardId, numberIn(await done.getAttribute("href")));
  await supportAndClose(db, call.id, call.closesAt);
  await page.goto(`/standards/${slug}/v/${version}`);
  await expect(page.getByRole("heading", { name: `${NAME} ${version}`, level: 1 })).toBeVisible();
}

test("a community's document is founded, revised under a last call with one objection, and compared", async ({
  page,
  db,
}) => {
  test.slow();
  const slug = `home-principles-${Date.now()}`;
  const secretary = await createPerson(db, { name: "Ines Secretary", isSecretariat: true });
  let standardId = "";

  await test.step("the earlier text is imported as the founding text and adopted by one call", async () => {
    await signInAs(page, db, secretary);
    await page.goto("/standards/import");
    await page.getByLabel("Format").selectOption({ label: "Plain outside document" });
    await page.getByLabel("Address name (plain documents)").fill(slug);
    await page.getByLabel("Name (plain documents)", { exact: true }).fill(NAME);
    await page.getByLabel("Markdown", { exact: true }).fill(fixture("home-principles-2025.md"));
    await page.getByLabel(/founding text/).check();
    await page.getByRole("button", { name: "Preview the import" }).click();
    const preview = page.getByRole("region", { name: `Preview: ${NAME}` });
    await expect(preview).toContainText(
      `A new standard at /standards/${slug}: 7 prose sections, 7 modules, 30 clauses.`,
    );
    await expectAccessible(page);
    await page.getByRole("button", { name: "Confirm the import" }).click();
    const done = page.getByRole("status").getByRole("link", {
      name: "Imported 30 clauses and 7 sections; call 1 opened to adopt them.",
    });
    await expect(done).toBeVisible();
    const [standard] = await db.select().from(standards).where(eq(standards.slug, slug));
    standardId = standard?.id ?? "";
    const founding = await callNumbered(db, standardId, 1);
    await supportAndClose(db, founding.id, founding.closesAt);
    await page.goto(`/standards/${slug}/calls/1`);
    await expect(page.getByTestId("change-summary")).toContainText("37 changes: 37 adopted");
  });

  await test.step("1.0.0 is published with its prose sections before the modules", async () => {
    await publish(page, db, slug, standardId, "1.0.0");
    await expect(page.getByRole("heading", { name: "Definitions" }).first()).toBeVisible();
    await expectAccessible(page);
  });

  let lastCall = 0;
  await test.step("the later text comes in as working changes under one last call", async () => {
    await page.goto("/standards/import");
    await page.getByLabel("Format").selectOption({ label: "Plain outside document" });
    await page.getByLabel("Import into").selectOption({ label: NAME });
    await page.getByLabel("Markdown", { exact: true }).fill(fixture("home-principles-2026.md"));
    await page.getByLabel(/founding text/).check();
    await page.getByRole("button", { name: "Preview the import" }).click();
    const later = page.getByRole("region", { name: `Preview: ${NAME}` });
    await expect(later).toContainText("one last call opens over the changes");
    await expect(later.getByRole("row", { name: /^INTERO-3 / })).toContainText("to retire");
    await page.getByRole("button", { name: "Confirm the import" }).click();
    const done = page.getByRole("status").getByRole("link", { name: /call \d+ opened/ });
    await expect(done).toBeVisible();
    lastCall = numberIn(await done.getAttribute("href"));
  });

  await test.step("one principle is objected to by name; the rest is adopted at close", async () => {
    await page.context().clearCookies();
    await signInAs(page, db, await demoPerson(db, "kofi"));
    await page.goto(`/standards/${slug}/calls/${lastCall}`);
    await page.getByRole("radio", { name: "Object", exact: true }).check();
    await page
      .getByLabel("Reason")
      .fill("An account-free core function needs a transition period for devices already sold.");
    await page.getByRole("checkbox", { name: /^PRIVAC-3 · / }).check();
    await page.getByRole("button", { name: "Save my position" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Your position is saved." }),
    ).toBeVisible();
    const call = await callNumbered(db, standardId, lastCall);
    await supportAndClose(db, call.id, call.closesAt);
    await page.reload();
    await expect(page.getByTestId("change-summary")).toContainText("1 held for the advisory group");
    await expectAccessible(page);
  });

  await test.step("the advisory group decides the objected principle alone", async () => {
    const [child] = await db
      .select()
      .from(calls)
      .where(and(eq(calls.standardId, standardId), eq(calls.phase, "escalated_ag")));
    if (!child) throw new Error("the objected principle has no call of its own");
    expect(child.title).toMatch(/PRIVAC-3$/);
    const who = demoViewers(db, demoEmail, new Date());
    for (const key of ["rosa", "mei"]) {
      await castVote(db, await who(key), child.id, {
        stage: "ag",
        choice: "adopt",
        rationale:
          "Devices sold before the release keep their accounts; new ones must not need one.",
      });
    }
    const [decided] = await db.select().from(calls).where(eq(calls.id, child.id));
    await closeDue(db, addDays(decided?.appealDeadline ?? new Date(), 1 / 24));
    await page.goto(`/standards/${slug}/calls/${child.number}`);
    await expect(page.getByText("Adopted").first()).toBeVisible();
  });

  await test.step("1.1.0 is published, and anyone sees what changed since 1.0.0", async () => {
    await page.context().clearCookies();
    await signInAs(page, db, secretary);
    await publish(page, db, slug, standardId, "1.1.0");
    await page.context().clearCookies();
    await page.goto(`/standards/${slug}/compare/1.0.0...1.1.0`);
    const changed = page
      .locator("section")
      .filter({ has: page.getByRole("heading", { name: /^Changed/ }) })
      .first();
    await expect(changed).toContainText("PRIVAC-3");
    await expect(changed).toContainText("SOFTWA-2");
    await expect(
      page
        .locator("section")
        .filter({ has: page.getByRole("heading", { name: /^Added/ }) })
        .first(),
    ).toContainText("SECURI-6");
    await expect(page.getByText("INTERO-3").first()).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: test.info().outputPath("comparison.png"), fullPage: true });
  });
});
