import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { requireSecretariat } from "@/lib/community/authz";
import type { Database } from "@/lib/db/client";
import { closeDue } from "@/lib/decisions/close-due";
import { openLastCall } from "@/lib/decisions/last-call";
import { takePosition } from "@/lib/decisions/positions";
import { prepareRelease } from "@/lib/decisions/release-calls";
import { addDays } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { demoEmail } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { parseStandard } from "@/lib/drafting/markdown/document";
import { createClause } from "@/lib/drafting/mutations";
import { standards } from "@/lib/drafting/schema";
import { importStandard } from "@/lib/drafting/transfer";
import { lapseDue } from "@/lib/registry/lifecycle";
import { addMonths } from "@/lib/registry/rules";
import { organisations } from "@/lib/registry/schema";
import { requireReleaseManager } from "@/lib/releases/authz";
import { createPerson, expect, expectAccessible, signInAs, test } from "./fixtures";

/*
 * The mark as its people meet it. A maker registers its organisation, proves its domain against
 * its own (local) website, declares a product at Silver for two modules with evidence and
 * publishes it. A buyer finds it in the registry by filter and search and reads every answer
 * and the badge. The community publishes a new release, and the listing tells what the new
 * release asks of it; a year passes without a reaffirmation, the listing lapses, and the badge
 * says so.
 *
 * The standard is the community's own, imported and released by its secretariat through the
 * same calls as any other (set up here through lib/, as the decisions specs walk those pages).
 */

const when = () => new Date();

/** Three demo participants support a call; the scheduler then closes it after its period. */
async function supportAndClose(db: Database, callNumber: number, standardId: string) {
  const [call] = await db
    .select()
    .from(calls)
    .where(and(eq(calls.standardId, standardId), eq(calls.number, callNumber)));
  if (!call) throw new Error(`call ${callNumber} is missing`);
  const who = demoViewers(db, demoEmail, when());
  for (const key of ["noor", "lena", "tomas"]) {
    await takePosition(db, await who(key), call.id, { stance: "support", reason: "" });
  }
  await closeDue(db, addDays(call.closesAt, 1 / 24));
}

/** Adopts whatever changed in the draft under one last call, then releases it as `version`. */
async function release(db: Database, standardId: string, version: string) {
  const who = demoViewers(db, demoEmail, when());
  const adopting = await openLastCall(db, await who("noor"), standardId, {
    title: `Adopt the text for ${version}`,
    description: "",
    organisations: "",
    scope: { kind: "changed" },
  });
  await supportAndClose(db, adopting.number, standardId);
  const manager = await requireReleaseManager(db, await who("sam"), when());
  const { callNumber } = await prepareRelease(db, manager, standardId, {
    version,
    notes: `Release ${version}.`,
  });
  await supportAndClose(db, callNumber, standardId);
}

async function foundStandard(db: Database, slug: string): Promise<string> {
  const parsed = parseStandard(fs.readFileSync("lib/drafting/fixtures/iotmark-export.md", "utf8"));
  if (!parsed.ok) throw new Error("the fixture does not parse");
  const who = demoViewers(db, demoEmail, when());
  const secretary = await requireSecretariat(db, await who("sam"), "drafting.import_standard");
  await importStandard(db, secretary, {
    ...parsed.standard,
    slug,
    name: "Connected Home Mark",
  });
  const [standard] = await db.select().from(standards).where(eq(standards.slug, slug));
  if (!standard) throw new Error("no standard");
  await release(db, standard.id, "1.0.0");
  return standard.id;
}

