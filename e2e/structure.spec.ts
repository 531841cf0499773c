import { and, eq } from "drizzle-orm";
import { requireParticipant } from "@/lib/community/authz";
import { loadViewer } from "@/lib/community/viewer";
import { withdrawCall } from "@/lib/decisions/calls";
import { calls } from "@/lib/decisions/schema";
import { createClause } from "@/lib/drafting/mutations";
import { clauseRevisions, clauses, standards } from "@/lib/drafting/schema";
import { demoPerson, expect, signInAs, test } from "./fixtures";

test("a participant's retirement of an adopted clause opens a call, and the clause stays in the draft", async ({
  page,
  db,
}) => {
  const noor = await demoPerson(db, "noor");
  const { clauseId, ref } = await createClause(
    db,
    requireParticipant(await loadViewer(db, noor.id)),
    {
      standardSlug: "iotmark",
      title: "Default passwords are unique per device",
      moduleCode: "HW",
      level: "Bronze",
      strength: "MUST",
    },
  );
  // The community adopted its first revision (the calls that do so are tested elsewhere).
  const [first] = await db
    .select({ id: clauseRevisions.id })
    .from(clauseRevisions)
    .where(eq(clauseRevisions.clauseId, clauseId));
  await db.update(clauses).set({ adoptedRevisionId: first?.id }).where(eq(clauses.id, clauseId));

  await signInAs(page, db, await demoPerson(db, "kofi"));
  const path = `/standards/iotmark/draft/${ref}`;
  await page.goto(path);
  await page.getByText("Retire this clause…").click();
  await expect(page.getByText("a call decides whether it is retired")).toBeVisible();
  // A reason is asked for.
  await page.getByRole("button", { name: `Retire ${ref}` }).click();
  await expect(page.getByText("This field is required").first()).toBeVisible();
  await page.getByLabel("Why retire it?").fill("Covered by the new credentials module.");
  await page.getByRole("button", { name: `Retire ${ref}` }).click();

  const notice = page.getByRole("status").filter({ hasText: `will decide whether ${ref}` });
  await expect(notice).toBeVisible();
  const number = Number((await notice.textContent())?.match(/Call #(\d+)/)?.[1]);
  expect(number).toBeGreaterThan(0);
  await expect(page.getByText(`Retirement proposed: call #${number}`)).toBeVisible();
  // The clause is not retired: still editable, and no second retirement is offered.
  await expect(page.getByText("This clause is retired.")).toHaveCount(0);
  await expect(page.getByText("Retire this clause…")).toHaveCount(0);
  await page.screenshot({
    path: test.info().outputPath("structure-clause-pending.png"),
    fullPage: true,
  });

  await page.goto("/standards/iotmark/draft?module=HW");
  const entry = page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: new RegExp(ref) }) });
  await expect(entry).toBeVisible();
  await expect(entry.getByText("Retired", { exact: true })).toHaveCount(0);
  await expect(entry.getByText(`Retirement proposed: call #${number}`)).toBeVisible();

  await page.goto(`/standards/iotmark/calls/${number}`);
  await expect(page.getByRole("heading", { name: new RegExp(`Retire ${ref}`) })).toBeVisible();
});

test("a participant proposes new charter numbers; a call decides them", async ({ page, db }) => {
  const rosa = await demoPerson(db, "rosa");
  await signInAs(page, db, rosa);
  await page.goto("/standards/iotmark/calls#charter");
  const charter = page.locator("#charter");
  await expect(charter.getByText("In force:")).toBeVisible();
  await charter.getByLabel("Comment period (days)").fill("21");
  await charter.getByLabel("Quorum (positions)").fill("4");
  await charter.getByLabel("Why change them?").fill("Changes deserve more eyes and more time.");
  await charter.screenshot({ path: test.info().outputPath("structure-charter-form.png") });
  await charter.getByRole("button", { name: "Open a call on the charter" }).click();
  const notice = page.getByRole("status").filter({ hasText: "will decide the new numbers" });
  await expect(notice).toBeVisible();
  await expect(charter.getByText(/New numbers proposed in call #\d+/)).toBeVisible();
  await expect(charter.getByRole("button", { name: "Open a call on the charter" })).toHaveCount(0);
  await page.screenshot({
    path: test.info().outputPath("structure-charter-proposal.png"),
    fullPage: true,
  });
  const callHref = await charter.getByRole("link", { name: /call #\d+/ }).getAttribute("href");
  await page.goto(callHref ?? "");
  await expect(page.getByRole("columnheader", { name: "Proposed" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Quorum \(positions\) 3 4/ })).toBeVisible();
  await page.screenshot({
    path: test.info().outputPath("structure-charter-call.png"),
    fullPage: true,
  });

  // Leave the suite's community with no charter call open.
  const [standard] = await db.select().from(standards).where(eq(standards.slug, "iotmark"));
  const [call] = await db
    .select()
    .from(calls)
    .where(
      and(
        eq(calls.standardId, standard?.id ?? ""),
        eq(calls.kind, "charter"),
        eq(calls.phase, "open"),
      ),
    );
  if (call) {
    await withdrawCall(
      db,
      requireParticipant(await loadViewer(db, rosa.id)),
      call.id,
      "Only a demonstration.",
    );
  }
});

test("retiring an adopted prose section opens a call, and the section stays until it is decided", async ({
  page,
  db,
}) => {
  await signInAs(page, db, await demoPerson(db, "kofi"));
  await page.goto("/standards/iotmark/draft/sections/terminology");
  await page.getByText("Retire this section…").click();
  await expect(page.getByText("a call decides whether it is retired")).toBeVisible();
  await page
    .getByLabel("Why retire it?")
    .fill("The definitions section now explains the keywords.");
  await page.getByRole("button", { name: "Retire “Terminology”" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "will decide whether this section is retired" }),
  ).toBeVisible();
  await expect(page.getByText(/Retirement proposed: call #\d+/)).toBeVisible();
  await expect(page.getByText("Retire this section…")).toHaveCount(0);
  await expect(page.getByText(/^This section is retired\./)).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("section-pending.png"), fullPage: true });
});
