import { desc, eq } from "drizzle-orm";
import { calls } from "@/lib/decisions/schema";
import { sections, standards } from "@/lib/drafting/schema";
import { demoPerson, expect, signInAs, test } from "./fixtures";

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
