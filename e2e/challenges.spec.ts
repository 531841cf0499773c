import { eq } from "drizzle-orm";
import { appealChallenge, challengesDue } from "@/lib/challenges/deciding";
import { challenges } from "@/lib/challenges/schema";
import { requireParticipant } from "@/lib/community/authz";
import { loadViewer } from "@/lib/community/viewer";
import type { Database } from "@/lib/db/client";
import { addDays } from "@/lib/decisions/rules";
import { DomainError } from "@/lib/errors";
import { badgePath, challengePath, challengesPath, declarationPath } from "@/lib/paths";
import { requireRepresentative } from "@/lib/registry/authz";
import { saveDeclaration } from "@/lib/registry/declarations";
import { publishDeclaration } from "@/lib/registry/publish";
import { declarations, representatives } from "@/lib/registry/schema";
import {
  bodyFor,
  insertDeclaration,
  insertOrganisation,
  publishedRegistryStandard,
} from "@/tests/registry-fixtures";
import {
  createPerson,
  demoPerson,
  expect,
  expectAccessible,
  ownSecretary,
  type Person,
  signInAs,
  test,
} from "./fixtures";

/*
 * Due process for the mark, as its people meet it. A member of the public challenges one
 * clause of Lockwise's listing without giving their name; Lockwise disputes it; the advisory
 * group splits once Tomás, whose declared interests name Lockwise, has recused; the steering
 * committee strikes the listing off; Lockwise's appeal comes too late and is refused; the
 * public reads the struck-off page, its badge and the log. In a second run Lockwise corrects
 * another listing within the window and the advisory group records "upheld and cured".
 *
 * The standard, Lockwise and its listings are written through lib/, as the registry's own
 * specs walk those pages; everything about the challenges goes through the pages.
 */

type World = { maker: Person; organisationId: string; lock: number; camera: number };

let standard: ReturnType<typeof publishedRegistryStandard> | undefined;

async function lockwise(db: Database, stamp: string): Promise<World> {
  standard ??= ownSecretary(db, `Sasha Secretary ${stamp}`).then((secretary) =>
    publishedRegistryStandard(db, secretary),
  );
  const release = await standard;
  const maker = await createPerson(db, { name: `Lin Lockwise ${stamp}` });
  // The name Tomás's public declaration names, so the conflict check finds it.
  const organisation = await insertOrganisation(db, maker.id, { name: "Lockwise" });
  await db.insert(representatives).values({
    organisationId: organisation.id,
    userId: maker.id,
    startsAt: addDays(new Date(), -30),
  });
  const listing = async (product: string) =>
    (
      await insertDeclaration(db, release, {
        organisationId: organisation.id,
        createdBy: maker.id,
        bodies: [bodyFor(release, product, [{ module: "SW", level: "Bronze" }])],
        listedAt: addDays(new Date(), -20),
      })
    ).number;
  return {
    maker,
    organisationId: organisation.id,
    lock: await listing(`Lockwise Deadbolt ${stamp}`),
    camera: await listing(`Lockwise Door Camera ${stamp}`),
  };
}

/** Signs `person` in, alone, and opens the challenge's record. */
async function openAs(
  page: import("@playwright/test").Page,
  db: Database,
  person: Person,
  number: number,
) {
  await page.context().clearCookies();
  await signInAs(page, db, person);
  await page.goto(challengePath(number));
}

async function vote(
  page: import("@playwright/test").Page,
  choice: RegExp | string,
  rationale: string,
) {
  await page.getByRole("radio", { name: choice }).check();
  await page.getByLabel("Rationale").fill(rationale);
  await page.getByRole("button", { name: "Cast my vote" }).click();
}

async function fileAgainst(
  page: import("@playwright/test").Page,
  declaration: number,
  reason: string,
  options: { withhold: boolean },
): Promise<number> {
  await page.goto(declarationPath(declaration));
  await page.getByRole("link", { name: "Challenge this listing" }).click();
  await page.getByRole("checkbox", { name: /SW-1/ }).check();
  await page.getByLabel("What is wrong").fill(reason);
  await page.getByLabel("Evidence (optional)").fill("https://evidence.example/lockwise-updates");
  if (options.withhold) {
    await page.getByText("Withhold my name from the public and the declarant").click();
  }
  await page.getByRole("button", { name: "File the challenge" }).click();
  await expect(page).toHaveURL(/\/registry\/challenges\/\d+$/);
  return Number(new URL(page.url()).pathname.split("/").pop());
}

