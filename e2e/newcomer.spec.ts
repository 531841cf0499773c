import type { Locator, Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { type Participant, requireParticipant } from "@/lib/community/authz";
import { loadViewer } from "@/lib/community/viewer";
import type { Database } from "@/lib/db/client";
import { openCall } from "@/lib/decisions/calls";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { prepareRelease } from "@/lib/decisions/release-calls";
import { addDays } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { castVote } from "@/lib/decisions/votes";
import { demoEmail } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { markdownToRichText } from "@/lib/drafting/markdown/text";
import { createClause } from "@/lib/drafting/mutations";
import { clauseTexts, levels, modules, standards } from "@/lib/drafting/schema";
import { requireReleaseManager } from "@/lib/releases/authz";
import {
  createPerson,
  demoPerson,
  expect,
  expectAccessible,
  latestEmailTo,
  signInAs,
  test,
  uniqueEmail,
} from "./fixtures";

/**
 * A newcomer's whole path through Hum, in one browser session: sign up from a clause page, read
 * the draft, watch a module, edit a clause, discuss it, propose it, see the community object
 * and the advisory group decide, then the release that carries it, read by anyone. Every page
 * on the way is checked by axe; the fixtures fail the walk on any console error, hydration
 * warning or failed request. The walk works on a standard of its own, so that what it changes
 * disturbs no other spec.
 */

/** "Dec 12, 2025, 10:00 AM UTC": the site's dates, in UTC, on every deadline. */
const WHEN = String.raw`[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M UTC`;
const LEFT = String.raw`(\d+ days? )?\d+ hours? left`;

/** What the public record must not read like: database keys, ISO timestamps, ids. */
const RAW = [
  /\b(kind|stance|previously|reason|phase|thread|stage|choice|closes|method): /,
  /\b\d{4}-\d\d-\d\dT\d\d:\d\d/,
  /\b(no_objection|clause_revision|escalated_ag|ag_decided|advisory_group)\b/,
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/,
];

const STANDARD = "Footpath Principles";
const REQUIREMENT = "Every junction **MUST** have a signpost naming the next village.";
const ADDED = " Each signpost shows the distance in kilometres.";

let shots = 0;
/** Axe on the page as it stands, and a full-page screenshot kept with the test's results. */
async function look(page: Page, name: string): Promise<void> {
  await expectAccessible(page);
  shots += 1;
  await page.screenshot({
    path: test.info().outputPath(`walk-${String(shots).padStart(2, "0")}-${name}.png`),
    fullPage: true,
  });
}

/** One line of a call's header, such as its deadline. */
function headerLine(page: Page, text: string): Locator {
  return page.getByRole("main").getByRole("listitem").filter({ hasText: text }).first();
}

async function as(page: Page, db: Database, key: string, path: string): Promise<void> {
  await page.context().clearCookies();
  await signInAs(page, db, await demoPerson(db, key));
  await page.goto(path);
}

async function callOf(db: Database, standardId: string, number: number) {
  const [call] = await db
    .select()
    .from(calls)
    .where(and(eq(calls.standardId, standardId), eq(calls.number, number)));
  if (!call) throw new Error(`call ${number} is missing`);
  return call;
}

/**
 * A standard with two modules and three clauses, every clause adopted and released as 1.0.0
 * three months ago, through calls, as a community would have done it.
 */
async function footpathStandard(db: Database) {
  const now = new Date();
  const at = (days: number) => addDays(now, days);
  const slug = `footpath-${Date.now()}`;
  const [standard] = await db
    .insert(standards)
    .values({
      slug,
      name: STANDARD,
      summary: "What a walker may expect of a public footpath.",
      createdAt: at(-120),
    })
    .returning({ id: standards.id });
  if (!standard) throw new Error("no standard");
  await db.insert(modules).values([
    { standardId: standard.id, code: "WALK", name: "Walking", position: 0 },
    { standardId: standard.id, code: "REST", name: "Resting", position: 1 },
  ]);
  await db
    .insert(levels)
    .values({ standardId: standard.id, name: "Basic", summary: "Every path.", position: 0 });

  const founder = await createPerson(db, { name: "Paz Founder" });
  const author = requireParticipant(await loadViewer(db, founder.id));
  const clause = async (moduleCode: string, title: string, body: string, assessment: string) =>
    createClause(
      db,
      author,
      {
        standardSlug: slug,
        title,
        moduleCode,
        level: "Basic",
        strength: "MUST",
        fields: {
          body: markdownToRichText(body),
          assessment: markdownToRichText(assessment),
          examples: markdownToRichText(""),
        },
      },
      at(-100),
    );
  const signposts = await clause(
    "WALK",
    "Junctions are signposted",
    REQUIREMENT,
    "Walk the path and note every junction.",
  );
  const gates = await clause(
    "WALK",
    "Gates close by themselves",
    "Every gate **MUST** swing shut behind the walker.",
    "Open each gate and let go.",
  );
  const benches = await clause(
    "REST",
    "A bench every five kilometres",
    "The path **MUST** offer a bench at least every five kilometres.",
    "Count the benches on the map.",
  );

  const supporters: Participant[] = [];
  for (const name of ["Ivo Walker", "Uma Rambler", "Lev Hiker"]) {
    const person = await createPerson(db, { name });
    supporters.push(requireParticipant(await loadViewer(db, person.id)));
  }
  const agree = async (callId: string, day: number) => {
    for (const person of supporters) {
      await takePosition(db, person, callId, { stance: "support", reason: "" }, at(day));
    }
  };
  for (const { ref } of [signposts, gates, benches]) {
    const { id } = await openCall(
      db,
      author,
      standard.id,
      {
        kind: "clause_revision",
        clauseRef: ref,
        revision: null,
        title: `Adopt ${ref} as drafted`,
        description: "",
        organisations: "",
      },
      at(-90),
    );
    await agree(id, -89);
  }
  await closeDue(db, at(-75));
  const sam = await demoViewers(db, demoEmail, at(-74))("sam");
  const first = await prepareRelease(
    db,
    await requireReleaseManager(db, sam, at(-74)),
    standard.id,
    { version: "1.0.0", notes: "The first release of the Footpath Principles." },
    at(-74),
  );
  await agree((await callOf(db, standard.id, first.callNumber)).id, -73);
  await closeDue(db, at(-59));
  return { id: standard.id, slug, signposts };
}

test("a newcomer signs up, drafts, discusses and proposes; the community decides; anyone reads the release", async ({
  page,
  db,
}) => {
  test.setTimeout(12 * 60_000);
  const origin = test.info().project.use.baseURL ?? "";
  const standard = await footpathStandard(db);
  const ref = standard.signposts.ref;
  const clausePath = `/standards/${standard.slug}/draft/${ref}`;
  const clauseTitle = `${ref} Junctions are signposted`;
  const newcomer = { name: "Nadia Wayfarer", email: uniqueEmail("nadia") };
  const saved = page.getByRole("status").filter({ hasText: "All changes saved" });
  let callPath = "";
  let callNumber = 0;
  let version = "";

  await test.step("1. signs up from a clause page and comes back to it", async () => {
    await page.goto(clausePath);
    await expect(page.getByRole("heading", { name: clauseTitle })).toBeVisible();
    await look(page, "clause-signed-out");
    await page
      .getByRole("main")
      .getByRole("link", { name: "Sign in", exact: true })
      .first()
      .click();
    await expect(page).toHaveURL(`${origin}/sign-in?next=${encodeURIComponent(clausePath)}`);
    await expect(page.getByText("you come back to the page you were on")).toBeVisible();
    await look(page, "sign-in");
    await page.getByLabel("Email address").fill(newcomer.email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await look(page, "check-email");

    const link = (await latestEmailTo(db, newcomer.email)).text.match(/https?:\/\/\S+/)?.[0];
    expect(link?.startsWith(`${origin}/api/auth/callback/resend?`)).toBe(true);
    await page.goto(link ?? "");
    await expect(page.getByRole("heading", { name: "First, your name" })).toBeVisible();
    await look(page, "welcome-name");
    await page.getByLabel("Display name").fill(newcomer.name);
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page).toHaveURL(`${origin}${clausePath}`);
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: newcomer.name }),
    ).toBeVisible();
    await expect(saved).toBeVisible({ timeout: 60_000 });
    await look(page, "back-on-the-clause");
  });

  await test.step("2. reads the working draft, watches a module, opens a clause", async () => {
    await page.getByRole("link", { name: `← ${STANDARD}: working draft` }).click();
    await expect(
      page.getByRole("heading", { name: `${STANDARD}: working draft`, level: 1 }),
    ).toBeVisible();
    await expect(page.getByRole("link", { name: /^Walking \(WALK\)/ })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(page.getByRole("link", { name: clauseTitle })).toBeVisible();
    await page.getByRole("button", { name: "Watch this module" }).click();
    await expect(page.getByRole("button", { name: "Stop watching this module" })).toBeVisible();
    await look(page, "draft-module-watched");

    await page.getByRole("link", { name: clauseTitle }).click();
    await expect(page.getByRole("heading", { name: clauseTitle })).toBeVisible();
    await expect(saved).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText("Adopted text: revision 1")).toBeVisible();
    await look(page, "clause-read");
  });

  await test.step("3. edits the requirement in the live editor and saves a revision", async () => {
    const requirement = page.getByRole("textbox", { name: "Requirement" });
    await requirement.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(ADDED);
    await expect(requirement).toContainText("shows the distance in kilometres.");
    await expect(saved).toBeVisible();
    await expect
      .poll(async () => {
        const [text] = await db
          .select({ plainText: clauseTexts.plainText })
          .from(clauseTexts)
          .where(eq(clauseTexts.clauseId, standard.signposts.clauseId));
        return text?.plainText ?? "";
      })
      .toContain(ADDED.trim());
    await page.getByLabel("What changed").fill("Signposts give the distance");
    await page.getByRole("button", { name: "Save revision" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Revision 2 saved." })).toBeVisible();
    await expect(page.getByRole("link", { name: "History: 2 revisions" })).toBeVisible();
    await look(page, "revision-saved");
  });

  await test.step("4. opens a thread on the clause and replies in it", async () => {
    const form = page
      .locator("form")
      .filter({ has: page.getByRole("button", { name: "Open thread" }) });
    await form.getByLabel("Kind").selectOption("question");
    await form.getByLabel("Title").fill("Miles or kilometres?");
    await form
      .getByLabel("Message")
      .fill("Should the distance be in *kilometres* only, or in miles as well?");
    await form.getByRole("button", { name: "Open thread" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Thread opened." })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Miles or kilometres?" })).toBeVisible();

    const replying = page
      .locator("details")
      .filter({ has: page.locator("summary", { hasText: "Reply to the thread" }) });
    await replying.locator("summary").click();
    await replying.getByLabel("Reply", { exact: true }).fill("Kilometres, as the maps use them.");
    await replying.getByRole("button", { name: "Send reply" }).click();
    await expect(
      page.getByRole("paragraph").filter({ hasText: "Kilometres, as the maps use them." }),
    ).toBeVisible();
    await look(page, "thread-and-reply");
  });

  await test.step("5. proposes the text for adoption: the form names the revision", async () => {
    await page.getByRole("link", { name: "Propose this text for adoption" }).click();
    await expect(page.getByLabel("Clause")).toHaveValue(ref);
    await expect(page.getByLabel("Revision number")).toHaveValue("2");
    await expect(
      page.getByText(`Proposing revision 2 of ${ref}: the text as it stands.`),
    ).toBeVisible();
    await expect(
      page.getByText(
        new RegExp(
          `^Revision 2 was saved on ${WHEN} by ${newcomer.name}: “Signposts give the distance”$`,
        ),
      ),
    ).toBeVisible();
    await look(page, "propose-form");

    await page.getByLabel("Title", { exact: true }).fill("Adopt the signpost distances");
    await page
      .getByLabel("What you propose, and why")
      .fill("Walkers plan by distance; the signposts should give it.");
    await page.getByRole("button", { name: "Open the call" }).click();
    await expect(
      page.getByRole("heading", { name: /^Call \d+: Adopt the signpost distances$/ }),
    ).toBeVisible();
    callPath = new URL(page.url()).pathname;
    callNumber = Number(callPath.split("/").at(-1));
    await expect(page.getByText(`Proposed text: revision 2 of ${ref}`)).toBeVisible();
    await expect(headerLine(page, "Comments close on")).toHaveText(
      new RegExp(`^Comments close on ${WHEN} · ${LEFT}$`),
    );

    await page.getByRole("radio", { name: "Support", exact: true }).check();
    await page.getByRole("button", { name: "Save my position" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Your position is saved." }),
    ).toBeVisible();
    await look(page, "call-open");
  });

  await test.step("6. others take positions, one objects: the advisory group decides", async () => {
    await as(page, db, "kofi", callPath);
    await page.getByRole("radio", { name: "Object", exact: true }).check();
    await page
      .getByLabel("Reason")
      .fill("Distances go stale when a path is diverted; name the next village only.");
    await page.getByRole("button", { name: "Save my position" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Your position is saved." }),
    ).toBeVisible();
    const who = demoViewers(db, demoEmail, new Date());
    const call = await callOf(db, standard.id, callNumber);
    for (const key of ["noor", "lena"]) {
      await takePosition(db, await who(key), call.id, { stance: "support", reason: "" });
    }
    await page.reload();
    await expect(page.getByText("Objection raised").first()).toBeVisible();
    await look(page, "call-objection");

    // The comment period ends with the objection standing; the scheduler hands the call on.
    await closeDue(db, addDays(call.closesAt, 1 / 24));
    await page.reload();
    await expect(page.getByText("With the advisory group").first()).toBeVisible();
    await expect(headerLine(page, "The advisory group decides by")).toHaveText(
      new RegExp(`^The advisory group decides by ${WHEN} · ${LEFT}$`),
    );
    await expect(page.getByText(/^Closed on/)).toHaveCount(0);
    await look(page, "call-with-advisory-group");
  });

  await test.step("7. an advisory-group member votes, and the page says the vote is in", async () => {
    await as(page, db, "rosa", callPath);
    const form = page.locator("form").filter({ hasText: "Rationale" });
    await form.getByLabel("Your vote").selectOption({ label: "Adopt" });
    await form
      .getByLabel("Rationale")
      .fill("A diverted path gets new signposts anyway; the distance helps walkers now.");
    await form.getByRole("button", { name: "Cast my advisory-group vote" }).click();
    await expect(page.getByRole("status")).toContainText("Your vote is recorded.");
    await expect(
      page
        .getByText("A diverted path gets new signposts anyway; the distance helps walkers now.", {
          exact: true,
        })
        .first(),
    ).toBeVisible();
    await look(page, "advisory-group-vote");

    const call = await callOf(db, standard.id, callNumber);
    const mei = await demoViewers(db, demoEmail, new Date())("mei");
    await castVote(db, mei, call.id, {
      stage: "ag",
      choice: "adopt",
      rationale: "Agreed: the objection is answered by the next diversion's new signs.",
    });
    await page.reload();
    await expect(
      page.getByText("Decided by the advisory group; appeal window open").first(),
    ).toBeVisible();
    await expect(headerLine(page, "Appeals may be made until")).toHaveText(
      new RegExp(`^Appeals may be made until ${WHEN} · ${LEFT}$`),
    );
    await look(page, "advisory-group-decided");
  });

  await test.step("8. the decision stands; a release is prepared, decided and published", async () => {
    const call = await callOf(db, standard.id, callNumber);
    await closeDue(db, addDays(call.appealDeadline ?? new Date(), 1 / 24));
    await page.reload();
    await expect(page.getByText("Adopted").first()).toBeVisible();
    await expect(headerLine(page, "Closed on")).toHaveText(new RegExp(`^Closed on ${WHEN}$`));
    // The outcome keeps the advisory group's reasons once no appeal was made.
    await expect(
      page.locator("section").filter({ has: page.getByRole("heading", { name: "Outcome" }) }),
    ).toContainText("A diverted path gets new signposts anyway; the distance helps walkers now.");
    await look(page, "call-adopted");

    await as(page, db, "sam", `/standards/${standard.slug}/releases`);
    await expect(page.getByText("Every clause has an adopted revision.")).toBeVisible();
    version = await page.getByLabel("Version").inputValue();
    expect(version).toMatch(/^1\.\d+\.\d+$/);
    expect(version).not.toBe("1.0.0");
    await page.getByLabel("Release notes").fill("Signposts now give the distance to walk.");
    await page.getByRole("button", { name: "Prepare the candidate and open its call" }).click();
    const done = page.getByRole("link", { name: /The candidate is ready and call \d+ is open/ });
    await expect(done).toBeVisible();
    await look(page, "release-prepared");

    await done.click();
    await expect(
      page.getByRole("heading", {
        name: new RegExp(`^Call \\d+: Publish ${STANDARD} ${version}$`),
      }),
    ).toBeVisible();
    await look(page, "release-call");
    const releaseCall = await callOf(
      db,
      standard.id,
      Number(new URL(page.url()).pathname.split("/").at(-1)),
    );
    const who = demoViewers(db, demoEmail, new Date());
    for (const key of ["noor", "kofi", "lena"]) {
      await takePosition(db, await who(key), releaseCall.id, { stance: "support", reason: "" });
    }
    await closeDue(db, addDays(releaseCall.closesAt, 1 / 24));
    await page.reload();
    await expect(page.getByText("Adopted").first()).toBeVisible();
  });

  await test.step("9. anyone reads the release, the clause in it, what changed, and the record", async () => {
    await page.context().clearCookies();
    await page.goto(`/standards/${standard.slug}`);
    await expect(
      page.getByRole("heading", { name: `${STANDARD} ${version}`, level: 1 }),
    ).toBeVisible();
    await expect(page.getByRole("article").filter({ hasText: ref })).toContainText(
      "Each signpost shows the distance in kilometres.",
    );
    await look(page, "release");

    await page.getByRole("link", { name: "since 1.0.0" }).click();
    await expect(
      page.getByRole("heading", { name: `${STANDARD}: 1.0.0 → ${version}` }),
    ).toBeVisible();
    await expect(page.getByRole("heading", { name: "Changed (1)" })).toBeVisible();
    await expect(
      page.locator("section").filter({ has: page.getByRole("heading", { name: "Changed (1)" }) }),
    ).toContainText("Each signpost shows the distance in kilometres.");
    await look(page, "comparison");

    await page.getByRole("link", { name: clauseTitle }).first().click();
    await expect(page).toHaveURL(new RegExp(`/v/${version.replaceAll(".", "\\.")}/${ref}$`));
    await expect(
      page.getByText("Each signpost shows the distance in kilometres.").first(),
    ).toBeVisible();
    await expect(
      page.getByRole("link", { name: new RegExp(`Adopted as revision 2 in call ${callNumber}`) }),
    ).toBeVisible();
    await look(page, "release-clause");

    await page.goto("/transparency");
    const record = page.getByRole("main");
    for (const sentence of [
      new RegExp(
        `published release ${version.replaceAll(".", "\\.")}, adopted through call \\d+\\.`,
      ),
      new RegExp(`Revision 2 of ${ref} was adopted through call ${callNumber}\\.`),
      new RegExp(`Rosa Lindqvist voted on call ${callNumber} for the advisory group: adopt\\.`),
    ]) {
      await expect(record.getByText(sentence).first()).toBeVisible();
    }
    for (const pattern of RAW) {
      await expect(record).not.toHaveText(pattern, { useInnerText: true });
    }
    await look(page, "transparency");
  });
});
