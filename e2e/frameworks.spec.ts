import { and, eq } from "drizzle-orm";
import { requireSecretariat } from "@/lib/community/authz";
import type { Database } from "@/lib/db/client";
import { prepareRelease } from "@/lib/decisions/release-calls";
import { calls } from "@/lib/decisions/schema";
import { demoEmail } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { exportStandard, parseStandard } from "@/lib/drafting/markdown/document";
import { markdownToRichText } from "@/lib/drafting/markdown/text";
import type { StandardDocument } from "@/lib/drafting/markdown/types";
import { clauseRevisions, clauses, standards } from "@/lib/drafting/schema";
import { importStandard } from "@/lib/drafting/transfer";
import { requireReleaseManager } from "@/lib/releases/authz";
import { publishCandidate } from "@/lib/releases/publish";
import { demoPerson, expect, expectAccessible, signInAs, test } from "./fixtures";

test("a participant maps a clause to a provision of ETSI EN 303 645, and takes it off again", async ({
  page,
  db,
}) => {
  await signInAs(page, db, await demoPerson(db, "kofi"));
  await page.goto("/standards/iotmark/draft/HW-1");
  const mappings = page.locator("section#mappings");
  await expect(mappings.getByText("This clause maps to no other framework.")).toBeVisible();

  const form = page.getByRole("form", { name: "Map to a provision" });
  await form.getByLabel("Framework").selectOption({ label: "ETSI EN 303 645 v2.1.1" });
  await form.getByRole("button", { name: "Add mapping" }).click();
  // Nothing typed in the provision: refused next to the field, nothing stored.
  await expect(form.getByLabel("Provision")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Provision").fill("5.6-1");
  await form.getByLabel("Relationship").selectOption("intersects");
  await form.getByLabel("Rationale").fill("Both close what is not needed; the clause names ports.");
  await form.getByRole("button", { name: "Add mapping" }).click();
  await expect(page.getByText("Mapping to 5.6-1 added.")).toBeVisible();
  const list = mappings.locator(".mapping-list");
  await expect(list.getByText("ETSI EN 303 645 v2.1.1 5.6-1", { exact: true })).toBeVisible();
  await expect(list.getByText("Intersects: overlaps", { exact: true })).toBeVisible();
  await mappings.screenshot({ path: test.info().outputPath("frameworks-clause-mapping-form.png") });
  await expectAccessible(page);

  await mappings
    .getByRole("button", { name: "Remove the mapping to ETSI EN 303 645 v2.1.1 5.6-1" })
    .click();
  await expect(page.getByText("Mapping to 5.6-1 removed.")).toBeVisible();
  await expect(mappings.getByText("This clause maps to no other framework.")).toBeVisible();

  // The standard's frameworks: listed, and a second listing under the same key refused.
  await page.goto("/standards/iotmark/frameworks");
  await expect(page.getByRole("list", { name: "Listed frameworks" })).toContainText(
    "ETSI EN 303 645 version v2.1.1",
  );
  await page.getByLabel("Name", { exact: true }).fill("ETSI EN 303 645");
  await page.getByRole("button", { name: "List framework" }).click();
  await expect(
    page.getByText("This standard already lists a framework with that key."),
  ).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("frameworks-list.png"), fullPage: true });
});

/**
 * A standard of its own, imported from Markdown that carries frameworks and mappings, adopted
 * as imported and published as 1.0.0: the demo's own releases stay for the other specs.
 */
