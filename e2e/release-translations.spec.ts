import { createHash } from "node:crypto";
import type { Browser } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { type Participant, requireSecretariat } from "@/lib/community/authz";
import type { Database } from "@/lib/db/client";
import { closeDue } from "@/lib/decisions/close-due";
import { adoptingCall } from "@/lib/decisions/founding";
import { takePosition } from "@/lib/decisions/positions";
import { prepareRelease } from "@/lib/decisions/release-calls";
import { addDays } from "@/lib/decisions/rules";
import { calls } from "@/lib/decisions/schema";
import { demoEmail } from "@/lib/demo/seed";
import { demoViewers } from "@/lib/demo/viewers";
import { importNew } from "@/lib/drafting/import-apply";
import { markdownToRichText } from "@/lib/drafting/markdown/text";
import type { StandardDocument } from "@/lib/drafting/markdown/types";
import {
  callsPath,
  releasePath,
  translationClausePath,
  translationEditPath,
  translationExportPath,
  translationPath,
} from "@/lib/paths";
import { requireReleaseManager } from "@/lib/releases/authz";
import { getRelease } from "@/lib/releases/queries";
import { languageEndonyms } from "@/lib/translations/content";
import en from "@/messages/en.json" with { type: "json" };
import { createPerson, expect, expectAccessible, ownSecretary, signInAs, test } from "./fixtures";

/*
 * A release translated by the community, end to end: a participant starts a French translation
 * from the release page, translates every clause beside its original and opens the call; the
 * call adopts it; then the public finds "Read in: Français" on the release page, reads the
 * translation, which says the original is authoritative and links to it, goes to the original
 * and back, and checks the translation's JSON export against the digest the page shows.
 *
 * The demo standard stays without releases (later specs expect none), so this spec imports a
 * small standard of its own and publishes its release 1.0.0 through calls, in code.
 */

const t = en.translations;
/** A catalogue message with its {arguments} filled in (plain ones only). */
function words(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
}
/** The words inside a rich message's <link>…</link>, and the message without its tags. */
function linked(message: string): { link: string; text: string } {
  return {
    link: message.match(/<link>(.*?)<\/link>/)?.[1] ?? "",
    text: message.replace(/<\/?link>/g, ""),
  };
}

/** Demo people as lib/ sees them. */
function viewer(db: Database, key: string): Promise<Participant> {
  return demoViewers(db, demoEmail, new Date())(key);
}

/** Three participants support the call; then the deadline passes (time injected): adopted. */
async function agree(db: Database, standardId: string, callNumber: number, at: Date) {
  const [call] = await db
    .select()
    .from(calls)
    .where(and(eq(calls.standardId, standardId), eq(calls.number, callNumber)));
  if (!call) throw new Error(`call ${callNumber} is missing`);
  for (const key of ["noor", "kofi", "lena"]) {
    await takePosition(db, await viewer(db, key), call.id, { stance: "support", reason: "" }, at);
  }
  const closed = addDays(call.closesAt, 0.01);
  await closeDue(db, closed);
  const [after] = await db.select().from(calls).where(eq(calls.id, call.id));
  expect(after?.phase, `call ${callNumber}`).toBe("adopted");
  return closed;
}

const originals = [
  {
    ref: "SW-1",
    title: "No universal default password",
    body: "The device **MUST NOT** ship with a password shared by every unit.",
    assessment: "The set-up guide, and two units showing different passwords.",
    examples: "- A password printed on each unit's label.",
  },
  {
    ref: "SW-2",
    title: "Security updates for five years",
    body: "The vendor **MUST** publish security updates for five years after the last sale.",
    assessment: "The published support period.",
    // An original without examples: its translation needs none either.
    examples: "",
  },
  {
    ref: "SW-3",
    title: "A contact for vulnerability reports",
    body: "The vendor **SHOULD** name a contact for vulnerability reports.",
    assessment: "The contact, on the vendor's site.",
    examples: "- security@example.org",
  },
];

const xss = "<img src=x onerror=alert(1)>";
const french: Record<
  string,
  { title: string; body: string; assessment: string; examples: string }
> = {
  "SW-1": {
    title: "Aucun mot de passe universel par défaut",
    body: `L’appareil **NE DOIT PAS** être livré avec un mot de passe commun, tel que \`${xss}\`.`,
    assessment: "Le guide d’installation, et deux appareils aux mots de passe différents.",
    examples: "- Un mot de passe imprimé sur l’étiquette de chaque appareil.",
  },
  "SW-2": {
    title: "Mises à jour de sécurité pendant cinq ans",
    body: "Le fabricant **DOIT** publier des mises à jour de sécurité pendant cinq ans.",
    assessment: "La durée de support publiée.",
    examples: "",
  },
  "SW-3": {
    title: "Un contact pour signaler les vulnérabilités",
    body: "Le fabricant **DEVRAIT** désigner un contact pour les signalements.",
    assessment: "Le contact, sur le site du fabricant.",
    examples: "- security@example.org",
  },
};

