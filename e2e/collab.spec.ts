import type { Locator, Page } from "@playwright/test";
import { requireParticipant } from "@/lib/community/authz";
import { loadViewer } from "@/lib/community/viewer";
import { createClause } from "@/lib/drafting/mutations";
import { createPerson, expect, openEditor, signInAs, test } from "./fixtures";
import { OwnServer } from "./own-server";
import { e2eCollabDataDir, e2eCollabPort } from "./settings";

// Its own server, since the test restarts it; the global setup migrated and seeded its data.
const server = new OwnServer(e2eCollabPort, e2eCollabDataDir);

test.beforeAll(async () => {
  // Starting a production server is set-up, with a budget of its own on a busy machine.
  test.setTimeout(180_000);
  await server.start();
});
test.afterAll(() => server.stop());

/** The editor's words, without other people's carets and name labels. */
const wordsIn = (body: Locator) =>
  body.evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll(".collaboration-carets__caret")) caret.remove();
    return copy.textContent ?? "";
  });

test("two people type in the same clause at once and both contributions survive reloads and a restart", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const db = server.db;
  if (!db) throw new Error("no database");
  const ann = await createPerson(db, { name: "Ann Drafter" });
  const bob = await createPerson(db, { name: "Bob Drafter" });
  const { ref } = await createClause(db, requireParticipant(await loadViewer(db, ann.id)), {
    standardSlug: "iotmark",
    title: "Spare parts for seven years",
    moduleCode: "HW",
    level: "Silver",
    strength: "SHOULD",
  });
  const path = `${server.baseURL}/standards/iotmark/draft/${ref}`;

  const pages = await Promise.all(
    [ann, bob].map(async (person) => {
      const page = await (await browser.newContext({ baseURL: server.baseURL })).newPage();
      await signInAs(page, db, person, server.baseURL);
      return page;
    }),
  );
  const [annPage, bobPage] = pages as [Page, Page];
  const [annBody, bobBody] = await Promise.all([
    openEditor(annPage, path),
    openEditor(bobPage, path),
  ]);
  await annBody.click();
  await bobBody.click();
  await Promise.all([
    annPage.keyboard.type("Alpha clause words from Ann.", { delay: 15 }),
    bobPage.keyboard.type("Bravo clause words from Bob.", { delay: 15 }),
  ]);
  for (const body of [annBody, bobBody]) {
    await expect(body).toContainText("Alpha clause words from Ann.");
    await expect(body).toContainText("Bravo clause words from Bob.");
  }
  await expect.poll(async () => (await wordsIn(annBody)) === (await wordsIn(bobBody))).toBe(true);
  // Each sees the other's caret with their name.
  await expect(annPage.getByText("Bob Drafter")).toBeVisible();
  await expect(annPage.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();
  await expect(bobPage.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();
  const typed = await wordsIn(annBody);
  expect(typed.length).toBe("Alpha clause words from Ann.Bravo clause words from Bob.".length);

  await annPage.reload();
  await expect
    .poll(() => wordsIn(annPage.getByRole("textbox", { name: "Requirement" })))
    .toBe(typed);

  await Promise.all(pages.map((page) => page.context().close()));
  await server.stop();
  const restarted = await server.start();
  const again = await (await browser.newContext({ baseURL: server.baseURL })).newPage();
  await signInAs(again, restarted, ann, server.baseURL);
  const body = await openEditor(again, path);
  await expect.poll(() => wordsIn(body)).toBe(typed);
  // Signed out, the same words are on the page without JavaScript.
  const reader = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await reader.goto(path);
  await expect(reader.getByText("Alpha clause words from Ann.")).toBeVisible();
});
