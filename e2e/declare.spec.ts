import fs from "node:fs";
import { seedDemo } from "@/lib/demo/seed";
import { organisations, representatives } from "@/lib/registry/schema";
import { createPerson, expect, expectAccessible, signInAs, test } from "./fixtures";
import { OwnServer } from "./own-server";
import { e2ePort } from "./settings";

test.describe("declaring a product", () => {
  // A server of its own, seeded with the demo's releases, which the suite's server has not.
  const server = new OwnServer(e2ePort + 30, ".data/e2e-declare");

  test.beforeAll(async () => {
    test.setTimeout(300_000);
    fs.rmSync(server.dataDir, { recursive: true, force: true });
    await seedDemo(await server.start(), new Date(), { releases: true });
  });
  test.afterAll(() => server.stop());

  test("a representative declares Silver for two modules, with evidence, and publishes it", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const db = server.db;
    if (!db) throw new Error("the server has no database");
    const person = await createPerson(db, { name: "Ines Carvalho" });
    const slug = `lumen-${Date.now()}`;
    const [organisation] = await db
      .insert(organisations)
      .values({
        slug,
        name: "Lumen Home",
        country: "PT",
        website: "https://example.org",
        contact: "https://example.org/contact",
        verificationToken: "lumen-token",
        createdBy: person.id,
      })
      .returning();
    if (!organisation) throw new Error("no organisation");
    await db.insert(representatives).values({
      organisationId: organisation.id,
      userId: person.id,
      startsAt: new Date(Date.now() - 86_400_000),
    });
    await signInAs(page, db, person, server.baseURL);

    await page.goto(`${server.baseURL}/registry/organisations/${slug}/manage/declare`);
    await expect(
      page.getByRole("heading", { name: "Declare a product of Lumen Home" }),
    ).toBeVisible();
    await expect(page.getByLabel("Release")).toHaveValue("iotmark@1.1.0");
    await page.getByLabel("Product name").fill("Lumen Thermostat");
    await page.getByLabel("Model or version range").fill("LT-3");
    await page.getByLabel("Product page").fill("https://example.org/lumen-thermostat");
    await page.getByLabel("Category").fill("Heating");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Start the declaration" }).click();
    await expect(page).toHaveURL(/\/registry\/\d+\/edit$/);
    await expect(page.getByTestId("declaration-state")).toHaveText("Draft");

    await page.getByLabel("Software").selectOption("Silver");
    await page.getByLabel("Data", { exact: true }).selectOption("Silver");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const clauses = page.locator("article[id]");
    await expect(clauses.first()).toBeVisible();
    const count = await clauses.count();
    expect(count).toBeGreaterThan(1);
    await page.screenshot({ path: test.info().outputPath("claims-saved.png"), fullPage: true });

    const refs: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const clause = clauses.nth(index);
      const ref = (await clause.getAttribute("id")) ?? "";
      refs.push(ref);
      await clause.getByLabel("Answer").selectOption({ label: "Met" });
      await clause.getByLabel("Justification").fill(`Lumen Thermostat meets ${ref}; see the page.`);
      await clause
        .getByLabel("Evidence")
        .fill(
          index === 0
            ? "ftp://example.org/not-the-web"
            : `https://example.org/lumen/${ref}\nhttps://example.org/lumen/policy`,
        );
    }
    expect(refs.some((ref) => ref.startsWith("SW-"))).toBe(true);
    expect(refs.some((ref) => ref.startsWith("DATA-"))).toBe(true);

    // A bad address is refused next to its field, and nothing is published.
    await page.getByRole("button", { name: "Publish" }).click();
    const first = clauses.first();
    await expect(
      first.getByText("Enter a web address starting with https:// or http://."),
    ).toBeVisible();
    await expect(first.getByLabel("Evidence")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("declaration-version")).toHaveText("Not published yet");
    await page.screenshot({ path: test.info().outputPath("evidence-refused.png"), fullPage: true });

    await first.getByLabel("Evidence").fill(`https://example.org/lumen/${refs[0]}`);
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByTestId("declaration-state")).toHaveText("Listed");
    await expect(page.getByTestId("declaration-version")).toHaveText("1");
    await expect(page.getByRole("status").getByText("Version 1 is published.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Reaffirm for a new term" })).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: test.info().outputPath("published.png"), fullPage: true });

    // Withdrawing is final, so the representative must say they know it first.
    await page.getByLabel("Why it is withdrawn (public)").fill("The thermostat is no longer sold.");
    await page.getByRole("button", { name: "Withdraw", exact: true }).click();
    await expect(page.getByText("This field is required.")).toBeVisible();
    await expect(page.getByTestId("declaration-state")).toHaveText("Listed");
    await page.getByLabel(/I understand that withdrawing is final/).check();
    await page.getByRole("button", { name: "Withdraw", exact: true }).click();
    await expect(page.getByTestId("declaration-state")).toHaveText("Withdrawn");
  });
});
