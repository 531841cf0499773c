import type { Page } from "@playwright/test";
import { createPerson, demoPerson, expect, openEditor, signInAs, test } from "./fixtures";

/**
 * React tells whoever holds the DevTools hook about every commit, in production builds too.
 * Counting commits lets a test wait until hydration is over (and any mismatch has been
 * reported) instead of guessing how long it takes.
 */
function countCommits() {
  const hook = {
    supportsFiber: true,
    renderers: new Map(),
    inject(renderer: unknown) {
      hook.renderers.set(hook.renderers.size + 1, renderer);
      return hook.renderers.size;
    },
    onCommitFiberRoot() {
      const counted = window as unknown as { reactCommits?: number };
      counted.reactCommits = (counted.reactCommits ?? 0) + 1;
    },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    checkDCE() {},
  };
  Object.assign(window, { __REACT_DEVTOOLS_GLOBAL_HOOK__: hook });
}

/**
 * Opens a page and waits until React has hydrated it: the document and its scripts are loaded,
 * React has committed, and the page has gone idle (React's scheduler keeps posting tasks until
 * its work is done, an idle callback runs only after them). The fixture then checks the console.
 */
async function visitHydrated(page: Page, path: string): Promise<void> {
  const response = await page.goto(path, { waitUntil: "load" });
  expect(response?.status(), path).toBe(200);
  await page.waitForFunction(() => ((window as { reactCommits?: number }).reactCommits ?? 0) > 0);
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
  // A form inside a paragraph survives only when React rebuilt the page after a mismatch: the
  // browser's parser never nests them.
  expect(await page.locator("main p form").count(), path).toBe(0);
}

async function callPaths(page: Page): Promise<string[]> {
  await page.goto("/standards/iotmark/calls");
  const links = await page
    .locator('main a[href^="/standards/iotmark/calls/"]')
    .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""));
  const paths = [...new Set(links.filter((href) => /\/calls\/\d+$/.test(href)))];
  expect(paths.length).toBeGreaterThan(0);
  return paths;
}

test.beforeEach(async ({ context }) => {
  await context.addInitScript(countCommits);
});

test("the clause page and the call pages hydrate without a mismatch, signed out", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await visitHydrated(page, "/standards/iotmark/draft/SW-1");
  for (const path of await callPaths(page)) await visitHydrated(page, path);
});

test("the clause page and the call pages hydrate without a mismatch for a participant", async ({
  page,
  db,
}) => {
  test.setTimeout(180_000);
  await signInAs(page, db, await createPerson(db, { name: "Hugo Hydrate" }));
  // The editor, the watch form and the thread forms are what a signed-in person adds.
  await openEditor(page, "/standards/iotmark/draft/SW-1");
  await visitHydrated(page, "/standards/iotmark/draft/SW-1");
  for (const path of await callPaths(page)) await visitHydrated(page, path);
});

test("the call pages hydrate without a mismatch for an advisory group member who votes", async ({
  page,
  db,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, db, await demoPerson(db, "rosa"));
  for (const path of await callPaths(page)) await visitHydrated(page, path);
});
