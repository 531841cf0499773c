import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Locator, type Page } from "@playwright/test";
import { desc, eq } from "drizzle-orm";
import { sessions, users } from "@/lib/auth/schema";
import { type Participant, requireParticipant } from "@/lib/community/authz";
import { loadViewer } from "@/lib/community/viewer";
import type { Database } from "@/lib/db/client";
import { openCall } from "@/lib/decisions/calls";
import { demoEmail } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { standards } from "@/lib/drafting/schema";
import { outbox } from "@/lib/email/schema";
import { connectToE2eDatabase } from "./database";
import { PageProblems } from "./page-problems";

export { connectToE2eDatabase };

export type Person = { id: string; email: string; name: string };

let counter = 0;
function uniqueEmail(label: string): string {
  counter += 1;
  return `${label}-${Date.now()}-${counter}@example.org`;
}

export const test = base.extend<{ db: Database; pageProblems: PageProblems }>({
  // Playwright reads fixture dependencies from the first argument's pattern; this one needs none.
  db: async ({ browserName: _ }, use) => {
    const { db, close } = connectToE2eDatabase();
    await use(db);
    await close();
  },
  // Every test fails on a console error, an uncaught error (a hydration mismatch included), a
  // failed request, a server error or invalid nesting in any page it opened, unless it allows
  // that one.
  pageProblems: [
    async ({ browser, context, javaScriptEnabled }, use) => {
      const problems = new PageProblems();
      await problems.watch(context, javaScriptEnabled);
      const unwatch = problems.watchBrowser(browser);
      await use(problems);
      unwatch();
      await problems.settled();
      expect(problems.unexpected(), "problems reported by the pages").toEqual([]);
    },
    { auto: true },
  ],
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

/**
 * A secretariat member of the spec's own, for the standards a spec imports: imports are limited
 * per person and hour, and the demo's secretariat is shared by every spec.
 */
/** A person of the spec's own, as the mutations take them. */
export async function asParticipant(db: Database, person: Person): Promise<Participant> {
  return requireParticipant(await loadViewer(db, person.id));
}

export async function ownSecretary(db: Database, name: string): Promise<Participant> {
  const person = await createPerson(db, { name, isSecretariat: true });
  return requireParticipant(await loadViewer(db, person.id));
}

/** A person of the demo community (seeded once by the global setup), by key: "rosa". */
export async function demoPerson(db: Database, key: string): Promise<Person> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(users.email, demoEmail(key)));
  if (!row?.email) throw new Error(`no demo person ${key}`);
  return { id: row.id, email: row.email, name: row.name ?? key };
}

/**
 * A question on the demo standard, open for positions whatever else is: opened by Noor, or by
 * `opener` (calls are limited per person and hour, and the demo's people are shared by every spec).
 */
export async function openQuestion(
  db: Database,
  title: string,
  opener?: Participant,
): Promise<number> {
  const [standard] = await db
    .select({ id: standards.id })
    .from(standards)
    .where(eq(standards.slug, "iotmark"));
  const by = opener ?? (await demoViewers(db, demoEmail, new Date())("noor"));
  const { number } = await openCall(db, by, standard?.id ?? "", {
    kind: "question",
    clauseRef: "",
    revision: null,
    title,
    description: "",
    organisations: "",
  });
  return number;
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
  // Next.js streams a page's metadata: its title may land a moment after the body is shown.
  await expect(page).toHaveTitle(/\S/);
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

/**
 * Opens a clause's page and waits for its editor to say "All changes saved": its script has
 * loaded, the collab server took the connection and the first sync is done. On a busy two-core
 * machine that takes longer than one assertion's usual wait, so this wait has a ceiling of its
 * own (a test that opens editors sets a budget to match).
 */
export async function openEditor(page: Page, url: string): Promise<Locator> {
  await page.goto(url);
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible({
    timeout: 60_000,
  });
  return page.getByRole("textbox", { name: "Requirement" });
}
