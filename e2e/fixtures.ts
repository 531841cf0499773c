import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { desc, eq } from "drizzle-orm";
import { sessions, users } from "@/lib/auth/schema";
import { createDatabase, type Database } from "@/lib/db/client";
import { outbox } from "@/lib/email/schema";
import { e2eDataDir } from "./settings";

/** The running server's embedded database, found through the URL file the launcher writes. */
export function connectToE2eDatabase(): { db: Database; close: () => Promise<void> } {
  const url = fs.readFileSync(path.join(e2eDataDir, "database-url"), "utf8").trim();
  const { db, pool } = createDatabase(url, { max: 2 });
  return { db, close: () => pool.end() };
}

export type Person = { id: string; email: string; name: string };

let counter = 0;
function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${Date.now()}-${counter}@example.org`;
}

export const test = base.extend<{ db: Database }>({
  // Playwright reads fixture dependencies from the first argument's pattern; this one needs none.
  db: async ({ browserName: _ }, use) => {
    const { db, close } = connectToE2eDatabase();
    await use(db);
    await close();
  },
});
export { expect };

export async function createPerson(
  db: Database,
  options: { name: string; isSecretariat?: boolean },
): Promise<Person> {
  const email = uniqueEmail(options.name.split(" ")[0]?.toLowerCase() ?? "person");
  const [row] = await db
    .insert(users)
    .values({ name: options.name, email, isSecretariat: options.isSecretariat ?? false })
    .returning({ id: users.id });
  if (!row) throw new Error("could not create a person");
  return { id: row.id, email, name: options.name };
}

/** Signs a seeded person in by giving the browser a session, as a used magic link would. */
export async function signInAs(
  page: Page,
  db: Database,
  person: Person,
  baseURL = test.info().project.use.baseURL ?? "",
): Promise<void> {
  const token = randomBytes(32).toString("hex");
  await db.insert(sessions).values({
    sessionToken: token,
    userId: person.id,
    expires: new Date(Date.now() + 60 * 60 * 1000),
  });
  await page.context().addCookies([{ name: "authjs.session-token", value: token, url: baseURL }]);
}

export async function latestEmailTo(db: Database, address: string) {
  await expect
    .poll(async () => (await db.select().from(outbox).where(eq(outbox.to, address))).length)
    .toBeGreaterThan(0);
  const [message] = await db
    .select()
    .from(outbox)
    .where(eq(outbox.to, address))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  if (!message) throw new Error(`no email to ${address}`);
  return message;
}

export { uniqueEmail };

/** No axe violations, and nothing wider than a 360 px phone screen. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(
    results.violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(", ")}`,
    ),
  ).toEqual([]);
}

export async function expectFitsPhone(page: Page): Promise<void> {
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `${page.url()} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
}