/** A standard of this spec's own with its release 1.0.0 published, as calls publish one. */
async function publishedStandard(db: Database) {
  const token = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
  const slug = `translated-${token}`;
  const name = `Translated mark ${token}`;
  const owner = await ownSecretary(db, `Tomas ${token}`);
  const secretary = await requireSecretariat(db, owner, "drafting.import_standard");
  const document: StandardDocument = {
    slug,
    name,
    summary: "A small standard, translated into French.",
    modules: [{ code: "SW", name: "Software", summary: "" }],
    levels: [{ name: "Bronze", summary: "" }],
    clauses: originals.map((clause, index) => ({
      ref: clause.ref,
      moduleCode: "SW",
      title: clause.title,
      level: "Bronze",
      strength: index === 2 ? "SHOULD" : "MUST",
      retired: false,
      body: markdownToRichText(clause.body),
      assessment: markdownToRichText(clause.assessment),
      examples: markdownToRichText(clause.examples),
    })),
  };
  const now = new Date();
  const founding = await db.transaction(async (tx) => {
    const imported = await importNew(tx, secretary, document, true, now);
    const number = await adoptingCall(() => ({ title: `Adopt ${name}`, description: "" }), now)(
      tx,
      imported,
    );
    return { standardId: imported.standardId, number };
  });
  if (founding.number === null) throw new Error("no founding call");
  const adopted = await agree(db, founding.standardId, founding.number, now);
  const manager = await requireReleaseManager(db, owner, adopted);
  const { callNumber } = await prepareRelease(
    db,
    manager,
    founding.standardId,
    { version: "1.0.0", notes: "The first release." },
    adopted,
  );
  await agree(db, founding.standardId, callNumber, adopted);
  const release = await getRelease(db, slug, "1.0.0");
  if (!release) throw new Error("1.0.0 was not published");
  return { slug, name, standardId: founding.standardId };
}

/** A reader with no session and nothing cached, as someone arriving from a search. */
async function anonymousPage(browser: Browser) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  return { context, page: await context.newPage() };
}

