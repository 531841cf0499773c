import { createHash } from "node:crypto";
import type { Page } from "@playwright/test";
import { and, eq, isNull } from "drizzle-orm";
import type { Participant } from "@/lib/community/authz";
import type { Database } from "@/lib/db/client";
import { openCall } from "@/lib/decisions/calls";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { addDays } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { demoEmail } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { markdownToRichText } from "@/lib/drafting/markdown/text";
import { createClause, saveRevision } from "@/lib/drafting/mutations";
import { formatRef } from "@/lib/drafting/rules";
import { clauses, clauseTexts, standards } from "@/lib/drafting/schema";
import { expect, expectAccessible, expectFitsPhone, signInAs, test } from "./fixtures";

/** Demo people as lib/ sees them, found the way the demo seed finds them. */
function viewer(db: Database, key: string): Promise<Participant> {
  return demoViewers(db, demoEmail, new Date())(key);
}

/** The community agrees: three supporters, then the scheduler passes the deadline (time injected). */
async function agree(db: Database, callId: string): Promise<void> {
  for (const key of ["noor", "kofi", "lena"]) {
    await takePosition(db, await viewer(db, key), callId, { stance: "support", reason: "" });
  }
  const [call] = await db.select().from(calls).where(eq(calls.id, callId));
  await closeDue(db, addDays(call?.closesAt ?? new Date(), 0.01));
}

async function adopt(db: Database, refs: string[]): Promise<void> {
  const [standard] = await db.select().from(standards).where(eq(standards.slug, "iotmark"));
  for (const ref of refs) {
    const { id } = await openCall(db, await viewer(db, "noor"), standard?.id ?? "", {
      kind: "clause_revision",
      clauseRef: ref,
      revision: null,
      title: `Adopt ${ref}`,
      description: "",
      organisations: "",
    });
    await agree(db, id);
  }
}

/** The secretariat prepares a release in the browser; the call on it then reaches consensus. */
async function publish(page: Page, db: Database, version: string): Promise<void> {
  await page.context().clearCookies();
  const sam = await viewer(db, "sam");
  await signInAs(page, db, { id: sam.id, email: demoEmail("sam"), name: sam.name });
  await page.goto("/standards/iotmark/releases");
  await expect(page.getByLabel("Version")).toHaveValue(version);
  await page.getByLabel("Release notes").fill(`Release ${version} of the demo standard.`);
  await page.getByRole("button", { name: "Prepare the candidate and open its call" }).click();
  const done = page.getByRole("link", { name: /The candidate is ready and call \d+ is open/ });
  await expect(done).toBeVisible();
  const number = Number((await done.textContent())?.match(/call (\d+)/)?.[1]);
  const [call] = await db.select().from(calls).where(eq(calls.number, number));
  await agree(db, call?.id ?? "");
}

async function reword(db: Database, ref: string, body: string): Promise<void> {
  const [code, number] = ref.split("-");
  const [clause] = await db
    .select()
    .from(clauses)
    .where(and(eq(clauses.refCode, code ?? ""), eq(clauses.refNumber, Number(number))));
  const fields = { body: markdownToRichText(body) };
  await db
    .update(clauseTexts)
    .set({ body: fields.body, plainText: body.replace(/\*\*/g, ""), yjsState: null })
    .where(eq(clauseTexts.clauseId, clause?.id ?? ""));
  await saveRevision(db, await viewer(db, "noor"), clause?.id ?? "", "Reworded for 1.1.0");
}