async function publishedStandard(db: Database): Promise<string> {
  const slug = `crosswalk-${Date.now()}`;
  const text = (words: string) => markdownToRichText(words);
  const clause = (
    ref: string,
    title: string,
    mappings: StandardDocument["clauses"][0]["mappings"],
  ) => ({
    ref,
    moduleCode: "SW",
    title,
    level: null,
    strength: "MUST" as const,
    retired: false,
    body: text(`The product MUST ${title.toLowerCase()}.`),
    assessment: text("Published documentation."),
    examples: text(""),
    ...(mappings ? { mappings } : {}),
  });
  const etsi = (provision: string, relationship: "equivalent" | "superset", rationale: string) => ({
    framework: "etsi-en-303-645",
    provision,
    relationship,
    rationale,
  });
  const document: StandardDocument = {
    slug,
    name: "Crosswalk mark",
    summary: "",
    modules: [{ code: "SW", name: "Software", summary: "" }],
    levels: [],
    frameworks: [
      {
        key: "etsi-en-303-645",
        name: "ETSI EN 303 645",
        version: "v2.1.1",
        url: "https://www.etsi.org/",
      },
    ],
    clauses: [
      clause("SW-1", "Have no universal default password", [
        etsi("5.1-1", "equivalent", "Unique per device, or set by the owner."),
      ]),
      clause("SW-2", "Verify updates before installing them", [
        etsi("5.3-9", "superset", 'Required, where the provision says "should".'),
      ]),
      clause("SW-3", "Publish a local interface", undefined),
    ],
  };
  // Through Markdown and back, as a file would travel.
  const parsed = parseStandard(exportStandard(document));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const sam = await demoViewers(db, demoEmail, new Date())("sam");
  await importStandard(db, await requireSecretariat(db, sam, "import_standard"), parsed.standard);
  const [standard] = await db.select().from(standards).where(eq(standards.slug, slug));
  if (!standard) throw new Error("not imported");
  for (const row of await db.select().from(clauses).where(eq(clauses.standardId, standard.id))) {
    const [revision] = await db
      .select()
      .from(clauseRevisions)
      .where(and(eq(clauseRevisions.clauseId, row.id), eq(clauseRevisions.number, 1)));
    await db.update(clauses).set({ adoptedRevisionId: revision?.id }).where(eq(clauses.id, row.id));
  }
  const manager = await requireReleaseManager(db, sam);
  const { callNumber } = await prepareRelease(db, manager, standard.id, {
    version: "1.0.0",
    notes: "",
  });
  const [call] = await db
    .select()
    .from(calls)
    .where(and(eq(calls.standardId, standard.id), eq(calls.number, callNumber)));
  if (!call) throw new Error("no release call");
  const now = new Date();
  await db.transaction(async (tx) => {
    // As the call's close would: adopted first, then the candidate published.
    await tx.update(calls).set({ phase: "adopted", closedAt: now }).where(eq(calls.id, call.id));
    await publishCandidate(
      tx,
      { id: call.id, number: call.number, slug, releaseId: call.releaseId },
      now,
    );
  });
  return slug;
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("readers filter a release by provision, read its crosswalk and take it as CSV", async ({
    page,
    db,
  }) => {
    const slug = await publishedStandard(db);
    const release = `/standards/${slug}/v/1.0.0`;
    await page.goto(release);
    const sw2 = page.locator("article#SW-2");
    await expect(sw2.getByRole("link", { name: "ETSI EN 303 645 v2.1.1 5.3-9" })).toBeVisible();
    await expect(sw2.getByText("Superset: asks more")).toBeVisible();

    const filter = page.getByRole("form", { name: "Clauses by framework" });
    await filter.getByLabel("Framework").selectOption("etsi-en-303-645");
    await filter.getByLabel("Provision (optional)").fill("5.3");
    await filter.getByRole("button", { name: "Show clauses" }).click();
    await expect(page).toHaveURL(`${release}?framework=etsi-en-303-645&provision=5.3`);
    await expect(page.getByText("1 clause maps to ETSI EN 303 645 v2.1.1 5.3.")).toBeVisible();
    await expect(page.locator("article#SW-2")).toBeVisible();
    await expect(page.locator("article#SW-1")).toHaveCount(0);
    await expect(page.locator("article#SW-3")).toHaveCount(0);
    await page.screenshot({
      path: test.info().outputPath("frameworks-reader-filter.png"),
      fullPage: true,
    });

    await page.getByRole("link", { name: "Crosswalk", exact: true }).click();
    await expect(page).toHaveURL(`${release}/crosswalk`);
    const table = page.getByRole("table");
    await expect(table.getByRole("row")).toHaveCount(3);
    await expect(table.getByRole("row").nth(1)).toContainText("5.1-1");
    await expect(table.getByRole("row").nth(2)).toContainText("SW-2 Verify updates");
    await page.screenshot({
      path: test.info().outputPath("frameworks-crosswalk.png"),
      fullPage: true,
    });

    const csv = await page.request.get(`${release}/crosswalk/etsi-en-303-645.csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(csv.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(await csv.text()).toBe(
      [
        "provision,relationship,clause_ref,clause_title,rationale",
        '5.1-1,equivalent,SW-1,Have no universal default password,"Unique per device, or set by the owner."',
        '5.3-9,superset,SW-2,Verify updates before installing them,"Required, where the provision says ""should""."',
        "",
      ].join("\r\n"),
    );
    const missing = await page.request.get(`${release}/crosswalk/nist-ir-8259a.csv`);
    expect(missing.status()).toBe(404);
  });
});
