import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { ChallengePhase } from "@/lib/challenges/rules";
import { challenges, challengeVotes } from "@/lib/challenges/schema";
import { memberships } from "@/lib/community/schema";
import type { Database } from "@/lib/db/client";
import { demoEmail } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { challengePath, declarationPath, newChallengePath } from "@/lib/paths";
import { declarations, representatives } from "@/lib/registry/schema";
import {
  bodyFor,
  insertDeclaration,
  insertOrganisation,
  publishedRegistryStandard,
  type TestRelease,
} from "@/tests/registry-fixtures";
import {
  connectToE2eDatabase,
  createPerson,
  expect,
  expectAccessible,
  ownSecretary,
  type Person,
  signInAs,
  test,
} from "./fixtures";

/*
 * The challenges' public pages, read against rows written straight into the tables (the process
 * that moves challenges is tested on its own): the log and its filters, a record whose filer
 * asked to be anonymous, the declaration page's marks, the filing form refusing an empty filing,
 * a struck-off listing, and the forms a representative and an adviser are offered.
 */

type Seeded = {
  token: string;
  release: TestRelease;
  camera: number;
  struck: number;
  withheld: number;
  dismissed: number;
  strikingOff: number;
  misuse: number;
  filer: Person;
  rep: Person;
  adviser: Person;
};

let seeded: Promise<Seeded> | undefined;
const day = 86_400_000;
const charter = {
  challengeResponseDays: 30,
  agDeadlineDays: 14,
  appealWindowDays: 14,
  relistingBanDays: 90,
};

function seed(db: Database): Promise<Seeded> {
  seeded ??= (async () => {
    const token = `c${Date.now().toString(36)}`;
    const now = Date.now();
    const sam = await demoViewers(db, demoEmail, new Date())("sam");
    const release = await publishedRegistryStandard(db, await ownSecretary(db, `Pia ${token}`));
    const org = await insertOrganisation(db, sam.id, { name: `Orbit Devices ${token}` });
    const filer = await createPerson(db, { name: `Wanda Witness ${token}` });
    const critic = await createPerson(db, { name: `Carl Critic ${token}` });
    const rep = await createPerson(db, { name: `Rhea Rep ${token}` });
    const adviser = await createPerson(db, { name: `Ada Adviser ${token}` });
    await db
      .insert(representatives)
      .values({ organisationId: org.id, userId: rep.id, startsAt: new Date(now - 400 * day) });
    await db.insert(memberships).values({
      userId: adviser.id,
      group: "advisory_group",
      startsAt: new Date(now - 400 * day),
    });
    const silver = [{ module: "SW", level: "Silver" }];
    const camera = await insertDeclaration(db, release, {
      organisationId: org.id,
      createdBy: sam.id,
      bodies: [bodyFor(release, `Orbit Camera ${token}`, silver)],
    });
    const struck = await insertDeclaration(db, release, {
      organisationId: org.id,
      createdBy: sam.id,
      bodies: [bodyFor(release, `Orbit Plug ${token}`, silver)],
      state: "struck_off",
      stateReason: "struck_off",
    });
    const insert = async (values: {
      declaration: { id: string };
      by: Person;
      withhold: boolean;
      phase: ChallengePhase;
      daysAgo: number;
      clauses: string[];
      rationale?: string;
      response?: "dispute";
    }) => {
      const filedAt = new Date(now - values.daysAgo * day);
      const [row] = await db
        .insert(challenges)
        .values({
          kind: "challenge",
          standardId: release.standardId,
          declarationId: values.declaration.id,
          declarationVersion: 1,
          clauses: values.clauses,
          reason:
            "The firmware page says updates stopped in 2024, yet the answer claims five years of updates.",
          evidence: ["https://evidence.example/firmware-eol"],
          filedBy: values.by.id,
          withholdName: values.withhold,
          charter,
          phase: values.phase,
          filedAt,
          responseDeadline: new Date(filedAt.getTime() + 30 * day),
          response: values.response ?? null,
          responseText: values.response ? "Updates continue through the vendor portal." : null,
          respondedBy: values.response ? rep.id : null,
          respondedAt: values.response ? new Date(filedAt.getTime() + 5 * day) : null,
          agDeadline: values.response ? new Date(filedAt.getTime() + 19 * day) : null,
          rationale: values.rationale ?? null,
          decidedAt: values.rationale ? new Date(filedAt.getTime() + 12 * day) : null,
        })
        .returning({ id: challenges.id, number: challenges.number });
      if (!row) throw new Error("no challenge");
      await recordAudit(db, {
        actorId: values.withhold ? null : values.by.id,
        action: "registry.challenge_filed",
        subjectType: "challenge",
        subjectId: String(row.number),
        details: {
          ...(values.withhold ? { party: "withheld" } : {}),
          ...(values.clauses.length ? { clauses: values.clauses.join(", ") } : {}),
          product: `Orbit ${token}`,
        },
        at: filedAt,
      });
      return row;
    };
    const withheld = await insert({
      declaration: camera,
      by: filer,
      withhold: true,
      phase: "responding",
      daysAgo: 2,
      clauses: ["SW-1"],
    });
    const dismissed = await insert({
      declaration: camera,
      by: critic,
      withhold: false,
      phase: "dismissed",
      daysAgo: 60,
      clauses: ["SW-2"],
      response: "dispute",
      rationale: "The vendor portal shows updates through 2029.",
    });
    await db.insert(challengeVotes).values({
      challengeId: dismissed.id,
      stage: "ag",
      userId: adviser.id,
      choice: "dismiss",
      rationale: "The portal lists monthly releases.",
      castAt: new Date(now - 50 * day),
    });
    const strikingOff = await insert({
      declaration: struck,
      by: critic,
      withhold: false,
      phase: "struck_off",
      daysAgo: 90,
      clauses: [],
      rationale: "No answer of the plug holds: it has no update mechanism at all.",
    });
    const [misuse] = await db
      .insert(challenges)
      .values({
        kind: "misuse_report",
        standardId: release.standardId,
        reason: "The box shows the mark, and the registry has no such product.",
        subjectName: `Knockoff Cam ${token}`,
        seenAt: "A marketplace listing",
        subjectUrl: "https://shop.example/knockoff",
        filedBy: critic.id,
        charter,
        phase: "escalated_ag",
        filedAt: new Date(now - day),
        agDeadline: new Date(now + 13 * day),
      })
      .returning({ number: challenges.number });
    if (!misuse) throw new Error("no report");
    await db
      .update(declarations)
      .set({ relistingBarredUntil: new Date(now + 60 * day) })
      .where(eq(declarations.id, struck.id));
    await db.update(declarations).set({ openChallenges: 1 }).where(eq(declarations.id, camera.id));
    return {
      token,
      release,
      camera: camera.number,
      struck: struck.number,
      withheld: withheld.number,
      dismissed: dismissed.number,
      strikingOff: strikingOff.number,
      misuse: misuse.number,
      filer,
      rep,
      adviser,
    };
  })();
  return seeded;
}

