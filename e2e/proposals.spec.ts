import type { Page } from "@playwright/test";
import { and, count, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { openCall } from "@/lib/decisions/calls";
import { closeDue } from "@/lib/decisions/close-due";
import { addDays } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { demoEmail } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { createClause } from "@/lib/drafting/mutations";
import { clauseRevisions, clauses, clauseTexts, modules, standards } from "@/lib/drafting/schema";
import { demoPerson, expect, expectAccessible, openEditor, signInAs, test } from "./fixtures";

/** "Dec 12, 2025, 10:00 AM UTC": the site's dates, in UTC, on every deadline. */
const WHEN = String.raw`[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M UTC`;
const LEFT = String.raw`(\d+ days? )?\d+ hours? left`;

/** How many revisions an IoTmark clause has, by reference. */
async function revisionCount(db: Database, ref: string): Promise<number> {
  const [code, number] = ref.split("-");
  const [row] = await db
    .select({ n: count() })
    .from(clauseRevisions)
    .innerJoin(clauses, eq(clauses.id, clauseRevisions.clauseId))
    .innerJoin(standards, eq(standards.id, clauses.standardId))
    .where(
      and(
        eq(standards.slug, "iotmark"),
        eq(clauses.refCode, code ?? ""),
        eq(clauses.refNumber, Number(number)),
      ),
    );
  return row?.n ?? 0;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(name), fullPage: true });
}

test("proposing a clause's text prefills its latest revision and takes no duplicate", async ({
  page,
  db,
}) => {
  test.setTimeout(120_000);
  const noor = await demoPerson(db, "noor");
  await signInAs(page, db, noor);
  await openEditor(page, "/standards/iotmark/draft/LEGAL-3");
  await page.getByLabel("What changed").fill("Ready for adoption");
  await page.getByRole("button", { name: "Save revision" }).click();
  const saved = page.getByRole("status").filter({ hasText: /^Revision \d+ saved\.$/ });
  await expect(saved).toBeVisible();
  const number = Number((await saved.textContent())?.match(/\d+/)?.[0]);
  const before = await revisionCount(db, "LEGAL-3");

  await page.getByRole("link", { name: "Propose this text for adoption" }).click();
  await expect(page.getByLabel("Clause")).toHaveValue("LEGAL-3");
  await expect(page.getByLabel("Revision number")).toHaveValue(String(number));
  await expect(
    page.getByText(`Proposing revision ${number} of LEGAL-3: the text as it stands.`),
  ).toBeVisible();
  await expect(
    page.getByText(
      new RegExp(`^Revision ${number} was saved on ${WHEN} by ${noor.name}: “Ready for adoption”$`),
    ),
  ).toBeVisible();
  await expectAccessible(page);
  await shot(page, "new-call-form.png");

  await page.getByLabel("Title", { exact: true }).fill("Adopt the warranty wording");
  await page.getByRole("button", { name: "Open the call" }).click();
  await expect(
    page.getByRole("heading", { name: /^Call \d+: Adopt the warranty wording$/ }),
  ).toBeVisible();
  // The call decides the revision just saved; no second copy of it was taken.
  expect(await revisionCount(db, "LEGAL-3")).toBe(before);
  const [call] = await db
    .select({ revision: clauseRevisions.number })
    .from(calls)
    .innerJoin(clauseRevisions, eq(clauseRevisions.id, calls.revisionId))
    .where(eq(calls.title, "Adopt the warranty wording"));
  expect(call?.revision).toBe(number);
});

