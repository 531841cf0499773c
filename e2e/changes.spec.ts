import fs from "node:fs";
import type { Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import type { Participant } from "@/lib/community/authz";
import type { Database } from "@/lib/db/client";
import { openCall } from "@/lib/decisions/calls";
import { closeDue } from "@/lib/decisions/close-due";
import { takePosition } from "@/lib/decisions/positions";
import { prepareRelease } from "@/lib/decisions/release-calls";
import { addDays } from "@/lib/decisions/rules";
import { demoEmail, seedDemo } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { markdownToRichText as md } from "@/lib/drafting/markdown/text";
import { createClause, saveRevision } from "@/lib/drafting/mutations";
import { parseRef } from "@/lib/drafting/rules";
import { clauses, clauseTexts, standards } from "@/lib/drafting/schema";
import { requireReleaseManager } from "@/lib/releases/authz";
import { expect, expectAccessible, expectFitsPhone, test } from "./fixtures";
import { OwnServer } from "./own-server";
import { e2ePort } from "./settings";

/** A section of a page, by the words of its heading. */
const section = (page: Page, title: string | RegExp) =>
  page.locator("section").filter({ has: page.getByRole("heading", { name: title, level: 2 }) });

const viewer = (db: Database, key: string): Promise<Participant> =>
  demoViewers(db, demoEmail, new Date())(key);

async function standardId(db: Database): Promise<string> {
  const [standard] = await db.select().from(standards).where(eq(standards.slug, "iotmark"));
  return standard?.id ?? "";
}

/**
 * Opens a call on a clause's working text and lets it reach consensus, weeks in the past so that
 * closing it moves no other call.
 */
async function adopt(db: Database, ref: string, daysAgo: number): Promise<void> {
  const then = addDays(new Date(), -daysAgo);
  const { id } = await openCall(
    db,
    await viewer(db, "noor"),
    await standardId(db),
    {
      kind: "clause_revision",
      clauseRef: ref,
      revision: null,
      title: `Adopt ${ref}`,
      description: "",
      organisations: "",
    },
    then,
  );
  for (const key of ["noor", "kofi", "lena"]) {
    await takePosition(db, await viewer(db, key), id, { stance: "support", reason: "" }, then);
  }
  await closeDue(db, addDays(then, 15));
}

/** Rewrites the working text of a clause's fields and saves a revision of it. */
async function rewrite(db: Database, ref: string, fields: { body?: string; assessment?: string }) {
  const parsed = parseRef(ref);
  const [clause] = await db
    .select()
    .from(clauses)
    .where(
      and(eq(clauses.refCode, parsed?.code ?? ""), eq(clauses.refNumber, parsed?.number ?? 0)),
    );
  await db
    .update(clauseTexts)
    .set({
      ...(fields.body ? { body: md(fields.body) } : {}),
      ...(fields.assessment ? { assessment: md(fields.assessment) } : {}),
      yjsState: null,
    })
    .where(eq(clauseTexts.clauseId, clause?.id ?? ""));
  await saveRevision(db, await viewer(db, "noor"), clause?.id ?? "", "Reworded");
}

test("a clause call shows, field by field, what it changes in the adopted text", async ({
  page,
  db,
}) => {
  const { ref } = await createClause(db, await viewer(db, "noor"), {
    standardSlug: "iotmark",
    title: "Signed firmware updates",
    moduleCode: "SW",
    level: "Bronze",
    strength: "MUST",
    fields: {
      body: md("The device **SHOULD** install only firmware signed by the manufacturer."),
      assessment: md("A test report showing an unsigned image being refused."),
      examples: md("- The Plugmate checks an Ed25519 signature before it flashes an image."),
    },
  });
  await adopt(db, ref, 40);
  await rewrite(db, ref, {
    body: "The device **MUST** install only firmware signed by the manufacturer.",
    assessment: "The key management policy, and who holds the signing keys offline.",
  });
  const { number } = await openCall(db, await viewer(db, "kofi"), await standardId(db), {
    kind: "clause_revision",
    clauseRef: ref,
    revision: null,
    title: `Make ${ref} a MUST`,
    description: "",
    organisations: "",
  });

  await page.goto(`/standards/iotmark/calls/${number}`);
  const subject = section(page, "Subject");
  await expect(
    subject.getByText(/What it changes in the adopted text, revision \d+/),
  ).toBeVisible();
  // A small edit: the changed word struck and inserted, the rest kept.
  await expect(subject.getByRole("heading", { name: "Requirement", level: 4 })).toBeVisible();
  await expect(subject.locator("del", { hasText: "SHOULD" })).toBeVisible();
  await expect(subject.locator("ins", { hasText: "MUST" })).toBeVisible();
  // A rewrite: the old criteria beside the new, each whole.
  await expect(
    subject.getByRole("heading", { name: "Assessment criteria", level: 4 }),
  ).toBeVisible();
  await expect(
    subject.getByText(/^Rewritten: fewer than half of its words were kept/),
  ).toBeVisible();
  await expect(subject.getByText(/^Adopted \(revision \d+\)$/)).toBeVisible();
  await expect(subject.getByText(/^Proposed \(revision \d+\)$/)).toBeVisible();
  await expect(
    subject.locator("ins", {
      hasText: "The key management policy, and who holds the signing keys offline.",
    }),
  ).toHaveCount(1);
  // Unchanged fields are said to be unchanged, not shown as changed.
  await expect(subject.getByText("Unchanged: Title, Strength, Level, and Examples.")).toBeVisible();
  await expect(subject.getByRole("heading", { name: "Examples" })).toHaveCount(0);
  await expectAccessible(page);

  // The reader may ask for every change inline, with a plain link.
  await subject.getByRole("link", { name: "Inline" }).click();
  await expect(page).toHaveURL(new RegExp(`/calls/${number}\\?view=inline$`));
  await expect(subject.getByText(/^Rewritten:/)).toHaveCount(0);
  await expect(subject.getByText(/^Adopted \(revision \d+\)$/)).toHaveCount(0);
  await expect(
    page.getByRole("navigation", { name: "Show changes" }).getByText("Inline"),
  ).toHaveAttribute("aria-current", "page");

  // A clause never adopted: all of its text is new.
  const fresh = await createClause(db, await viewer(db, "noor"), {
    standardSlug: "iotmark",
    title: "Secure boot",
    moduleCode: "HW",
    level: "Silver",
    strength: "SHOULD",
    fields: {
      body: md("The device **SHOULD** verify its boot chain."),
      assessment: md(""),
      examples: md(""),
    },
  });
  const second = await openCall(db, await viewer(db, "kofi"), await standardId(db), {
    kind: "clause_revision",
    clauseRef: fresh.ref,
    revision: null,
    title: `Adopt ${fresh.ref}`,
    description: "",
    organisations: "",
  });
  await page.goto(`/standards/iotmark/calls/${second.number}`);
  await expect(
    page.getByText(`${fresh.ref} has never been adopted: all of its text would be new.`),
  ).toBeVisible();
  await expect(
    page.locator("ins", { hasText: "The device SHOULD verify its boot chain." }),
  ).toBeVisible();
  // New text is added text, not a rewrite of nothing.
  await expect(page.getByText(/^Rewritten:/)).toHaveCount(0);
  await expect(page.getByText("Left empty: Assessment criteria and Examples.")).toBeVisible();
  await expectAccessible(page);
});

test.describe("the demo's releases", () => {
  // A server of its own, seeded with the demo's two releases, which the suite's server has not.
  const server = new OwnServer(e2ePort + 20, ".data/e2e-changes");

  test.beforeAll(async () => {
    // Starting and seeding a production server is set-up, with a budget of its own.
    test.setTimeout(300_000);
    fs.rmSync(server.dataDir, { recursive: true, force: true });
    await seedDemo(await server.start(), new Date(), { releases: true });
  });
  test.afterAll(() => server.stop());

  test("DATA-1's rewording from 1.0.0 to 1.1.0 reads side by side, inline on request", async ({
    page,
  }) => {
    await page.goto(`${server.baseURL}/standards/iotmark/compare/1.0.0...1.1.0`);
    const data1 = page.locator("article#DATA-1");
    await expect(data1.getByRole("heading", { name: "Requirement", level: 4 })).toBeVisible();
    await expect(
      data1.getByText(/^Rewritten: fewer than half of its words were kept/),
    ).toBeVisible();
    await expect(data1.getByText("1.0.0", { exact: true })).toBeVisible();
    await expect(data1.getByText("1.1.0", { exact: true })).toBeVisible();
    // Each version whole, not its words interleaved with the other's.
    const added = data1.locator("ins");
    await expect(added).toHaveCount(1);
    await expect(added).toContainText(
      "The product MUST collect only the personal data its functions need, and the manufacturer MUST name, for each item collected, the function that needs it.",
    );
    await expect(
      data1.locator("del", { hasText: "In particular, the product does not collect:" }),
    ).toBeVisible();
    await expect(
      data1.getByText("Unchanged: Title, Strength, Level, Assessment criteria, and Examples."),
    ).toBeVisible();
    await expectAccessible(page);
    await expectFitsPhone(page);

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole("link", { name: "Inline" }).click();
    await expect(page).toHaveURL(/\/compare\/1\.0\.0\.\.\.1\.1\.0\?view=inline$/);
    await expect(data1.getByText(/^Rewritten:/)).toHaveCount(0);
    expect(await data1.locator("ins").count()).toBeGreaterThan(1);
    await page.getByRole("link", { name: "Side by side" }).click();
    await expect(page).toHaveURL(/\?view=side$/);
    await expect(
      data1.locator("del", { hasText: "In particular, the product does not collect:" }),
    ).toBeVisible();
    await expectAccessible(page);
  });

  test("a release call lists the clauses it changes, each linked to its changes", async ({
    page,
  }) => {
    const db = server.db;
    if (!db) throw new Error("no database");
    // Published: each clause links to the comparison of the two releases, at that clause.
    await page.goto(`${server.baseURL}/standards/iotmark/calls`);
    await page.getByRole("link", { name: /Publish IoTmark Principles 1\.1\.0/ }).click();
    const changes = section(page, "Subject");
    await expect(changes.getByRole("heading", { name: "What changes since 1.0.0" })).toBeVisible();
    await expect(changes.getByRole("listitem").filter({ hasText: /^Added/ })).toContainText(
      "Owners told of data breaches",
    );
    await expect(changes.getByRole("listitem").filter({ hasText: /^Changed/ })).toHaveCount(2);
    await expectAccessible(page);
    await changes.getByRole("link", { name: "DATA-1 Collect only what is needed" }).click();
    await expect(page).toHaveURL(/\/compare\/1\.0\.0\.\.\.1\.1\.0#DATA-1$/);
    await expect(page.locator("article#DATA-1").getByText(/^Rewritten:/)).toBeVisible();

    // Open: a changed clause links to its history, comparing the two revisions.
    await rewrite(db, "SW-3", {
      body: "Default passwords **MUST NOT** be shared between devices, and each **MUST** be changed at first use.",
    });
    await adopt(db, "SW-3", 16);
    const { callNumber } = await prepareRelease(
      db,
      await requireReleaseManager(db, await viewer(db, "sam")),
      await standardId(db),
      { version: "1.2.0", notes: "Stronger wording for SW-3." },
    );
    await page.goto(`${server.baseURL}/standards/iotmark/calls/${callNumber}`);
    await expect(changes.getByRole("heading", { name: "What changes since 1.1.0" })).toBeVisible();
    const sw3 = changes.getByRole("listitem").filter({ hasText: /^Changed/ });
    await expect(sw3).toHaveCount(1);
    await sw3.getByRole("link", { name: /^SW-3 / }).click();
    await expect(page).toHaveURL(/\/draft\/SW-3\/history\?from=\d+&to=\d+#changes$/);
    const compared = section(page, /Changes from revision \d+ to revision \d+/);
    await expect(compared.getByRole("heading", { name: "Requirement" })).toBeVisible();
    await expect(compared.locator("ins").first()).toBeVisible();
    await expectAccessible(page);
  });
});