// The adviser sits on the advisory group only for these specs: later specs count its members.
test.afterAll(async () => {
  if (!seeded) return;
  const { adviser } = await seeded;
  const { db, close } = connectToE2eDatabase();
  await db
    .update(memberships)
    .set({ endsAt: new Date() })
    .where(eq(memberships.userId, adviser.id));
  await close();
});

const shot = (page: import("@playwright/test").Page, name: string) =>
  page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test.describe("reading", () => {
  test("a reader finds the log from the registry, filters it and reads a record", async ({
    page,
    db,
  }) => {
    test.setTimeout(120_000);
    const data = await seed(db);
    await page.goto("/registry");
    await page.getByRole("link", { name: "Challenges and misuse reports" }).click();
    await expect(
      page.getByRole("heading", { name: "Challenges and misuse reports", level: 1 }),
    ).toBeVisible();
    const table = page.getByRole("table");
    await expect(table.getByRole("link", { name: `Challenge ${data.withheld}` })).toBeVisible();
    await expect(page.getByRole("link", { name: "Report misuse of the mark" })).toBeVisible();
    await expect(page.locator("main")).not.toContainText(data.filer.name);
    await expectAccessible(page);
    await shot(page, "log");

    await page.getByLabel("State").selectOption("closed");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/state=closed/);
    await expect(table.getByRole("link", { name: `Challenge ${data.dismissed}` })).toBeVisible();
    await expect(table.getByRole("link", { name: `Challenge ${data.withheld}` })).toHaveCount(0);

    await page.goto("/registry/challenges?state=appealed&standard=nothing-here");
    await expect(page.getByText("No challenges match.")).toBeVisible();

    await page.goto(challengePath(data.withheld));
    await expect(page.getByTestId("challenge-filer")).toHaveText("A member of the public");
    await expect(page.locator("body")).not.toContainText(data.filer.name);
    await expect(page.getByTestId("challenge-phase")).toHaveText(
      "Waiting for the declarant's response",
    );
    await expect(page.getByRole("link", { name: "SW-1" })).toHaveAttribute(
      "href",
      `${declarationPath(data.camera)}#SW-1`,
    );
    await expect(
      page.getByRole("link", { name: "https://evidence.example/firmware-eol" }),
    ).toHaveAttribute("rel", "nofollow ugc noopener");
    await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
    await expect(page.locator("[data-action='registry.challenge_filed']")).toContainText(
      "A member of the public",
    );
    await expectAccessible(page);
    await shot(page, "record-withheld");

    await page.goto(challengePath(data.dismissed));
    await expect(page.getByTestId("challenge-outcome")).toHaveText("Dismissed");
    await expect(page.getByRole("heading", { name: "Votes" })).toBeVisible();
    await expect(page.getByText(data.adviser.name)).toBeVisible();
    await expectAccessible(page);
    await shot(page, "record-dismissed");
  });

  test("the declaration page marks the challenged clause and lists its challenges", async ({
    page,
    db,
  }) => {
    const data = await seed(db);
    await page.goto(declarationPath(data.camera));
    const clause = page.locator("li#SW-1");
    await expect(clause.getByTestId("challenged-marker")).toHaveText(
      `Challenged (${data.withheld})`,
    );
    await expect(page.locator("li#SW-2").getByTestId("challenged-marker")).toHaveCount(0);
    const section = page.locator("section#challenges");
    await expect(section.getByRole("link", { name: `Challenge ${data.dismissed}` })).toBeVisible();
    await expect(section.getByRole("link", { name: "Challenge this listing" })).toHaveAttribute(
      "href",
      newChallengePath(data.camera),
    );
    await expect(page.locator("body")).not.toContainText(data.filer.name);
    await expectAccessible(page);
    await shot(page, "declaration-challenged");

    await page.goto(declarationPath(data.struck));
    await expect(page.getByText("Struck off the registry by the decision on")).toBeVisible();
    await expect(page.getByText("it has no update mechanism at all")).toBeVisible();
    await expect(page.getByText(/may not be listed again before/)).toBeVisible();
    await expect(page.getByRole("link", { name: "Challenge this listing" })).toHaveCount(0);
    await expectAccessible(page);
    await shot(page, "declaration-struck-off");

    const badge = await page.request.get(`${declarationPath(data.struck)}/badge.svg`);
    expect(await badge.text()).toContain("Struck off");
  });

  test("the filing form asks signed-out readers to sign in and refuses an empty filing", async ({
    page,
    db,
  }) => {
    const data = await seed(db);
    await page.goto(newChallengePath(data.camera));
    await expect(page).toHaveURL(/sign-in/);
    const person = await createPerson(db, { name: "Fiona Filer" });
    await signInAs(page, db, person);
    await page.goto(newChallengePath(data.struck));
    await expect(page.getByText("already been struck off")).toBeVisible();
    await page.goto(newChallengePath(data.camera));
    await expect(page.getByRole("checkbox", { name: "The claim as a whole" })).toBeVisible();
    await expect(page.getByRole("checkbox", { name: /SW-1/ })).toBeVisible();
    await expect(
      page.getByText("Withhold my name from the public and the declarant"),
    ).toBeVisible();
    await page.getByLabel("Evidence (optional)").fill("not a link");
    await page.getByRole("button", { name: "File the challenge" }).click();
    await expect(page.locator("#clauses-error")).toHaveText("This field is required.");
    await expect(page.locator("#reason-error")).toHaveText("This field is required.");
    await expect(page.locator("#evidence-error")).toContainText("Enter a web address");
    await expectAccessible(page);
    await shot(page, "filing-errors");

    await page.goto("/registry/challenges/report");
    await expect(page.getByRole("heading", { name: "Report misuse of the mark" })).toBeVisible();
    await expectAccessible(page);
    await shot(page, "report-form");
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the log's filters and the filing form work as plain forms", async ({ page, db }) => {
    const data = await seed(db);
    await page.goto("/registry/challenges");
    await page.getByLabel("State").selectOption("responding");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/state=responding/);
    await expect(
      page.getByRole("table").getByRole("link", { name: `Challenge ${data.withheld}` }),
    ).toBeVisible();
    const person = await createPerson(db, { name: "Nadia Noscript" });
    await signInAs(page, db, person);
    await page.goto(newChallengePath(data.camera));
    await page.getByRole("button", { name: "File the challenge" }).click();
    await expect(page.locator("#clauses-error")).toHaveText("This field is required.");
    await expect(page.locator("#reason-error")).toHaveText("This field is required.");
  });
});

