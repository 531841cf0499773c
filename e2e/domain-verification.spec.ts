import http from "node:http";
import type { AddressInfo } from "node:net";
import { organisationDomainPath } from "@/lib/paths";
import { organisations, representatives } from "@/lib/registry/schema";
import { createPerson, expect, expectAccessible, signInAs, test } from "./fixtures";

test("a representative publishes the token on the organisation's website and verifies its domain", async ({
  page,
  db,
}) => {
  // The organisation's "website": a local server that serves whatever the test publishes.
  let published: string | null = null;
  const website = http.createServer((request, response) => {
    if (request.url === "/.well-known/hum-verification.txt" && published !== null) {
      response.writeHead(200, { "content-type": "text/plain" }).end(published);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => website.listen(0, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${(website.address() as AddressInfo).port}`;
  try {
    const person = await createPerson(db, { name: "Ines Lamarck" });
    const slug = `lamarck-${Date.now()}`;
    const token = `hum-verify-${Date.now().toString(36)}`;
    const [organisation] = await db
      .insert(organisations)
      .values({
        slug,
        name: "Lamarck Devices",
        country: "FR",
        website: origin,
        contact: "contact@lamarck.example",
        verificationToken: token,
        createdBy: person.id,
      })
      .returning();
    if (!organisation) throw new Error("no organisation");
    await db.insert(representatives).values({
      organisationId: organisation.id,
      userId: person.id,
      startsAt: new Date(Date.now() - 60_000),
    });
    await signInAs(page, db, person);

    await page.goto(organisationDomainPath(slug));
    await expect(
      page.getByRole("heading", { name: "Web domain of Lamarck Devices" }),
    ).toBeVisible();
    await expect(page.getByTestId("domain-state")).toHaveText("Not verified yet.");
    await expect(page.getByText(token).first()).toBeVisible();
    await expect(page.getByText(`${origin}/.well-known/hum-verification.txt`)).toBeVisible();

    // Not there yet: refused next to the button, nothing changes.
    await page.getByRole("button", { name: "Verify the domain" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "could not find the token" }),
    ).toBeVisible();
    await expect(page.getByTestId("domain-state")).toHaveText("Not verified yet.");

    published = `${token}\n`;
    await page.getByRole("button", { name: "Verify the domain" }).click();
    await expect(page.getByTestId("domain-state")).toContainText("Verified for 127.0.0.1 on");
    await expect(page.getByText("127.0.0.1 is verified.")).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("domain-verified.png"), fullPage: true });
    await expectAccessible(page);
  } finally {
    website.closeAllConnections();
    await new Promise((done) => website.close(done));
  }
});

test("someone who does not represent the organisation cannot open its domain page", async ({
  page,
  db,
}) => {
  const founder = await createPerson(db, { name: "Oskar Brandt" });
  const slug = `brandt-${Date.now()}`;
  await db.insert(organisations).values({
    slug,
    name: "Brandt Sensors",
    country: "DE",
    website: "https://brandt.example",
    contact: "https://brandt.example/contact",
    verificationToken: "hum-verify-brandt",
    createdBy: founder.id,
  });
  const stranger = await createPerson(db, { name: "Mara Stranger" });
  await signInAs(page, db, stranger);
  const response = await page.goto(organisationDomainPath(slug));
  expect(response?.status()).toBe(403);
  await expect(page.getByText("hum-verify-brandt")).toHaveCount(0);
});