test("releases are published through calls, read, filtered, compared, traced and exported", async ({
  page,
  db,
  request,
}) => {
  test.setTimeout(240_000);
  const live = await db
    .select({ refCode: clauses.refCode, refNumber: clauses.refNumber })
    .from(clauses)
    .where(and(isNull(clauses.retiredAt), isNull(clauses.adoptedRevisionId)));
  const refs = live.map((clause) => formatRef(clause.refCode, clause.refNumber));
  await adopt(db, refs.slice(0, 8));
  await publish(page, db, "1.0.0");

  // Two clauses reworded and one added, each adopted by its own call, then 1.1.0.
  const changed = refs.slice(0, 2);
  await reword(
    db,
    changed[0] ?? "",
    "The vendor **MUST** keep this promise in writing, for every buyer.",
  );
  await reword(db, changed[1] ?? "", "The vendor **SHOULD** say so on the box, in plain words.");
  const added = await createClause(db, await viewer(db, "noor"), {
    standardSlug: "iotmark",
    title: "Plain-language summary of the terms",
    moduleCode: "LEGAL",
    level: "Silver",
    strength: "SHOULD",
    fields: {
      body: markdownToRichText(
        "The vendor **SHOULD** give a one-page summary of the terms in plain language.",
      ),
      assessment: markdownToRichText("The summary, and where it is shown before purchase."),
      examples: markdownToRichText(""),
    },
  });
  await adopt(db, [...changed, added.ref]);
  await publish(page, db, "1.1.0");

  // The public reads both releases.
  await page.context().clearCookies();
  await page.goto("/standards/iotmark");
  await expect(page.getByRole("heading", { name: "IoTmark Principles 1.1.0" })).toBeVisible();
  await expect(page.getByRole("article").filter({ hasText: added.ref })).toBeVisible();
  const digest = (await page.locator("code").first().textContent())?.trim() ?? "";
  expect(digest).toMatch(/^[0-9a-f]{64}$/);
  await expectAccessible(page);

  // What does Silver require? A plain link.
  await page.getByRole("link", { name: "Required for Silver" }).click();
  await expect(page).toHaveURL(/\?level=Silver$/);
  await expect(page.getByText(/required for Silver/)).toBeVisible();

  // The older release says it is superseded and points to the latest.
  await page.goto("/standards/iotmark/v/1.0.0");
  await expect(
    page.getByText("This release has been superseded. The current release is 1.1.0."),
  ).toBeVisible();
  await expect(page.getByRole("article").filter({ hasText: added.ref })).toHaveCount(0);

  // Compare them.
  await page.goto("/standards/iotmark/v/1.1.0");
  await page.getByRole("link", { name: "since 1.0.0" }).click();
  await expect(
    page.getByRole("heading", { name: "IoTmark Principles: 1.0.0 → 1.1.0" }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "Added (1)" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Changed (2)" })).toBeVisible();
  await expect(page.locator("ins").first()).toBeVisible();
  await expectAccessible(page);

  // Follow a clause to the decisions that shaped it.
  await page.goto("/standards/iotmark/v/1.1.0");
  await page.getByRole("link", { name: changed[0], exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/v/1\\.1\\.0/${changed[0]}$`));
  // The heading reads as the clause: its permalink's title stays out of the heading's name.
  await expect(page.getByRole("heading", { level: 1 })).toHaveAccessibleName(
    new RegExp(`^${changed[0]} `),
  );
  await expectAccessible(page);
  await expectFitsPhone(page);
  await page.getByRole("link", { name: /Adopted as revision \d+ in call \d+/ }).click();
  await expect(
    page.getByRole("heading", { name: new RegExp(`Adopt ${changed[0]}`) }),
  ).toBeVisible();
  await expect(page.getByText("Adopted").first()).toBeVisible();

  // Exports: the JSON hashes to the digest shown; the Markdown carries every clause.
  const json = await request.get("/standards/iotmark/v/1.1.0.json");
  expect(json.headers()["cache-control"]).toContain("immutable");
  expect(
    createHash("sha256")
      .update(await json.body())
      .digest("hex"),
  ).toBe(digest);
  const markdown = await (await request.get("/standards/iotmark/v/1.1.0.md")).text();
  expect(markdown).toContain(`### ${added.ref} Plain-language summary of the terms`);

  // The feed lists both; bad addresses answer clearly.
  const feed = await (await request.get("/standards/iotmark/feed.xml")).text();
  expect(feed).toContain("IoTmark Principles 1.1.0");
  expect(feed).toContain("IoTmark Principles 1.0.0");
  expect((await request.get("/standards/iotmark/compare/1.0.0..1.1.0")).status()).toBe(400);
  const missing = await page.goto("/standards/iotmark/v/1.2.0");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("link", { name: "1.1.0" })).toBeVisible();
});
