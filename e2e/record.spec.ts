import type { Locator } from "@playwright/test";
import { demoEmail } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { createClause } from "@/lib/drafting/mutations";
import { modules, standards } from "@/lib/drafting/schema";
import { createPerson, expect, expectAccessible, signInAs, test } from "./fixtures";

/** What the public record must not read like: database keys, ISO timestamps, ids. */
const RAW = [
  /\b(kind|stance|previously|reason|phase|thread|stage|choice|closes|startsOn|method): /,
  /\b\d{4}-\d\d-\d\dT\d\d:\d\d/,
  /\b(no_objection|clause_revision|escalated_ag|not_secretariat|not_advisory_group|advisory_group)\b/,
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/,
];

/** The text a reader sees (closed disclosures hold the raw fields, and are not read). */
async function expectReadable(scope: Locator): Promise<void> {
  for (const pattern of RAW) await expect(scope).not.toHaveText(pattern, { useInnerText: true });
}

test("the transparency log speaks in sentences and keeps each entry's fields", async ({
  page,
  db,
}) => {
  // A refusal the record words for what it was: who tried what, and who may do it.
  const ines = await createPerson(db, { name: "Ines Varga" });
  await signInAs(page, db, ines);
  await page.goto("/secretariat");
  await page.context().clearCookies();
  await page.goto("/transparency?action=access.");
  const refusal = page
    .locator("li[data-action]")
    .filter({
      hasText: "Ines Varga was refused: only the secretariat may open the secretariat's page.",
    })
    .first();
  await expect(refusal).toBeVisible();
  await expect(refusal.locator("time")).toHaveText(
    /^\w{3} \d{1,2}, \d{4}, \d{1,2}:\d\d\s[AP]M UTC$/,
  );

  // The entry as recorded is one click away, field by field.
  await expect(refusal.getByText("page.secretariat")).toBeHidden();
  await refusal.getByText(/^Entry \d+, field by field$/).click();
  await expect(refusal.getByText("access.refused")).toBeVisible();
  await expect(refusal.getByText("not_secretariat")).toBeVisible();

  // Decisions read as sentences, with the call they concern as a link.
  await page.goto("/transparency?action=decisions.");
  await expectReadable(page.locator("main"));
  const position = page
    .locator("li[data-action='decisions.position_taken']")
    .filter({ hasText: /took a position on call \d+: (support|no objection|objection)\./ })
    .first();
  await expect(position).toBeVisible();
  await expectAccessible(page);

  // Drafting entries link the clause they name.
  await page.goto("/transparency?action=drafting.");
  await expectReadable(page.locator("main"));
  // Other specs add standards of their own: read one of the demo standard's entries.
  const added = page
    .locator("li[data-action='drafting.clause_added']")
    .filter({ has: page.locator("a[href^='/standards/iotmark/']") })
    .first();
  await expect(added).toHaveText(/added clause [A-Z]+-\d+: “.+” \((MUST|SHOULD|MAY)\)\./);
  await expect(added.getByRole("link")).toHaveAttribute(
    "href",
    /^\/standards\/iotmark\/draft\/[A-Z]+-\d+$/,
  );

  // A person's terms read as dates, the group as a link to it.
  await page.goto("/transparency?action=community.&subjectType=user");
  await expectReadable(page.locator("main"));
  await expect(
    page
      .locator("li[data-action='community.member_appointed']")
      .filter({
        hasText: /appointed .+ (a member|chair) of the advisory group from \w+ \d+, \d{4}/,
      })
      .first()
      .getByRole("link", { name: "advisory group" }),
  ).toHaveAttribute("href", "/groups/advisory-group");
});

test("a call's timeline speaks in sentences about this call", async ({ page }) => {
  await page.goto("/transparency?action=decisions.position_taken");
  await page
    .locator("li[data-action='decisions.position_taken']")
    .getByRole("link", { name: /^call \d+$/ })
    .and(page.locator("a[href^='/standards/iotmark/']"))
    .first()
    .click();
  await expect(page).toHaveURL(/\/standards\/iotmark\/calls\/\d+$/);
  const timeline = page.locator("section").filter({
    has: page.getByRole("heading", { name: "Timeline" }),
  });
  await expect(timeline.getByText(/opened this call /).first()).toBeVisible();
  await expect(timeline.getByText(/took a position on this call: /).first()).toBeVisible();
  // One call's own timeline names no standard: it is this call's.
  await expect(timeline.getByText(/^IoTmark Principles · /)).toHaveCount(0);
  await expectReadable(timeline);
  await expectAccessible(page);
});

test("entries name their standard when the log shows more than one", async ({ page, db }) => {
  // A second standard's clause, added after the community's own: two "SW-1"s, two "call 3"s.
  const slug = `record-${Date.now()}`;
  const [standard] = await db
    .insert(standards)
    .values({ slug, name: "Record Check Standard" })
    .returning({ id: standards.id });
  if (!standard) throw new Error("no standard");
  await db
    .insert(modules)
    .values({ standardId: standard.id, code: "SW", name: "Software", position: 0 });
  const author = await demoViewers(db, demoEmail, new Date())("jonas");
  await createClause(db, author, {
    standardSlug: slug,
    title: "Name the standard",
    moduleCode: "SW",
    level: "",
    strength: "MUST",
  });

  await page.goto("/transparency?action=drafting.clause_added");
  const entries = page.locator("li[data-action='drafting.clause_added']");
  await expect(
    entries.filter({
      hasText: /^Record Check Standard · .+ added clause SW-\d+: “Name the standard”/,
    }),
  ).toHaveCount(1);
  await expect(
    entries.filter({ hasText: /^IoTmark Principles · .+ added clause / }).first(),
  ).toBeVisible();
  await expectReadable(page.locator("main"));
  await expectAccessible(page);
});
