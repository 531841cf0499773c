import { createHmac, randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { outbox } from "@/lib/email/schema";
import { watches } from "@/lib/notifications/schema";
import { createPerson, expect, openEditor, signInAs, test } from "./fixtures";
import { e2eInboundSecret } from "./settings";

/** Signs a webhook body as Resend (Svix) does. */
function signed(body: string) {
  const id = `msg_${randomUUID()}`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const key = Buffer.from(e2eInboundSecret.replace(/^whsec_/, ""), "base64");
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return {
    "svix-id": id,
    "svix-timestamp": timestamp,
    "svix-signature": `v1,${signature}`,
    "content-type": "application/json",
  };
}

/** Selects words inside an editor, the way a person drags across them. */
async function selectWords(page: Page, field: string, words: string) {
  await page.evaluate(
    ([name, target]) => {
      const root = document.querySelector(`[data-field="${name}"]`);
      const walker = document.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(target) ?? -1;
        if (at >= 0) {
          (root as HTMLElement).focus();
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + target.length);
          const selection = window.getSelection();
          selection?.removeAllRanges();
          selection?.addRange(range);
          return;
        }
      }
      throw new Error(`"${target}" is not in the ${name} field`);
    },
    [field, words] as const,
  );
}

test("an objection quotes the clause, keeps its quote through edits, gets a reply by email, and the people watching hear of it", async ({
  browser,
  db,
}) => {
  test.setTimeout(180_000);
  const [ann, bob, cat] = [
    await createPerson(db, { name: "Ann Quoter" }),
    await createPerson(db, { name: "Bob Mailer" }),
    await createPerson(db, { name: "Cat Digest" }),
  ];
  const open = async (person: typeof ann) => {
    const page = await (await browser.newContext()).newPage();
    await signInAs(page, db, person);
    await openEditor(page, "/standards/iotmark/draft/SW-2");
    return page;
  };
  const [annPage, bobPage, catPage] = [await open(ann), await open(bob), await open(cat)];

  // Bob watches the clause and wants email at once; Cat wants a daily digest.
  await bobPage.getByRole("button", { name: "Watch this clause" }).click();
  await expect(bobPage.getByRole("button", { name: "Stop watching this clause" })).toBeVisible();
  await catPage.getByRole("button", { name: "Watch this clause" }).click();
  await catPage.goto("/inbox");
  await catPage.getByLabel("Send me email").selectOption("digest");
  await catPage.getByRole("button", { name: "Save" }).click();
  await expect(catPage.getByText("Saved.")).toBeVisible();

  // Ann quotes words from the requirement and objects.
  await selectWords(annPage, "body", "before purchase");
  await annPage
    .getByRole("button", { name: "Quote the selection in a new thread" })
    .first()
    .click();
  await expect(annPage.getByLabel("Quoted text (optional)")).toHaveValue("before purchase");
  await annPage.getByLabel("Kind").selectOption("objection");
  await annPage.getByLabel("Thread title").fill("Say where the date is shown");
  await annPage.getByLabel("Message").fill("Buyers never see the box before buying online.");
  await annPage.getByRole("button", { name: "Open thread" }).click();
  await expect(annPage.getByText("Thread opened.")).toBeVisible();

  /** How many "quoted text was removed" notices Ann sees after a reload. */
  const removedNotices = async () => {
    await annPage.reload();
    return annPage.getByText("The quoted text was removed from the clause.").count();
  };

  // Others edit around the quoted words; the quote stays attached to them.
  const body = bobPage.getByRole("textbox", { name: "Requirement" });
  await selectWords(bobPage, "body", "The vendor");
  await bobPage.keyboard.type("Every vendor");
  await expect(bobPage.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();
  await expect(body).toContainText("Every vendor MUST state, before purchase");
  await expect.poll(removedNotices, { timeout: 15_000 }).toBe(0);
  await expect(annPage.locator("blockquote").filter({ hasText: "before purchase" })).toBeVisible();

  // Bob got the notification by email, with a reply address and one-click unsubscribe.
  const mailToBob = async () => (await db.select().from(outbox).where(eq(outbox.to, bob.email)))[0];
  await expect
    .poll(async () => (await mailToBob())?.subject ?? "", { timeout: 20_000 })
    .toMatch(/^\[Hum\] SW-2 · Say where the date is shown$/);
  const mail = await mailToBob();
  const replyTo = mail?.headers["Reply-To"] ?? "";
  expect(replyTo).toMatch(/^reply\+[a-z0-9]+@reply\.hum\.test$/);

  // Bob answers from his mail program; the inbound webhook turns it into a comment.
  const payload = JSON.stringify({
    object: "email",
    id: randomUUID(),
    from: `Bob Mailer <${bob.email}>`,
    to: [replyTo],
    cc: [],
    subject: "Re: [SW-2] Say where the date is shown",
    text: "Fair point: the product page counts too.\n\n-- \nBob\n\nOn Tue, 24 Nov 2026 at 10:00, Hum <hum@localhost> wrote:\n> Buyers never see the box",
    html: null,
    headers: {},
  });
  const inbound = await annPage.request.post("/api/email/inbound", {
    data: payload,
    headers: signed(payload),
  });
  expect(inbound.status()).toBe(200);
  const forged = await annPage.request.post("/api/email/inbound", {
    data: payload,
    headers: { ...signed(payload), "svix-signature": "v1,AAAA" },
  });
  expect(forged.status()).toBe(401);
  await annPage.reload();
  await expect(annPage.getByText("Fair point: the product page counts too.")).toBeVisible();
  await expect(annPage.getByText("Buyers never see the box").first()).toBeVisible();
  await expect(annPage.getByText("-- Bob")).toHaveCount(0);

  // Resolving waits for the objection's author; then it resolves and reopens.
  await annPage.getByRole("button", { name: "Withdraw my objection" }).click();
  await expect(annPage.getByText("Withdrawn by its author").first()).toBeVisible();
  await annPage.getByText("Resolve…").first().click();
  await annPage.getByLabel("Why? (public)").first().fill("Answered by Bob");
  await annPage.getByRole("button", { name: "Resolve thread" }).first().click();
  await expect(annPage.getByText("Resolved by Ann Quoter: Answered by Bob")).toBeVisible();
  await annPage.getByText("Reopen…").first().click();
  await annPage.getByLabel("Why? (public)").first().fill("One more case");
  await annPage.getByRole("button", { name: "Reopen thread" }).first().click();
  await expect(annPage.getByText("Resolved by Ann Quoter")).toHaveCount(0);

  // Cat's digest lists the day's activity in one email.
  await expect
    .poll(
      async () =>
        (await db.select().from(outbox).where(eq(outbox.to, cat.email)))
          .map((m) => m.subject)
          .join("|"),
      { timeout: 20_000 },
    )
    .toMatch(/Your Hum digest/);

  // The unsubscribe link works without a session and ends only Bob's clause watch.
  const oneClick = mail?.headers["List-Unsubscribe"]?.slice(1, -1) ?? "";
  const anonymous = await (await browser.newContext()).request.post(oneClick, {
    form: { "List-Unsubscribe": "One-Click" },
  });
  expect(anonymous.status()).toBe(200);
  const left = await db.select().from(watches).where(eq(watches.userId, bob.id));
  expect(left.map((watch) => watch.target)).toEqual(["thread"]);
  expect(
    await db
      .select()
      .from(watches)
      .where(and(eq(watches.userId, cat.id), eq(watches.target, "clause"))),
  ).toHaveLength(1);

  // When the quoted words themselves are deleted, the thread says so and keeps the quote.
  await selectWords(bobPage, "body", "before purchase, ");
  await bobPage.keyboard.press("Delete");
  await expect(bobPage.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();
  await expect.poll(removedNotices, { timeout: 15_000 }).toBe(1);
  await expect(annPage.locator("blockquote").filter({ hasText: "before purchase" })).toBeVisible();
});
