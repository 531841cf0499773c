import { desc, eq } from "drizzle-orm";
import { calls } from "@/lib/decisions/schema";
import { sections, standards } from "@/lib/drafting/schema";
import {
  asParticipant,
  createPerson,
  demoPerson,
  expect,
  openQuestion,
  signInAs,
  test,
} from "./fixtures";

/*
 * The front keeps anonymous reads of the live pages and serves them to everyone who is not
 * signed in. Nothing of a signed-in person may ever be in them: not their name in the header,
 * not their inbox, not a form only they may use (a vote, a position).
 */

test("no kept page carries anything of a signed-in person, and signed-in pages stay theirs", async ({
  page,
  db,
  browser,
}) => {
  test.setTimeout(180_000); // some twenty pages, each read signed in and twice without
  const rosa = await demoPerson(db, "rosa");
  // The demo standard's two newest calls, in whatever state earlier specs left them.
  const numbers = (
    await db
      .select({ number: calls.number })
      .from(calls)
      .innerJoin(standards, eq(standards.id, calls.standardId))
      .where(eq(standards.slug, "iotmark"))
      .orderBy(desc(calls.number))
      .limit(2)
  ).map((call) => call.number);
  const [section] = await db
    .select({ slug: sections.slug })
    .from(sections)
    .innerJoin(standards, eq(standards.id, sections.standardId))
    .where(eq(standards.slug, "iotmark"))
    .limit(1);
  const kept = [
    "/",
    "/standards/iotmark",
    "/standards/iotmark/releases",
    "/standards/iotmark/draft",
    "/standards/iotmark/draft?level=Silver",
    "/standards/iotmark/draft/HW-1",
    "/standards/iotmark/draft/HW-1/history",
    ...(section ? [`/standards/iotmark/draft/sections/${section.slug}`] : []),
    "/standards/iotmark/frameworks",
    "/standards/iotmark/calls",
    ...numbers.map((number) => `/standards/iotmark/calls/${number}`),
    "/standards/iotmark/objections",
    "/groups",
    "/groups/advisory-group",
    "/transparency",
    "/registry",
    "/registry/challenges",
  ];
  expect(numbers.length).toBe(2);

  // Rosa, who chairs the advisory group, reads each page signed in.
  await signInAs(page, db, rosa);
  for (const url of kept) {
    await page.goto(url);
    await expect(page.getByRole("link", { name: rosa.name, exact: true })).toBeVisible();
  }

  // Readers without a session, one of them sending another cookie, get kept pages.
  const anonymous = await browser.newContext();
  try {
    for (const url of kept) {
      for (const headers of [{}, { Cookie: "hum-other=1" }] as Record<string, string>[]) {
        const response = await anonymous.request.get(url, { headers });
        expect(response.status(), url).toBe(200);
        // Served by the front from what it keeps: its policy allows no script at all.
        expect(response.headers()["content-security-policy"], url).toContain("script-src 'none'");
        const body = await response.text();
        expect(body, url).not.toContain('href="/profile"');
        expect(body, url).not.toContain('href="/inbox"');
        expect(body, url).not.toContain(rosa.email);
        expect(body, url).not.toContain("$ACTION_"); // no form that posts to a server action
        expect(body, url).toContain('href="/sign-in');
      }
    }
  } finally {
    await anonymous.close();
  }

  // Her own pages are still hers after they were kept for everyone else.
  for (const url of kept.slice(0, 4)) {
    await page.goto(url);
    await expect(page.getByRole("link", { name: rosa.name, exact: true })).toBeVisible();
  }
});

