import { eq } from "drizzle-orm";
import { challenges } from "@/lib/challenges/schema";
import type { Database } from "@/lib/db/client";
import { addDays, defaultCharter } from "@/lib/decisions/rules";
import { demoEmail } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { declarations } from "@/lib/registry/schema";
import {
  bodyFor,
  insertDeclaration,
  insertOrganisation,
  publishedRegistryStandard,
} from "@/tests/registry-fixtures";
import { demoPerson, expect, expectAccessible, ownSecretary, signInAs, test } from "./fixtures";

/**
 * The charter's challenge terms, the challenges in the groups' queues, and the advisory
 * group's leave to list a struck-off product again, on a standard of the spec's own. The
 * challenges are written straight into their table, as the challenge process leaves them.
 */
async function seed(db: Database) {
  const token = `q${Date.now().toString(36)}`;
  const sam = await demoViewers(db, demoEmail, new Date())("sam");
  const release = await publishedRegistryStandard(db, await ownSecretary(db, `Quentin ${token}`));
  const org = await insertOrganisation(db, sam.id, { name: `Pylon Home ${token}` });
  const claims = [{ module: "SW", level: "Bronze" }];
  const listed = await insertDeclaration(db, release, {
    organisationId: org.id,
    createdBy: sam.id,
    bodies: [bodyFor(release, `Pylon Hub ${token}`, claims)],
  });
  const struck = await insertDeclaration(db, release, {
    organisationId: org.id,
    createdBy: sam.id,
    bodies: [bodyFor(release, `Pylon Cam ${token}`, claims)],
    state: "struck_off",
  });
  const now = new Date();
  await db
    .update(declarations)
    .set({ relistingBarredUntil: addDays(now, 80) })
    .where(eq(declarations.id, struck.id));
  const charter = {
    challengeResponseDays: 30,
    agDeadlineDays: 7,
    appealWindowDays: 7,
    relistingBanDays: 90,
  };
  const base = {
    kind: "challenge" as const,
    standardId: release.standardId,
    clauses: ["SW-1"],
    reason: "The update page the answer cites is empty.",
    filedBy: sam.id,
    organisations: [org.name],
    charter,
    filedAt: addDays(now, -10),
  };
  await db.insert(challenges).values([
    {
      ...base,
      declarationId: listed.id,
      declarationVersion: 1,
      phase: "escalated_ag",
      agDeadline: addDays(now, 4),
    },
    { ...base, declarationId: struck.id, declarationVersion: 1, phase: "appealed" },
    {
      ...base,
      kind: "misuse_report" as const,
      clauses: [],
      subjectName: `Zappo Plugs ${token}`,
      seenAt: "A shop window",
      subjectUrl: "https://zappo.example/plug",
      phase: "escalated_ag",
      agDeadline: addDays(now, 6),
    },
  ]);
  return { token, slug: release.slug, struck: struck.number };
}

test("the charter, the queues and the relisting leave speak of challenges", async ({
  page,
  db,
}) => {
  test.setTimeout(120_000);
  const { token, slug, struck } = await seed(db);

  // Anyone signed in proposes new challenge terms; the call shows them beside those in force.
  await signInAs(page, db, await demoPerson(db, "noor"));
  await page.goto(`/standards/${slug}/calls#charter`);
  const charter = page.locator("#charter");
  await expect(charter.getByLabel("Time to answer a challenge (days)")).toHaveValue(
    String(defaultCharter.challengeResponseDays),
  );
  await charter.getByLabel("Time to answer a challenge (days)").fill("6");
  await charter.getByLabel("Why change them?").fill("Shorter answers, a longer ban.");
  await charter.getByRole("button", { name: "Open a call on the charter" }).click();
  await expect(charter.getByText("This number is too small.").first()).toBeVisible();
  await charter.getByLabel("Time to answer a challenge (days)").fill("21");
  await charter.getByLabel("Struck-off product kept off the registry (days)").fill("180");
  await charter.getByLabel(/Badges say .under challenge./).check();
  await charter.screenshot({ path: test.info().outputPath("charter-form.png") });
  await charter.getByRole("button", { name: "Open a call on the charter" }).click();
  await expect(charter.getByText(/New numbers proposed in call #\d+/)).toBeVisible();
  await charter.getByRole("link", { name: /call #\d+/ }).click();
  const terms = page.getByRole("table");
  await expect(terms.getByRole("row", { name: /Time to answer a challenge/ })).toContainText(
    "3021",
  );
  await expect(terms.getByRole("row", { name: /under challenge/ })).toContainText(
    "Not on the badgeShown on the badge",
  );
  await page.screenshot({ path: test.info().outputPath("charter-call.png"), fullPage: true });

  // The advisory group's chair sees the challenges before each group, and those owed a vote.
  await page.context().clearCookies();
  await signInAs(page, db, await demoPerson(db, "rosa"));
  await page.goto("/decisions");
  const ag = page.locator("section").filter({ hasText: "Challenges before the advisory group" });
  await expect(ag.getByRole("link", { name: `Misuse report` }).last()).toBeVisible();
  await expect(ag.getByText(`Pylon Hub ${token}`)).toBeVisible();
  await expect(ag.getByText(`Zappo Plugs ${token}`)).toBeVisible();
  const sc = page
    .locator("section")
    .filter({ hasText: "Challenges before the steering committee" });
  await expect(sc.getByText(`Pylon Cam ${token}`)).toBeVisible();
  await expect(sc.getByText("Appealed to the steering committee").first()).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath("decisions.png"), fullPage: true });
  await page.goto("/decisions/waiting");
  const waiting = page.locator("section").filter({ hasText: "Challenges waiting for your vote" });
  await expect(waiting.getByText(`Pylon Hub ${token}`)).toBeVisible();
  await expect(waiting.getByText(`Pylon Cam ${token}`)).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("waiting.png"), fullPage: true });

  // A struck-off product: the group may give leave to list it again, with a reason.
  await page.goto(`/registry/${struck}`);
  const leave = page.locator("#relisting");
  await leave.getByRole("button", { name: "Give leave to list it again" }).click();
  await expect(leave.getByText("This field is required.")).toBeVisible();
  await leave
    .getByLabel("Why the advisory group gives leave (public)")
    .fill("Rebuilt with a camera switch that answers the finding.");
  await page.screenshot({ path: test.info().outputPath("relisting.png"), fullPage: true });
  await leave.getByRole("button", { name: "Give leave to list it again" }).click();
  await expect(page.getByText("The organisation may list this product again.")).toBeVisible();
  await expect(page.locator("#relisting")).toHaveCount(0);
});
