import { and, eq } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { openCall } from "@/lib/decisions/calls";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { prepareRelease } from "@/lib/decisions/release-calls";
import { addDays } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { demoEmail } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { clauses, sections, sectionTexts, standards } from "@/lib/drafting/schema";
import { requireReleaseManager } from "@/lib/releases/authz";
import { listReleases } from "@/lib/releases/queries";
import { demoPerson, expect, expectAccessible, signInAs, test } from "./fixtures";

const viewer = (db: Database, key: string) => demoViewers(db, demoEmail, new Date())(key);

/** Three supporters, then the scheduler passes the call's deadline (time injected). */
async function agree(db: Database, callId: string): Promise<void> {
  for (const key of ["noor", "kofi", "lena"]) {
    await takePosition(db, await viewer(db, key), callId, { stance: "support", reason: "" });
  }
  const [call] = await db.select().from(calls).where(eq(calls.id, callId));
  await closeDue(db, addDays(call?.closesAt ?? new Date(), 0.01));
}

/** A release of the demo with SW-2 (which speaks of updates) adopted, whatever ran before. */
async function publishRelease(db: Database): Promise<string> {
  const [standard] = await db.select().from(standards).where(eq(standards.slug, "iotmark"));
  const standardId = standard?.id ?? "";
  const [clause] = await db
    .select()
    .from(clauses)
    .where(
      and(eq(clauses.standardId, standardId), eq(clauses.refCode, "SW"), eq(clauses.refNumber, 2)),
    );
  if (!clause?.adoptedRevisionId) {
    const { id } = await openCall(db, await viewer(db, "noor"), standardId, {
      kind: "clause_revision",
      clauseRef: "SW-2",
      revision: null,
      title: "Adopt SW-2",
      description: "",
      organisations: "",
    });
    await agree(db, id);
  }
  const published = await listReleases(db, "iotmark");
  const highest = Math.max(0, ...published.map((release) => Number(release.version.split(".")[0])));
  const version = `${highest + 1}.0.0`;
  const sam = await viewer(db, "sam");
  const { callNumber } = await prepareRelease(
    db,
    await requireReleaseManager(db, sam),
    standardId,
    { version, notes: "With the scope, terminology and definitions." },
  );
  const [call] = await db
    .select()
    .from(calls)
    .where(and(eq(calls.standardId, standardId), eq(calls.number, callNumber)));
  await agree(db, call?.id ?? "");
  return version;
}

test("a participant co-edits a section, and the release reader shows sections and linked terms", async ({
  page,
  db,
}) => {
  test.setTimeout(150_000);
  const rosa = await demoPerson(db, "rosa");
  await signInAs(page, db, rosa);

  // The draft lists the sections before the modules, with where each stands.
  await page.goto("/standards/iotmark/draft");
  const list = page.locator("#sections");
  await expect(list.getByRole("heading", { name: "Prose sections" })).toBeVisible();
  await expect(list.getByRole("link", { name: "Definitions" })).toBeVisible();
  await expect(list.getByText("Adopted").first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("sections-draft.png"), fullPage: false });

  // The section page has the live editor; what is typed is stored.
  await list.getByRole("link", { name: "Scope" }).click();
  await expect(page).toHaveURL(/\/standards\/iotmark\/draft\/sections\/scope$/);
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible({
    timeout: 60_000,
  });
  const text = page.getByRole("textbox", { name: "Text" });
  await text.click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type(" Toys are covered too.", { delay: 10 });
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();
  const [scope] = await db.select().from(sections).where(eq(sections.slug, "scope"));
  await expect
    .poll(
      async () =>
        (
          await db
            .select({ plainText: sectionTexts.plainText })
            .from(sectionTexts)
            .where(eq(sectionTexts.sectionId, scope?.id ?? ""))
        )[0]?.plainText ?? "",
      { timeout: 20_000 },
    )
    .toContain("Toys are covered too.");
  await page.screenshot({ path: test.info().outputPath("sections-editor.png"), fullPage: true });
  await page.reload();
  await expect(page.getByText("Changed since adoption")).toBeVisible();

  // Readers of a release find the sections before the modules, with permalinks and terms.
  const version = await publishRelease(db);
  await page.context().clearCookies();
  await page.goto(`/standards/iotmark/v/${version}`);
  const contents = page.getByRole("navigation", { name: "Contents" });
  await expect(contents.getByRole("link", { name: "Definitions" })).toHaveAttribute(
    "href",
    "#section-definitions",
  );
  const definitions = page.locator("#section-definitions");
  await expect(definitions.getByRole("heading", { name: "Definitions" })).toBeVisible();
  await expect(definitions.locator("dt#term-device")).toHaveText("Device");
  const termLink = page.locator("#SW-2 a.term-link").first();
  await expect(termLink).toHaveAttribute("href", /^#term-/);
  await termLink.click();
  await expect(page).toHaveURL(/#term-/);
  await expectAccessible(page);
  await page.goto(`/standards/iotmark/v/${version}#section-definitions`);
  await page.screenshot({ path: test.info().outputPath("sections-release.png"), fullPage: false });
});