test("a member of the public files a challenge without their name; the organisation disputes it", async ({
  page,
  db,
}) => {
  test.setTimeout(90_000);
  const data = await seed(db);
  const filer = await createPerson(db, { name: `Hana Hidden ${data.token}` });
  await signInAs(page, db, filer);
  await page.goto(newChallengePath(data.camera));
  await page.getByRole("checkbox", { name: /SW-2/ }).check();
  await page.getByLabel("What is wrong").fill("The update page names no date at all.");
  await page.getByLabel("Evidence (optional)").fill("https://evidence.example/updates");
  await page.getByText("Withhold my name from the public and the declarant").click();
  await page.getByRole("button", { name: "File the challenge" }).click();
  await expect(page).toHaveURL(/\/registry\/challenges\/\d+$/);
  const number = Number(new URL(page.url()).pathname.split("/").pop());
  await expect(page.getByTestId("challenge-filer")).toHaveText(filer.name);
  await expect(page.getByText(/Your name is withheld/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Withdraw your challenge" })).toBeVisible();

  await page.context().clearCookies();
  await page.goto(challengePath(number));
  await expect(page.getByTestId("challenge-filer")).toHaveText("A member of the public");
  await expect(page.locator("body")).not.toContainText(filer.name);
  // The front may still hold the page it kept before the filing, for up to a second.
  await expect(async () => {
    await page.goto(declarationPath(data.camera));
    await expect(page.locator("li#SW-2").getByTestId("challenged-marker")).toHaveText(
      `Challenged (${number})`,
      { timeout: 1000 },
    );
  }).toPass();

  await signInAs(page, db, data.rep);
  await page.goto(challengePath(number));
  await expect(page.locator("body")).not.toContainText(filer.name);
  await page.getByRole("radio", { name: /We dispute the challenge/ }).check();
  await page.getByLabel("In your words").fill("The update page lists every release since 2023.");
  await page.getByRole("button", { name: "Send the response" }).click();
  await expect(page.getByTestId("challenge-phase")).toHaveText("With the advisory group");
  await expect(page.getByRole("heading", { name: "The organisation's response" })).toBeVisible();
  await expect(page.locator("[data-action='registry.challenge_responded']")).toBeVisible();
  await expect(page.locator("body")).not.toContainText(filer.name);
  await shot(page, "record-disputed");

  await page.context().clearCookies();
  await signInAs(page, db, data.adviser);
  await page.goto(challengePath(number));
  await expect(page.getByTestId("challenge-filer")).toHaveText(filer.name);
  await expect(page.getByRole("radio", { name: "Dismiss: the listing stands" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /Upheld and cured/ })).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, "record-adviser-vote");
});

test("a representative and an adviser are offered their forms", async ({ page, db }) => {
  const data = await seed(db);
  await signInAs(page, db, data.rep);
  await page.goto(challengePath(data.withheld));
  await expect(page.getByRole("heading", { name: "Respond for the organisation" })).toBeVisible();
  await expect(page.getByTestId("challenge-filer")).toHaveText("A member of the public");
  await expect(
    page.getByRole("heading", { name: "Your vote, for the advisory group" }),
  ).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, "record-representative");

  await page.context().clearCookies();
  await signInAs(page, db, data.adviser);
  await page.goto(challengePath(data.withheld));
  // The adviser sees who filed, as the groups that decide do.
  await expect(page.getByTestId("challenge-filer")).toHaveText(data.filer.name);
  await expect(page.getByRole("heading", { name: "Respond for the organisation" })).toHaveCount(0);
  await page.goto(challengePath(data.misuse));
  await expect(
    page.getByRole("heading", { name: "Your vote, for the advisory group" }),
  ).toBeVisible();
  await expect(page.getByRole("radio", { name: "Confirm the misuse" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /Upheld and cured/ })).toHaveCount(0);
  await expectAccessible(page);
  await shot(page, "record-misuse-adviser");

  await page.context().clearCookies();
  await signInAs(page, db, data.filer);
  await page.goto(challengePath(data.withheld));
  await expect(page.getByTestId("challenge-filer")).toHaveText(data.filer.name);
  await expect(page.getByRole("heading", { name: "Withdraw your challenge" })).toBeVisible();
  await shot(page, "record-filer");
});
