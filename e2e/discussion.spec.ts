import { eq } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import { requireParticipant } from "@/lib/community/authz";
import { loadViewer } from "@/lib/community/viewer";
import { openThread, reply } from "@/lib/discussion/mutations";
import { threads } from "@/lib/discussion/schema";
import { createClause } from "@/lib/drafting/mutations";
import { xssPayloads } from "@/tests/xss-payloads";
import { createPerson, expect, signInAs, test } from "./fixtures";

const payloads = xssPayloads;

test("no stored script runs: comments, thread titles and names are inert in a real browser", async ({
  browser,
  db,
}) => {
  const author = await createPerson(db, { name: "Xavier Tester" });
  // Names are validated on input; this one goes straight into the database to prove the page
  // escapes whatever is stored.
  await db
    .update(users)
    .set({ name: "<img src=x onerror=alert('name')>" })
    .where(eq(users.id, author.id));
  const viewer = requireParticipant(await loadViewer(db, author.id));
  const { clauseId, ref } = await createClause(db, viewer, {
    standardSlug: "iotmark",
    title: "XSS target",
    moduleCode: "DATA",
    level: "",
    strength: "MAY",
  });
  const { threadId } = await openThread(db, viewer, clauseId, {
    kind: "comment",
    title: "Payloads",
    quote: "<script>alert('quote')</script>",
    body: payloads[0] ?? "",
  });
  // Titles are refused with markup on input; store one anyway to prove the page escapes it.
  await db
    .update(threads)
    .set({ title: "Payloads <script>alert('title')</script>" })
    .where(eq(threads.id, threadId));
  for (const [index, payload] of payloads.slice(1).entries()) {
    await reply(
      db,
      viewer,
      { threadId, parentId: null, body: payload },
      new Date(Date.now() + index * 61_000),
    );
  }

  for (const signedIn of [false, true]) {
    const page = await (await browser.newContext()).newPage();
    const dialogs: string[] = [];
    page.on("dialog", async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    if (signedIn) await signInAs(page, db, author);
    await page.goto(`/standards/iotmark/draft/${ref}`);
    await expect(
      page.getByRole("heading", { name: "Payloads <script>alert('title')</script>" }),
    ).toBeVisible();
    // Every image has loaded or failed by the load event, so an onerror handler had its turn.
    await page.waitForLoadState("load");
    await page.mouse.move(200, 400);
    for (const summary of await page.locator("details summary").all())
      await summary.click().catch(() => {});
    // A toggle handler runs in a task queued when its details opened; a task queued after the
    // clicks runs after it (and an alert it raised must be dismissed first).
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(dialogs).toEqual([]);
    const comments = page.locator(".comment-body");
    expect(
      await comments
        .locator("script, img, svg, iframe, [onerror], [onload], [ontoggle], [onmouseover]")
        .count(),
    ).toBe(0);
    for (const href of await comments
      .locator("a")
      .evaluateAll((links) => links.map((link) => link.getAttribute("href")))) {
      expect(href ?? "").not.toMatch(/^\s*(javascript|data):/i);
    }
    await expect(page.getByText("<img src=x onerror=alert('name')>").first()).toBeVisible();
  }
});

test("an objection opened on a clause shows in the register until its author withdraws it", async ({
  page,
  db,
}) => {
  await signInAs(page, db, await createPerson(db, { name: "Yara Objector" }));
  await page.goto("/standards/iotmark/draft/LEGAL-1");
  await page.getByLabel("Kind").selectOption("objection");
  await page.getByLabel("Thread title").fill("Arbitration wording too loose");
  await page.getByLabel("Message").fill("The clause should name *binding* arbitration explicitly.");
  await page.getByRole("button", { name: "Open thread" }).click();
  await expect(page.getByText("Thread opened.")).toBeVisible();
  await page.goto("/standards/iotmark/objections?state=raised");
  await expect(
    page.getByRole("link", { name: /LEGAL-1 Arbitration wording too loose/ }),
  ).toBeVisible();
  await page.goto("/standards/iotmark/draft/LEGAL-1");
  await page.getByRole("button", { name: "Withdraw my objection" }).click();
  await expect(page.getByText("Withdrawn by its author").first()).toBeVisible();
  await page.goto("/standards/iotmark/objections?state=withdrawn");
  await expect(
    page.getByRole("link", { name: /LEGAL-1 Arbitration wording too loose/ }),
  ).toBeVisible();
});