test("when the text changed since the latest revision, the form says so and leaves the number empty", async ({
  page,
  db,
}) => {
  // A standard of its own, whose clause no editor has opened: its text changes in the database
  // alone, with no live document to store it back.
  const slug = `proposals-${Date.now()}`;
  const [standard] = await db
    .insert(standards)
    .values({ slug, name: "Proposals check" })
    .returning({ id: standards.id });
  if (!standard) throw new Error("no standard");
  await db
    .insert(modules)
    .values({ standardId: standard.id, code: "SW", name: "Software", position: 0 });
  const jonas = await demoPerson(db, "jonas");
  const author = await demoViewers(db, demoEmail, new Date())("jonas");
  const { clauseId, ref } = await createClause(db, author, {
    standardSlug: slug,
    title: "Sign firmware",
    moduleCode: "SW",
    level: "",
    strength: "MUST",
  });
  const text = "Firmware must be signed.";
  await db
    .update(clauseTexts)
    .set({
      body: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] },
      plainText: text,
    })
    .where(eq(clauseTexts.clauseId, clauseId));

  await signInAs(page, db, jonas);
  await page.goto(`/standards/${slug}/calls/new?clause=${ref}`);
  await expect(page.getByLabel("Revision number")).toHaveValue("");
  await expect(
    page.getByText(
      `The text of ${ref} has changed since revision 1. With the number left empty, Hum saves the text as it stands as revision 2 and proposes that.`,
    ),
  ).toBeVisible();
  await expect(
    page.getByText(
      new RegExp(`^Revision 1 was saved on ${WHEN} by ${jonas.name}: “Clause added”$`),
    ),
  ).toBeVisible();
  await shot(page, "new-call-form-changed.png");
});

test("each phase of a call shows its own deadline, with a countdown only while one is pending", async ({
  page,
  db,
}) => {
  const [standard] = await db.select().from(standards).where(eq(standards.slug, "iotmark"));
  if (!standard) throw new Error("no demo standard");
  const now = new Date();
  const jonas = await demoViewers(db, demoEmail, now)("jonas");
  const question = (title: string) => ({
    kind: "question" as const,
    clauseRef: "",
    revision: null,
    title,
    description: "",
    organisations: "",
  });
  // One call still open, and one whose comment period ended a day ago without a quorum: the
  // scheduler, run as it would have run then, hands it to the advisory group.
  const open = await openCall(db, jonas, standard.id, question("Deadline check: open"), now);
  const escalated = await openCall(
    db,
    jonas,
    standard.id,
    question("Deadline check: with the advisory group"),
    addDays(now, -15),
  );
  await closeDue(db, addDays(now, -1));
  const [adopted] = await db
    .select({ number: calls.number })
    .from(calls)
    .where(eq(calls.title, "Adopt the security contact wording"));
  if (!adopted) throw new Error("the demo's adopted call is missing");

  const header = (text: string) => page.getByRole("listitem").filter({ hasText: text }).first();
  await page.goto(`/standards/iotmark/calls/${open.number}`);
  await expect(header("Comments close on")).toHaveText(
    new RegExp(`^Comments close on ${WHEN} · ${LEFT}$`),
  );

  await page.goto(`/standards/iotmark/calls/${escalated.number}`);
  await expect(page.getByText("With the advisory group").first()).toBeVisible();
  // The countdown is the advisory group's, and nothing says the call is closed.
  await expect(header("The advisory group decides by")).toHaveText(
    new RegExp(`^The advisory group decides by ${WHEN} · ${LEFT}$`),
  );
  await expect(page.getByText(/^Closed on/)).toHaveCount(0);
  await shot(page, "call-header-ag.png");

  await page.goto(`/standards/iotmark/calls/${adopted.number}`);
  await expect(header("Closed on")).toHaveText(new RegExp(`^Closed on ${WHEN}$`));
  await expect(page.getByText(/ left$/)).toHaveCount(0);
  await shot(page, "call-header-adopted.png");

  // The list of calls says the same, through the same component.
  await page.goto("/standards/iotmark/calls");
  const item = (title: string) => page.getByRole("listitem").filter({ hasText: title });
  await expect(item("Deadline check: with the advisory group")).toContainText(
    /The advisory group decides by .+ UTC · (\d+ days? )?\d+ hours? left/,
  );
  await expect(item("Deadline check: open")).toContainText(/Comments close on .+ UTC · /);
  await expect(item("Adopt the security contact wording")).toContainText(/Closed on .+ UTC/);
  await expect(item("Adopt the security contact wording")).not.toContainText("left");
  await shot(page, "call-list.png");
  await expectAccessible(page);
});