const shot = (page: import("@playwright/test").Page, name: string) =>
  page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test("a challenge disputed, split at the advisory group, struck off by the steering committee; a late appeal is refused", async ({
  page,
  db,
}) => {
  test.slow();
  const stamp = Date.now().toString(36);
  const world = await lockwise(db, stamp);
  const challenger = await createPerson(db, { name: `Quinn Quietly ${stamp}` });
  let number = 0;

  await test.step("a member of the public challenges SW-1, withholding their name", async () => {
    await signInAs(page, db, challenger);
    number = await fileAgainst(
      page,
      world.lock,
      "The firmware page the evidence cites has not listed an update for two years.",
      { withhold: true },
    );
    await expect(page.getByTestId("challenge-phase")).toHaveText(
      "Waiting for the declarant's response",
    );
  });

  await test.step("the organisation's representative disputes it", async () => {
    await openAs(page, db, world.maker, number);
    await expect(page.getByTestId("challenge-filer")).toHaveText("A member of the public");
    await page.getByRole("radio", { name: /We dispute the challenge/ }).check();
    await page
      .getByLabel("In your words")
      .fill("Updates ship through the app; the firmware page lists the last major version only.");
    await page.getByRole("button", { name: "Send the response" }).click();
    await expect(page.getByTestId("challenge-phase")).toHaveText("With the advisory group");
  });

  await test.step("the advisory group splits once Tomás has recused", async () => {
    await openAs(page, db, await demoPerson(db, "tomas"), number);
    // His public declaration names Lockwise: a vote is refused until he recuses.
    await vote(page, /Dismiss/, "Updates through the app are enough.");
    await expect(page.getByText(/you must recuse yourself/)).toBeVisible();
    await vote(page, "Recuse myself", "I audited Lockwise's locks in 2025.");
    await expect(page.getByText("Your vote is recorded.")).toBeVisible();

    await openAs(page, db, await demoPerson(db, "rosa"), number);
    // The advisory group sees who filed it; the public and the organisation do not.
    await expect(page.getByTestId("challenge-filer")).toHaveText(challenger.name);
    await vote(page, /Dismiss/, "The app's changelog shows regular updates.");
    await openAs(page, db, await demoPerson(db, "mei"), number);
    await vote(page, /strike the declaration off/, "The claim is about the firmware page.");
    await expect(page.getByTestId("challenge-phase")).toHaveText("With the steering committee");
    await shot(page, "split");
  });

  await test.step("the steering committee strikes the listing off", async () => {
    await openAs(page, db, await demoPerson(db, "amara"), number);
    await vote(page, /strike the declaration off/, "The evidence cited does not show updates.");
    await openAs(page, db, await demoPerson(db, "piotr"), number);
    await vote(page, /strike the declaration off/, "A declaration must stand on its evidence.");
    await expect(page.getByTestId("challenge-phase")).toHaveText("Upheld, struck off");
  });

  await test.step("the organisation's appeal comes too late and is refused", async () => {
    await openAs(page, db, world.maker, number);
    await expect(page.getByRole("heading", { name: "Appeal the decision" })).toHaveCount(0);
    const maker = requireParticipant(await loadViewer(db, world.maker.id));
    const appeal = appealChallenge(
      db,
      maker,
      number,
      "We were on holiday.",
      addDays(new Date(), 9),
    );
    await expect(appeal).rejects.toBeInstanceOf(DomainError);
    await expect(appeal).rejects.toMatchObject({ code: "appeal_window_closed" });
    const [row] = await db.select().from(challenges).where(eq(challenges.number, number));
    expect(row?.phase).toBe("struck_off");
  });

  await test.step("the public reads the struck-off page, its badge and the log", async () => {
    await page.context().clearCookies();
    // The front redraws the registry's pages within a second of a change: read until it has.
    await expect(async () => {
      await page.goto(declarationPath(world.lock));
      await expect(page.getByText("Struck off").first()).toBeVisible({ timeout: 1000 });
    }).toPass();
    await expect(page.getByText(/may not be listed again before/)).toBeVisible();
    await expect(page.locator("body")).not.toContainText(challenger.name);
    await expectAccessible(page);
    await shot(page, "struck-off");

    const badge = await page.request.get(badgePath(world.lock));
    expect(badge.ok()).toBe(true);
    expect(await badge.text()).toContain("Struck off");

    const row = page.getByRole("row").filter({ hasText: `Challenge ${number}` });
    await expect(async () => {
      await page.goto(challengesPath({ state: "struck_off" }));
      await expect(row).toContainText("Upheld, struck off", { timeout: 1000 });
    }).toPass();
    await expect(page.locator("body")).not.toContainText(challenger.name);
    await row.getByRole("link", { name: `Challenge ${number}` }).click();
    await expect(page.getByTestId("challenge-filer")).toHaveText("A member of the public");
    await expect(page.locator("body")).not.toContainText(challenger.name);
    await expectAccessible(page);
    await shot(page, "record");

    await page.goto("/transparency?action=registry.");
    await expect(page.locator("main")).toContainText(`challenge ${number}`);
    await expect(page.locator("body")).not.toContainText(challenger.name);
  });
});

