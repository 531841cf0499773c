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

test("the clause page and the call pages reach a reader without an account as documents, with nothing to hydrate", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // The front keeps them for everyone not signed in and drops the scripts: there is nothing
  // for React to do, so nothing that could mismatch.
  for (const path of ["/standards/iotmark/draft/SW-1", ...(await callPaths(page))]) {
    const response = await page.goto(path, { waitUntil: "load" });
    expect(response?.status(), path).toBe(200);
    expect(response?.headers()["content-security-policy"], path).toContain("script-src 'none'");
    expect(await page.locator("script").count(), path).toBe(0);
    expect(await page.locator("main p form").count(), path).toBe(0);
  }
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

// React's production build says nothing of invalid nesting: the fixtures read every page's HTML
// and watch every page as it changes (e2e/html-nesting.ts). These make sure they do.
test("the fixtures catch a form a server put inside a paragraph", async ({
  page,
  db,
  pageProblems,
}) => {
  // A personal page, which Next.js draws and hydrates (anonymous pages have no scripts).
  await signInAs(page, db, await createPerson(db, { name: "Nia Nesting" }));
  await page.route("**/profile", async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    await route.fulfill({
      response,
      body: html.replace("<form", "<p><form").replace("</form>", "</form></p>"),
    });
  });
  await visitHydrated(page, "/profile").catch(() => {});
  await pageProblems.settled();
  const reported = () => pageProblems.unexpected().join("\n");
  await expect.poll(reported).toMatch(/invalid nesting: <form> inside <p>/);
  // The browser moved the form out; React found another page than it rendered.
  await expect.poll(reported).toMatch(/Minified React error #418/);
  // The form's own blocks are inside the paragraph too.
  pageProblems.allow(/invalid nesting: <\w+> inside <p>|Minified React error #418/);
});

test("the fixtures catch a block that a script puts inside a paragraph", async ({
  page,
  pageProblems,
}) => {
  await page.goto("/groups");
  await page.evaluate(() =>
    document.querySelector("main p")?.append(document.createElement("div")),
  );
  await expect
    .poll(() => pageProblems.unexpected().join("\n"))
    .toMatch(/Invalid nesting: <div> inside <p>/);
  pageProblems.allow(/Invalid nesting: <div> inside <p>/);
});