test("a translation is started, completed and adopted; the public reads it, the original and back", async ({
  page,
  db,
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const { slug, name, standardId } = await publishedStandard(db);
  const version = "1.0.0";
  const release = releasePath(slug, version);
  const total = originals.length;

  // Before any translation, the public's release page offers no other language.
  const before = await anonymousPage(browser);
  await before.page.goto(release);
  await expect(
    before.page.getByRole("heading", {
      level: 1,
      name: words(en.releases.releaseTitle, { name, version }),
    }),
  ).toBeVisible();
  await expect(before.page.getByRole("navigation", { name: t.readIn })).toHaveCount(0);
  await expect(before.page.getByText(t.start.title)).toHaveCount(0);
  await before.context.close();

  // A participant starts the French translation from the release page.
  const translator = await createPerson(db, { name: "Fatou Traductrice" });
  await signInAs(page, db, translator);
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto(release);
  await page.getByText(t.start.title).click();
  await page
    .getByRole("combobox", { name: t.start.language })
    .selectOption({ label: `${languageEndonyms.fr} (${t.languageNames.fr})` });
  await page.getByRole("button", { name: t.start.submit }).click();
  await expect(page).toHaveURL(new RegExp(`${translationEditPath(slug, version, "fr")}$`));
  await expect(
    page.getByRole("heading", {
      level: 1,
      name: words(t.edit.title, { name, version, language: t.languageNames.fr }),
    }),
  ).toBeVisible();
  await expect(page.getByText(words(t.edit.progress, { translated: 0, total }))).toBeVisible();
  await expect(page.getByText(linked(t.unadopted).text)).toBeVisible();
  await expect(page.getByRole("button", { name: t.edit.callSubmit })).toHaveCount(0);

  // Clause by clause, beside the original; the progress counts up to complete.
  for (const [index, original] of originals.entries()) {
    const text = french[original.ref];
    if (!text) throw new Error(original.ref);
    const clause = page.locator(`section#${original.ref}`);
    await expect(clause.getByText(original.title, { exact: true })).toBeVisible();
    await expect(clause.getByText(t.edit.untranslated, { exact: true })).toBeVisible();
    const body = clause.getByLabel(en.drafting.editor.fields.body);
    const save = clause.getByRole("button", { name: words(t.edit.save, { ref: original.ref }) });
    await clause.getByLabel(t.edit.titleField).fill(text.title);
    await clause.getByLabel(en.drafting.editor.fields.assessment).fill(text.assessment);
    await clause.getByLabel(en.drafting.editor.fields.examples).fill(text.examples);
    if (original.ref === "SW-1") {
      // Raw HTML is refused, as the original's editor refuses it, and nothing is stored.
      await body.fill(`${text.body} ${xss}`);
      await save.click();
      await expect(clause.getByText(en.fieldErrors.invalid)).toBeVisible();
      await expect(body).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByText(words(t.edit.progress, { translated: 0, total }))).toBeVisible();
    }
    await body.fill(text.body);
    await save.click();
    await expect(page.getByText(words(t.edit.saved, { ref: original.ref }))).toBeVisible();
    await expect(
      page.getByText(words(t.edit.progress, { translated: index + 1, total })),
    ).toBeVisible();
    await expect(clause.getByText(t.edit.done, { exact: true })).toBeVisible();
  }

  // The translation in progress reads as the reader will read it; the markup stays text.
  await page.getByRole("link", { name: t.edit.read }).click();
  await expect(page).toHaveURL(new RegExp(`${translationPath(slug, version, "fr")}$`));
  const first = page.locator("article#SW-1");
  await expect(first.locator("code", { hasText: xss })).toBeVisible();
  await expect(first.locator("img")).toHaveCount(0);
  expect(dialogs).toEqual([]);

  // Complete: the call that may adopt it opens from the workspace.
  await page.goto(translationEditPath(slug, version, "fr"));
  await expect(page.getByText(t.edit.callLead)).toBeVisible();
  await page.getByLabel(t.edit.callDescription).fill("Relue par deux francophones.");
  await page.getByRole("button", { name: t.edit.callSubmit }).click();
  await expect(page).toHaveURL(new RegExp(`${callsPath(slug)}/\\d+$`));
  const callNumber = Number(page.url().match(/(\d+)$/)?.[1]);
  await expect(
    page.getByRole("heading", { name: new RegExp(`French translation of ${name} ${version}`) }),
  ).toBeVisible();

  // Frozen while the call decides.
  await page.goto(translationEditPath(slug, version, "fr"));
  await expect(page.getByText(t.edit.frozen)).toBeVisible();
  await expect(page.getByRole("button", { name: words(t.edit.save, { ref: "SW-1" }) })).toHaveCount(
    0,
  );

  // The community agrees and the deadline passes.
  await agree(db, standardId, callNumber, new Date());

  // The public: the release page now offers French.
  const { context, page: reader } = await anonymousPage(browser);
  await reader.goto(release);
  const readIn = reader.getByRole("navigation", { name: t.readIn });
  await expect(readIn).toBeVisible();
  await expect(readIn.getByRole("link", { name: t.original })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await readIn.getByRole("link", { name: languageEndonyms.fr }).click();

  const translated = translationPath(slug, version, "fr");
  await expect(reader).toHaveURL(new RegExp(`${translated}$`));
  await expect(
    reader.getByRole("heading", {
      level: 1,
      name: words(t.pageTitle, { name, version, language: t.languageNames.fr }),
    }),
  ).toBeVisible();
  const authoritative = linked(t.authoritative);
  await expect(reader.getByText(authoritative.text)).toBeVisible();
  for (const original of originals) {
    const heading = reader.getByRole("heading", {
      name: `${original.ref} ${french[original.ref]?.title}`,
    });
    await expect(heading).toBeVisible();
    await expect(heading).toHaveAttribute("lang", "fr");
  }
  await expect(reader.locator("article#SW-1 code", { hasText: xss })).toBeVisible();
  await expect(reader.locator("article#SW-1 img")).toHaveCount(0);
  await expect(
    reader
      .getByRole("navigation", { name: t.readIn })
      .getByRole("link", { name: languageEndonyms.fr }),
  ).toHaveAttribute("aria-current", "page");
  await expectAccessible(reader);

  // The digest shown is the SHA-256 of the JSON export.
  const digest =
    (
      await reader.getByRole("listitem").filter({ hasText: t.digest }).locator("code").textContent()
    )?.trim() ?? "";
  expect(digest).toMatch(/^[0-9a-f]{64}$/);
  const json = await request.get(translationExportPath(slug, version, "fr", "json"));
  expect(json.ok()).toBe(true);
  expect(
    createHash("sha256")
      .update(await json.body())
      .digest("hex"),
  ).toBe(digest);
  const markdown = await (
    await request.get(translationExportPath(slug, version, "fr", "md"))
  ).text();
  expect(markdown).toContain(french["SW-2"]?.title);

  // To the original, and back.
  await reader.getByRole("link", { name: authoritative.link }).click();
  await expect(reader).toHaveURL(new RegExp(`${release}$`));
  await expect(reader.getByRole("heading", { name: `SW-1 ${originals[0]?.title}` })).toBeVisible();
  await reader
    .getByRole("navigation", { name: t.readIn })
    .getByRole("link", { name: languageEndonyms.fr })
    .click();
  await expect(reader).toHaveURL(new RegExp(`${translated}$`));

  // One clause in French, with the original on demand.
  await reader.getByRole("link", { name: "SW-2", exact: true }).click();
  await expect(reader).toHaveURL(
    new RegExp(`${translationClausePath(slug, version, "fr", "SW-2")}$`),
  );
  await expect(reader.getByRole("heading", { level: 1 })).toContainText(
    french["SW-2"]?.title ?? "",
  );
  await reader.getByText(t.showOriginal).click();
  await expect(
    reader.locator("details").getByRole("heading", { name: `SW-2 ${originals[1]?.title}` }),
  ).toBeVisible();
  await reader
    .getByRole("link", {
      name: words(t.backToTranslation, { language: t.languageNames.fr, version }),
    })
    .click();
  await expect(reader).toHaveURL(new RegExp(`${translated}#SW-2$`));
  await context.close();
});