test("the declarant cures within the window and the advisory group records upheld and cured", async ({
  page,
  db,
}) => {
  test.slow();
  const stamp = `${Date.now().toString(36)}c`;
  const world = await lockwise(db, stamp);
  const challenger = await createPerson(db, { name: `Cato Careful ${stamp}` });

  await signInAs(page, db, challenger);
  const number = await fileAgainst(
    page,
    world.camera,
    "The camera's privacy page says recordings are kept for 30 days, not 7 as declared.",
    { withhold: false },
  );

  await test.step("the representative publishes a corrected version, then answers with it", async () => {
    const viewer = await loadViewer(db, world.maker.id);
    const rep = await requireRepresentative(db, viewer, world.organisationId, "cure");
    const [row] = await db.select().from(declarations).where(eq(declarations.number, world.camera));
    if (!row) throw new Error("no declaration");
    await saveDeclaration(db, rep, world.camera, {
      release: row.working.release.version,
      product: row.working.product,
      claims: row.working.claims,
      answers: row.working.answers.map((answer) =>
        answer.ref === "SW-1"
          ? { ...answer, justification: "Recordings are kept for 30 days; the page says so." }
          : answer,
      ),
    });
    await publishDeclaration(db, rep, world.camera);

    await openAs(page, db, world.maker, number);
    await page.getByRole("radio", { name: /We corrected the declaration/ }).check();
    await page.getByLabel("In your words").fill("Version 2 states the 30 days the page states.");
    await page.getByRole("button", { name: "Send the response" }).click();
    await expect(page.getByTestId("challenge-phase")).toHaveText("With the advisory group");
  });

  await test.step("the advisory group upholds it as cured, and the decision stands", async () => {
    await openAs(page, db, await demoPerson(db, "rosa"), number);
    await vote(page, /Upheld and cured/, "The corrected declaration matches the page.");
    await openAs(page, db, await demoPerson(db, "mei"), number);
    await vote(page, /Upheld and cured/, "Corrected within the window.");
    await expect(page.getByTestId("challenge-phase")).toHaveText(
      "Decided by the advisory group, open to appeal",
    );
    // The scheduler closes the appeal window once it has passed.
    await challengesDue(db, addDays(new Date(), 30));
    await page.context().clearCookies();
    await expect(async () => {
      await page.goto(challengePath(number));
      await expect(page.getByTestId("challenge-phase")).toHaveText("Upheld and cured", {
        timeout: 1000,
      });
    }).toPass();
    await expect(page.getByTestId("challenge-filer")).toHaveText(challenger.name);
    await page.goto(declarationPath(world.camera));
    await expect(page.getByText("Listed").first()).toBeVisible();
    await shot(page, "cured");
  });
});
