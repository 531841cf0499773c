import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { demoEmail } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { evidenceLinks } from "@/lib/registry/schema";
import {
  answersFor,
  bodyFor,
  insertDeclaration,
  insertOrganisation,
  publishedRegistryStandard,
  type TestRelease,
} from "@/tests/registry-fixtures";
import { expect, expectAccessible, test } from "./fixtures";

type Seeded = {
  token: string;
  release: TestRelease;
  camera: number;
  lock: number;
  lapsed: number;
  draft: number;
};

let seeded: Promise<Seeded> | undefined;

/**
 * Declarations of a standard of the spec's own, written straight into the registry's tables:
 * a camera with two versions (Silver for Software, Bronze for Hardware), a lock (Silver for
 * Hardware), a lapsed plug and a draft that must stay private.
 */
function seed(db: Database): Promise<Seeded> {
  seeded ??= (async () => {
    const token = `z${Date.now().toString(36)}`;
    const sam = await demoViewers(db, demoEmail, new Date())("sam");
    const release = await publishedRegistryStandard(db, sam);
    const lumen = await insertOrganisation(db, sam.id, {
      name: `Lumen Devices ${token}`,
      country: "FR",
      verifiedDomain: "lumen.example",
    });
    const quill = await insertOrganisation(db, sam.id, {
      name: `Quill Works ${token}`,
      country: "DE",
    });
    const cameraClaims = [
      { module: "SW", level: "Silver" },
      { module: "HW", level: "Bronze" },
    ];
    const first = bodyFor(release, `Lumen Camera ${token}`, cameraClaims);
    const second = bodyFor(
      release,
      `Lumen Camera ${token}`,
      cameraClaims,
      answersFor(release, cameraClaims, "now publish"),
    );
    const camera = await insertDeclaration(db, release, {
      organisationId: lumen.id,
      createdBy: sam.id,
      bodies: [first, second],
    });
    const lock = await insertDeclaration(db, release, {
      organisationId: quill.id,
      createdBy: sam.id,
      bodies: [bodyFor(release, `Quill Lock ${token}`, [{ module: "HW", level: "Silver" }])],
    });
    const lapsed = await insertDeclaration(db, release, {
      organisationId: quill.id,
      createdBy: sam.id,
      bodies: [bodyFor(release, `Quill Plug ${token}`, [{ module: "SW", level: "Bronze" }])],
      state: "lapsed",
      stateReason: "term_ended",
    });
    const draft = await insertDeclaration(db, release, {
      organisationId: lumen.id,
      createdBy: sam.id,
      bodies: [],
    });
    const at = new Date();
    // Checked now, and not again while the specs run: the server's checker cannot reach them.
    const later = new Date(at.getTime() + 30 * 86_400_000);
    await db
      .insert(evidenceLinks)
      .values([
        {
          url: "https://evidence.example/sw-1",
          host: "evidence.example",
          state: "ok" as const,
          status: 200,
          checkedAt: at,
          changedAt: at,
          nextCheckAt: later,
        },
        {
          url: "https://evidence.example/sw-3",
          host: "evidence.example",
          state: "broken" as const,
          status: 404,
          checkedAt: at,
          changedAt: at,
          nextCheckAt: later,
        },
      ])
      // Another spec may have cited the same addresses first; this one says what was found.
      .onConflictDoUpdate({
        target: evidenceLinks.url,
        set: {
          state: sql`excluded.state`,
          status: sql`excluded.status`,
          checkedAt: at,
          changedAt: at,
          nextCheckAt: sql`excluded.next_check_at`,
        },
      });
    return {
      token,
      release,
      camera: camera.number,
      lock: lock.number,
      lapsed: lapsed.number,
      draft: draft.number,
    };
  })();
  return seeded;
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a reader searches and filters the registry, opens a declaration and takes its badge", async ({
    page,
    db,
    request,
  }) => {
    // The first test also publishes the spec's standard.
    test.setTimeout(120_000);
    const data = await seed(db);
    await page.goto("/");
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Registry" })
      .click();
    await expect(page.getByRole("heading", { name: "Registry", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "Register an organisation" })).toBeVisible();

    // Search: by organisation, whatever the case.
    await page.getByLabel("Search products and organisations").fill(`quill works ${data.token}`);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const results = page.getByRole("table");
    await expect(results.getByRole("link", { name: `Quill Lock ${data.token}` })).toBeVisible();
    await expect(results.getByRole("row")).toHaveCount(2); // the lapsed plug is not listed
    await expect(results).toContainText("Silver for Hardware");

    // Filters: Silver for Hardware, among this run's declarations.
    await page.getByLabel("Search products and organisations").fill(data.token);
    await page.getByLabel("Level").selectOption("Silver");
    await page.getByLabel("Module").selectOption({ label: "Hardware" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/level=Silver/);
    await expect(results.getByRole("row")).toHaveCount(2);
    await expect(results.getByRole("link", { name: `Quill Lock ${data.token}` })).toBeVisible();

    // Lapsed listings stay on the record.
    await page.goto(`/registry?q=${data.token}&state=lapsed`);
    await expect(results.getByRole("link", { name: `Quill Plug ${data.token}` })).toBeVisible();
    await expect(results).toContainText("Lapsed");
    await page.goto(`/registry?q=${data.token}&country=NL`);
    await expect(page.getByText("No declaration matches these filters.")).toBeVisible();

    await page.goto(`/registry?q=${data.token}`);
    await page.screenshot({ path: test.info().outputPath("registry-list.png"), fullPage: true });

    // The camera's page: every required clause, its answer, justification and evidence.
    await results.getByRole("link", { name: `Lumen Camera ${data.token}` }).click();
    await expect(
      page.getByRole("heading", {
        name: `Lumen Camera ${data.token} · declaration ${data.camera}`,
      }),
    ).toBeVisible();
    await expect(page.getByText("Domain verified (lumen.example)")).toBeVisible();
    await expect(page.getByText("Silver for Software, Bronze for Hardware").first()).toBeVisible();
    const answers = page.locator("section#answers > ol > li");
    // SW at Silver: SW-1..4; HW at Bronze: HW-1, HW-2.
    await expect(answers).toHaveCount(6);
    for (const ref of ["SW-1", "SW-2", "SW-3", "SW-4", "HW-1", "HW-2"]) {
      await expect(page.locator(`li#${ref}`)).toContainText(`${ref}`);
    }
    await expect(page.locator("li#SW-1")).toContainText("We now publish SW-1 on our site.");
    await expect(page.locator("li#SW-1")).toContainText("reachable, checked on");
    await expect(page.locator("li#SW-3")).toContainText("broken: the site answered 404");
    await expect(page.locator("li#HW-1")).toContainText("not yet checked");
    await expect(page.locator("li#SW-2")).toContainText("Not applicable");
    await expect(
      page.locator("li#SW-1").getByRole("link", { name: "https://evidence.example/sw-1" }),
    ).toBeVisible();

    // The badge, and snippets on the configured origin.
    const badge = page.getByRole("img", { name: `Test mark self-declaration ${data.camera}` });
    await expect(badge).toBeVisible();
    const origin = new URL(page.url()).origin;
    await expect(page.locator("section#badge pre").first()).toHaveText(
      `<a href="${origin}/registry/${data.camera}"><img src="${origin}/registry/${data.camera}/badge.svg" alt="Test mark self-declaration ${data.camera}"></a>`,
    );
    await expect(page.locator("section#badge pre").nth(1)).toHaveText(
      `[![Test mark self-declaration ${data.camera}](${origin}/registry/${data.camera}/badge.svg)](${origin}/registry/${data.camera})`,
    );
    const svg = await request.get(`/registry/${data.camera}/badge.svg`);
    expect(svg.headers()["content-type"]).toContain("image/svg+xml");
    expect(await svg.text()).toContain(">Listed</text>");
    await page.screenshot({ path: test.info().outputPath("declaration.png"), fullPage: true });

    // History: the older version, labelled, and the comparison.
    await page.getByRole("link", { name: "1", exact: true }).click();
    await expect(page.getByText("You are reading version 1 of 2")).toBeVisible();
    await expect(page.locator("li#SW-1")).toContainText("We shown SW-1 on our site.");
    await page.getByRole("link", { name: "Compare with version 1" }).click();
    await expect(
      page.getByRole("heading", {
        name: `Declaration ${data.camera}: version 1 against version 2`,
      }),
    ).toBeVisible();
    await expect(page.getByText("The claims did not change.")).toBeVisible();
    await expect(page.locator("section#answers li").first()).toContainText(
      "Changed: justification",
    );

    // The canonical JSON; a draft and a bad range are nowhere.
    const json = await request.get(`/registry/${data.camera}.json`);
    expect(json.headers()["content-type"]).toBe("application/json; charset=utf-8");
    expect((await json.json()).versions).toHaveLength(2);
    expect((await request.get(`/registry/${data.draft}`)).status()).toBe(404);
    expect((await request.get(`/registry/${data.draft}/badge.svg`)).status()).toBe(404);
    expect((await request.get(`/registry/${data.camera}/compare/2...2`)).status()).toBe(404);
    const lapsedBadge = await request.get(`/registry/${data.lapsed}/badge.svg`);
    expect(await lapsedBadge.text()).toContain(">Lapsed</text>");
  });
});

// Axe runs in the page, so the pages are checked for accessibility here.
test("with JavaScript, a reader searches, opens a declaration and its badge loads", async ({
  page,
  db,
}) => {
  test.setTimeout(120_000);
  const data = await seed(db);
  await page.goto("/registry");
  await page.getByLabel("Search products and organisations").fill(`lumen camera ${data.token}`);
  await page.getByLabel("Search products and organisations").press("Enter");
  await expect(page).toHaveURL(/q=lumen/);
  await expectAccessible(page);
  await page.getByRole("link", { name: `Lumen Camera ${data.token}` }).click();
  await expect(page.locator("section#answers > ol > li")).toHaveCount(6);
  const badge = page.getByRole("img", { name: `Test mark self-declaration ${data.camera}` });
  await expect(badge).toBeVisible();
  await expect
    .poll(() => badge.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth))
    .toBeGreaterThan(0);
  await expectAccessible(page);
  await page.goto(`/registry/${data.camera}/compare/1...2`);
  await expect(page.getByText("Changed: justification").first()).toBeVisible();
  await expectAccessible(page);
});
