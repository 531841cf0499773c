import { and, eq } from "drizzle-orm";
import { auditLog } from "@/lib/audit/schema";
import { memberships } from "@/lib/community/schema";
import { createPerson, expect, expectAccessible, signInAs, test } from "./fixtures";

test("the secretariat appoints a member, who then appears on the group page, and ends the term", async ({
  page,
  db,
}) => {
  const secretary = await createPerson(db, { name: "Ines Secretary", isSecretariat: true });
  const newcomer = await createPerson(db, { name: "Oskar Appointee" });
  await signInAs(page, db, secretary);

  await page.goto("/secretariat");
  await expect(page.getByRole("heading", { name: "Secretariat", level: 1 })).toBeVisible();
  await expectAccessible(page);

  // Bad input is explained next to the field and nothing is stored.
  const personField = page.locator("#email");
  await personField.fill("nobody@example.org");
  await page.getByRole("button", { name: "Appoint" }).click();
  await expect(page.locator("#email-error")).toHaveText(
    "Nobody has signed in with this address yet.",
  );

  await personField.fill(newcomer.email);
  await page.getByLabel("Group").selectOption({ label: "Steering committee" });
  await page.getByLabel("Role").selectOption({ label: "Member" });
  await page.getByLabel("Term starts on").fill("2026-01-01");
  await page.getByLabel("Term ends on").fill("2025-06-01");
  await page.getByRole("button", { name: "Appoint" }).click();
  await expect(page.locator("#endsOn-error")).toHaveText("The term cannot end before it starts.");
  expect(
    await db.select().from(memberships).where(eq(memberships.userId, newcomer.id)),
  ).toHaveLength(0);

  await page.getByLabel("Term ends on").fill("");
  await page.getByRole("button", { name: "Appoint" }).click();
  await expect(page.getByText("The appointment is recorded.")).toBeVisible();

  await page.goto("/groups/steering-committee");
  const current = page.getByRole("table", { name: "Current members of the Steering committee" });
  await expect(current.getByText("Oskar Appointee")).toBeVisible();
  await expectAccessible(page);

  await page.goto("/secretariat");
  const term = page.getByRole("listitem").filter({ hasText: "Oskar Appointee" });
  await term.getByText("End term…").click();
  await term
    .getByRole("button", { name: "End the term of Oskar Appointee in the Steering committee now" })
    .click();
  await expect(page.getByText("Oskar Appointee")).toHaveCount(0);
  await page.goto("/groups/steering-committee");
  await expect(
    page
      .getByRole("table", { name: "Past members of the Steering committee" })
      .getByText("Oskar Appointee"),
  ).toBeVisible();
});

test("a participant can neither open the secretariat page nor use its actions", async ({
  browser,
  db,
}) => {
  const secretary = await createPerson(db, { name: "Pia Secretary", isSecretariat: true });
  const participant = await createPerson(db, { name: "Quinn Participant" });
  const target = await createPerson(db, { name: "Rui Target" });

  // The secretary's page holds the real form, with the server action's reference in it.
  const secretaryPage = await (await browser.newContext()).newPage();
  await signInAs(secretaryPage, db, secretary);
  await secretaryPage.goto("/secretariat");
  const appointForm = await secretaryPage
    .locator("form")
    .filter({ has: secretaryPage.locator("#email") })
    .evaluate((form) => form.outerHTML);

  const page = await (await browser.newContext()).newPage();
  await signInAs(page, db, participant);
  const response = await page.goto("/secretariat");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Secretariat" })).toHaveCount(0);

  // Replay the secretary's form from the participant's session: the action itself refuses.
  await page.evaluate(
    ([html, email]) => {
      const holder = document.createElement("div");
      holder.innerHTML = html;
      document.body.append(holder);
      const form = holder.querySelector("form") as HTMLFormElement;
      (form.querySelector("[name=email]") as HTMLInputElement).value = email;
      form.submit();
    },
    [appointForm, target.email] as const,
  );
  await page.waitForLoadState("load");
  await expect
    .poll(
      async () =>
        (
          await db
            .select()
            .from(auditLog)
            .where(
              and(
                eq(auditLog.actorId, participant.id),
                eq(auditLog.subjectId, "community.appoint_member"),
              ),
            )
        ).length,
    )
    .toBe(1);
  expect(await db.select().from(memberships).where(eq(memberships.userId, target.id))).toHaveLength(
    0,
  );
});