test("a member's call and clause pages are kept for their audience, each reader's own parts alone theirs", async ({
  page,
  db,
  browser,
}) => {
  test.setTimeout(180_000);
  // Two newcomers without roles, language or time zone of their own: one audience.
  const ada = await createPerson(db, { name: "Ada Keptpage" });
  const ben = await createPerson(db, { name: "Ben Keptpage" });
  // A question of its own, open for positions whatever earlier specs left open.
  // Ada opens it herself: proposing is one of her own parts too.
  const number = await openQuestion(
    db,
    `Should kept pages name their audience? ${Date.now()}`,
    await asParticipant(db, ada),
  );
  const callUrl = `/standards/iotmark/calls/${number}`;
  const clauseUrl = "/standards/iotmark/draft/HW-2";

  // Ada takes a position, watches a clause and opens a thread on it.
  await signInAs(page, db, ada);
  await page.goto(callUrl);
  await expect(page.getByRole("link", { name: ada.name, exact: true })).toBeVisible();
  await page.getByRole("radio", { name: "Support", exact: true }).check();
  await page.getByRole("button", { name: "Save my position" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Your position is saved." }),
  ).toBeVisible();
  await page.goto(clauseUrl);
  await page.getByRole("button", { name: "Watch this clause" }).click();
  await expect(page.getByRole("button", { name: "Stop watching this clause" })).toBeVisible();
  await page.getByLabel("Thread title").fill("Kept pages ask who wrote this");
  await page.getByLabel("Message").fill("Only Ada may edit these words.");
  await page.getByRole("button", { name: "Open thread" }).click();
  const thread = page.getByRole("listitem").filter({ hasText: "Kept pages ask who wrote this" });
  await expect(thread.getByText("Only Ada may edit these words.")).toBeVisible();

  // Loaded afresh, each page is the audience's, and her own parts come with it.
  await page.goto(callUrl);
  await expect(page.getByRole("radio", { name: "Support", exact: true })).toBeChecked();
  await expect(page.getByText("Withdraw this call", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: ada.name, exact: true })).toBeVisible();
  await page.goto(clauseUrl);
  await expect(page.getByRole("button", { name: "Stop watching this clause" })).toBeVisible();
  await expect(thread.getByText("Edit", { exact: true })).toBeVisible();

  const other = await browser.newContext();
  const benPage = await other.newPage();
  try {
    await signInAs(benPage, db, ben);
    await benPage.goto(clauseUrl);
    await expect(benPage.getByRole("link", { name: ben.name, exact: true })).toBeVisible();
    await expect(benPage.getByRole("button", { name: "Watch this clause" })).toBeVisible();
    const benThread = benPage
      .getByRole("listitem")
      .filter({ hasText: "Kept pages ask who wrote this" });
    await expect(benThread.getByText("Only Ada may edit these words.")).toBeVisible();
    await expect(benThread.getByText("Edit", { exact: true })).toHaveCount(0);
    await benPage.goto(callUrl);
    await expect(benPage.getByRole("radio", { name: "Support", exact: true })).not.toBeChecked();
    await expect(benPage.getByText("Withdraw this call", { exact: true })).toHaveCount(0);

    // Both read the same page: apart from its nonce and their own parts, byte for byte.
    for (const url of [callUrl, clauseUrl]) {
      const [hers, his] = await Promise.all(
        [page, benPage].map(async (reader) => {
          const response = await reader.request.get(url);
          expect(response.status(), url).toBe(200);
          expect(response.headers()["cache-control"], url).toContain("no-store");
          const nonce = response
            .headers()
            ["content-security-policy"]?.match(/'nonce-([^']+)'/)?.[1];
          expect(nonce, url).toBeTruthy();
          const html = (await response.text()).replaceAll(nonce ?? "", "");
          const own = html.match(
            /<script type="application\/json" id="hum-personal">([\s\S]*?)<\/script>/,
          );
          expect(own, url).not.toBeNull();
          return { page: html.replace(own?.[0] ?? "", ""), own: JSON.parse(own?.[1] ?? "{}") };
        }),
      );
      expect(hers?.page, url).toBe(his?.page);
      expect(hers?.own.name).toBe(ada.name);
      expect(his?.own.name).toBe(ben.name);
      if (url === callUrl) {
        expect(hers?.own.call.position.stance).toBe("support");
        expect(his?.own.call.position).toBeNull();
      } else {
        expect(Object.values(hers?.own.threads.sources ?? {})).toContain(
          "Only Ada may edit these words.",
        );
        expect(his?.own.threads.sources).toEqual({});
      }
    }
  } finally {
    await other.close();
  }

  // Without scripts, a member is sent to the page drawn for them alone.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  try {
    const plainPage = await plain.newPage();
    await signInAs(plainPage, db, ada);
    await plainPage.goto(callUrl);
    await expect(plainPage).toHaveURL(/[?&]personal=1$/);
    await expect(plainPage.getByRole("link", { name: ada.name, exact: true })).toBeVisible();
    await expect(plainPage.getByRole("radio", { name: "Support", exact: true })).toBeChecked();
  } finally {
    await plain.close();
  }
});
