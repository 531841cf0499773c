import fs from "node:fs";
import { eq } from "drizzle-orm";
import { callItems, calls } from "@/lib/decisions/schema";
import { standards } from "@/lib/drafting/schema";
import { createPerson, expect, expectAccessible, signInAs, test } from "./fixtures";

const fixture = (name: string) => fs.readFileSync(`lib/drafting/fixtures/${name}`, "utf8");
const shots = process.env.SHOTS_DIR;

test("the secretariat previews a community's founding text, confirms it, and one founding call opens over all of it", async ({
  page,
  db,
}) => {
  // Two whole documents are imported, each previewed first.
  test.slow();
  await signInAs(page, db, await createPerson(db, { name: "Una Secretary", isSecretariat: true }));
  await page.goto("/standards/import");
  await page.getByLabel("Format").selectOption({ label: "Plain outside document" });
  await page.getByLabel("Import into").selectOption({ label: "A new standard" });
  await page.getByLabel("Markdown", { exact: true }).fill(fixture("home-principles-2025.md"));
  await page.getByLabel(/founding text/).check();
  if (shots) await page.screenshot({ path: `${shots}/import-form.png`, fullPage: true });
  await page.getByRole("button", { name: "Preview the import" }).click();

  const preview = page.getByRole("region", { name: "Preview: Open Home Device Principles" });
  await expect(preview).toContainText(
    "A new standard at /standards/open-home-device-principles: 7 prose sections, 7 modules, 30 clauses.",
  );
  await expect(preview).toContainText("one founding call opens over all 37 clauses and sections");
  await expect(preview.getByRole("listitem")).toHaveText([
    "Licence (licence)",
    "Introduction (introduction)",
    "Terminology (terminology)",
    "Definitions (definitions)",
    "Roles (roles)",
    "Assessment guidance (assessment guidance)",
    "Contributors (acknowledgements)",
  ]);
  await expect(preview.getByRole("heading", { level: 4 })).toHaveText([
    "Privacy (PRIVAC) 5 clauses",
    "Security (SECURI) 5 clauses",
    "Software updates (SOFTWA) 4 clauses",
    "Transparency (TRANSP) 4 clauses",
    "Interoperability (INTERO) 4 clauses",
    "Lifetime (LIFETI) 4 clauses",
    "Data (DATA) 4 clauses",
  ]);
  // A module's note is its summary, as words, not Markdown.
  await expect(preview).toContainText(
    "Note: these principles build on the ETSI consumer IoT baseline and do not repeat it.",
  );
  await expect(preview.getByRole("row", { name: /SECURI-5/ })).toContainText("MAY");
  await expect(preview.getByRole("row", { name: /SECURI-5/ })).toContainText("recommended only");
  await expectAccessible(page);
  if (shots) await page.screenshot({ path: `${shots}/import-preview.png`, fullPage: true });
  // Nothing exists until the preview is confirmed.
  expect(
    await db.select().from(standards).where(eq(standards.slug, "open-home-device-principles")),
  ).toEqual([]);

  await page.getByRole("button", { name: "Confirm the import" }).click();
  const done = page.getByRole("status").getByRole("link", {
    name: "Imported 30 clauses and 7 sections; call 1 opened to adopt them.",
  });
  await expect(done).toHaveAttribute("href", "/standards/open-home-device-principles/calls/1");
  if (shots) await page.screenshot({ path: `${shots}/import-result.png`, fullPage: true });
  const [standard] = await db
    .select()
    .from(standards)
    .where(eq(standards.slug, "open-home-device-principles"));
  const [call] = await db
    .select()
    .from(calls)
    .where(eq(calls.standardId, standard?.id ?? ""));
  expect(call).toMatchObject({
    kind: "changes",
    phase: "open",
    title: "Founding text of Open Home Device Principles",
  });
  const items = await db
    .select()
    .from(callItems)
    .where(eq(callItems.callId, call?.id ?? ""));
  expect(items.filter((item) => item.kind === "adopt_clause")).toHaveLength(30);
  expect(items.filter((item) => item.kind === "adopt_section")).toHaveLength(7);

  // A later text of the same document comes in as working changes, each one listed first.
  await page.goto("/standards/import");
  await page.getByLabel("Format").selectOption({ label: "Plain outside document" });
  await page.getByLabel("Import into").selectOption({ label: "Open Home Device Principles" });
  await page.getByLabel("Markdown", { exact: true }).fill(fixture("home-principles-2026.md"));
  await page.getByRole("button", { name: "Preview the import" }).click();
  const later = page.getByRole("region", { name: "Preview: Open Home Device Principles" });
  await expect(later).toContainText(
    "A later text of Open Home Device Principles: 5 changed, 2 new, 31 unchanged, 1 no longer in the text",
  );
  await expect(later).toContainText("no call opens");
  await expect(later.getByRole("listitem").filter({ hasText: / changed$/ })).toHaveText([
    "Introduction (introduction) changed",
    "Definitions (definitions) changed",
  ]);
  const expected: [string, string][] = [
    ["PRIVAC-3", "changed"],
    ["SECURI-6", "new"],
    ["DATA-5", "new"],
    ["INTERO-3", "to retire"],
    ["INTERO-4", "unchanged"],
  ];
  for (const [ref, change] of expected) {
    await expect(later.getByRole("row", { name: new RegExp(`^${ref} `) })).toContainText(change);
  }
  if (shots) await page.screenshot({ path: `${shots}/import-later-preview.png`, fullPage: true });
  await page.getByRole("button", { name: "Confirm the import" }).click();
  await expect(
    page.getByRole("status").getByRole("link", { name: "Imported 5 clauses." }),
  ).toHaveAttribute("href", "/standards/open-home-device-principles/draft");
});