test("a maker lists a product with evidence; the public finds it; a new release and a lapse show on it and its badge", async ({
  page,
  db,
  browser,
}) => {
  test.slow();
  const stamp = Date.now();
  const slug = `connected-home-${stamp}`;
  const product = `Ember Kettle ${stamp}`;
  const organisationName = `Ember Appliances ${stamp}`;
  const standardId = await foundStandard(db, slug);

  // The organisation's website: a local server that serves what the maker publishes on it.
  let published = "";
  const website = http.createServer((request, response) => {
    if (request.url === "/.well-known/hum-verification.txt" && published) {
      response.writeHead(200, { "content-type": "text/plain" }).end(published);
    } else response.writeHead(404).end();
  });
  await new Promise<void>((done) => website.listen(0, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${(website.address() as AddressInfo).port}`;
  let number = 0;

  try {
    const maker = await createPerson(db, { name: "Ada Ember" });
    await signInAs(page, db, maker);

    await test.step("the maker registers the organisation", async () => {
      await page.goto("/registry/organisations/new");
      const form = page.getByRole("form", { name: "Register an organisation" });
      await form.getByLabel("Name", { exact: true }).fill(organisationName);
      await form.getByLabel("Country").selectOption({ label: "Kenya" });
      await form.getByLabel("Website").fill(origin);
      await form.getByLabel("Public contact").fill("hello@ember.example");
      await form.getByRole("button", { name: "Register organisation" }).click();
      await expect(page.getByRole("heading", { name: `Manage ${organisationName}` })).toBeVisible();
    });

    await test.step("proves its domain from its own website", async () => {
      await page.getByRole("link", { name: "Verify your domain" }).click();
      await expect(page.getByTestId("domain-state")).toHaveText("Not verified yet.");
      const [row] = await db
        .select()
        .from(organisations)
        .where(eq(organisations.name, organisationName));
      published = `${row?.verificationToken}\n`;
      await page.getByRole("button", { name: "Verify the domain" }).click();
      await expect(page.getByTestId("domain-state")).toContainText("Verified for 127.0.0.1");
    });

    await test.step("declares a product at Silver for two modules, with evidence, and publishes it", async () => {
      await page.getByRole("link", { name: /Back to managing/ }).click();
      await page.getByRole("link", { name: "Declare a product" }).click();
      await page.getByLabel("Release").selectOption(`${slug}@1.0.0`);
      await page.getByLabel("Product name").fill(product);
      await page.getByLabel("Model or version range").fill("EK-2");
      await page.getByLabel("Product page").fill("https://ember.example.org/kettle");
      await page.getByLabel("Category").fill("Kitchen");
      await page.getByRole("button", { name: "Start the declaration" }).click();
      await expect(page).toHaveURL(/\/registry\/\d+\/edit$/);
      number = Number(page.url().match(/\/registry\/(\d+)\/edit$/)?.[1]);

      await page.getByLabel("Software").selectOption("Silver");
      await page.getByLabel("Organisation").selectOption("Silver");
      await page.getByRole("button", { name: "Save", exact: true }).click();
      const clauses = page.locator("article[id]");
      await expect(clauses.first()).toBeVisible();
      const count = await clauses.count();
      for (let index = 0; index < count; index += 1) {
        const clause = clauses.nth(index);
        const ref = (await clause.getAttribute("id")) ?? "";
        await clause.getByLabel("Answer").selectOption({ label: "Met" });
        await clause
          .getByLabel("Justification")
          .fill(`The kettle meets ${ref}, as its page shows.`);
        await clause.getByLabel("Evidence").fill(`https://ember.example.org/trust/${ref}`);
      }
      await page.getByRole("button", { name: "Publish" }).click();
      await expect(page.getByTestId("declaration-state")).toHaveText("Listed");
      await expect(page.getByTestId("declaration-version")).toHaveText("1");
    });

    const readerContext = await browser.newContext();
    const reader = await readerContext.newPage();
    try {
      await test.step("a buyer finds it by filter and search, and reads every answer and the badge", async () => {
        await reader.goto("/registry");
        await reader.getByLabel("Search products and organisations").fill(product);
        await reader.getByRole("button", { name: "Search", exact: true }).click();
        const results = reader.getByRole("table");
        await expect(results.getByRole("link", { name: product })).toBeVisible();
        await reader.getByLabel("Level").selectOption("Silver");
        await reader.getByLabel("Module").selectOption({ label: "Organisation" });
        await reader.getByRole("button", { name: "Apply filters" }).click();
        await expect(results.getByRole("row")).toHaveCount(2);
        await results.getByRole("link", { name: product }).click();
        await expect(reader).toHaveURL(new RegExp(`/registry/${number}$`));
        await expect(reader.getByRole("heading", { name: new RegExp(product) })).toBeVisible();
        await expect(reader.getByText("Silver for Organisation and Software")).toBeVisible();
        await expect(reader.getByText(/Domain verified/).first()).toBeVisible();
        await expect(reader.getByText("The kettle meets SW-1, as its page shows.")).toBeVisible();
        const badge = reader.getByRole("img", { name: /Connected Home Mark/ }).first();
        await expect(badge).toBeVisible();
        await expect
          .poll(() => badge.evaluate((image: HTMLImageElement) => image.naturalWidth))
          .toBeGreaterThan(0);
        const svg = await (await reader.request.get(`/registry/${number}/badge.svg`)).text();
        expect(svg).toContain("Silver for Organisation and Software · 1.0.0");
        expect(svg).toContain('<title id="t">Connected Home Mark: Listed</title>');
        await expectAccessible(reader);
        await reader.screenshot({
          path: test.info().outputPath("declaration.png"),
          fullPage: true,
        });
      });

      await test.step("a new release is published, and the listing shows what it asks of the product", async () => {
        const who = demoViewers(db, demoEmail, when());
        await createClause(db, await who("noor"), {
          standardSlug: slug,
          moduleCode: "SW",
          title: "Signed updates only",
          level: "Silver",
          strength: "MUST",
        });
        await release(db, standardId, "1.1.0");
        await expect(async () => {
          await reader.goto(`/registry/${number}`);
          await expect(
            reader.getByText(/Version 1\.1\.0 of the standard was published/),
          ).toBeVisible({ timeout: 1000 });
        }).toPass();
        await expect(reader.getByText("Signed updates only")).toBeVisible();
        await expect(reader.getByTestId("declaration-public-state")).toHaveText("Listed");
      });

      await test.step("a year passes without a reaffirmation: the listing lapses and the badge says so", async () => {
        await lapseDue(db, addMonths(when(), 13));
        await expect(async () => {
          await reader.goto(`/registry/${number}`);
          await expect(reader.getByTestId("declaration-public-state")).toHaveText("Lapsed", {
            timeout: 1000,
          });
        }).toPass();
        const svg = await (await reader.request.get(`/registry/${number}/badge.svg`)).text();
        expect(svg).toContain('<title id="t">Connected Home Mark: Lapsed</title>');
        expect(svg).not.toContain("Listed");
        await reader.screenshot({ path: test.info().outputPath("lapsed.png"), fullPage: true });
      });
    } finally {
      await readerContext.close();
    }
  } finally {
    website.close();
  }
});
