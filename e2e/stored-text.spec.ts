import { asc, eq } from "drizzle-orm";
import { requireParticipant } from "@/lib/community/authz";
import { loadViewer } from "@/lib/community/viewer";
import { fieldsChanged } from "@/lib/drafting/canonical-text";
import { markdownToRichText } from "@/lib/drafting/markdown/text";
import { createClause } from "@/lib/drafting/mutations";
import { emptyRichText } from "@/lib/drafting/rich-text";
import { clauseRevisions, clauseTexts } from "@/lib/drafting/schema";
import { createPerson, expect, openEditor, signInAs, test } from "./fixtures";

test("editing one field in the browser changes only that field in the clause's history", async ({
  page,
  db,
}) => {
  test.setTimeout(120_000);
  const person = await createPerson(db, { name: "Cleo Drafter" });
  const { clauseId, ref } = await createClause(
    db,
    requireParticipant(await loadViewer(db, person.id)),
    {
      standardSlug: "iotmark",
      title: "Updates come from the vendor",
      moduleCode: "SW",
      level: "Bronze",
      strength: "MUST",
      fields: {
        body: markdownToRichText(
          "Updates come from [the vendor's server](https://updates.example.org) over `TLS`.",
        ),
        assessment: markdownToRichText(
          "Follow [the guide](https://example.org/guide), then run `check --all`:\n\n3. fetch\n4. verify",
        ),
        examples: emptyRichText(),
      },
    },
  );
  await signInAs(page, db, person);
  const body = await openEditor(page, `/standards/iotmark/draft/${ref}`);
  await expect(body.getByRole("link", { name: "the vendor's server" })).toBeVisible();
  await body.click();
  await page.keyboard.press("End");
  await page.keyboard.type(" Each one is signed.");
  await expect(page.getByRole("status").filter({ hasText: "All changes saved" })).toBeVisible();
  await expect
    .poll(async () => {
      const [text] = await db
        .select({ plainText: clauseTexts.plainText })
        .from(clauseTexts)
        .where(eq(clauseTexts.clauseId, clauseId));
      return text?.plainText ?? "";
    })
    .toContain("Each one is signed.");
  await page.getByLabel("What changed").fill("Signed updates");
  await page.getByRole("button", { name: "Save revision" }).click();
  await expect(page.getByText("Revision 2 saved.")).toBeVisible();

  const [first, second] = await db
    .select()
    .from(clauseRevisions)
    .where(eq(clauseRevisions.clauseId, clauseId))
    .orderBy(asc(clauseRevisions.number));
  if (!first || !second) throw new Error("two revisions expected");
  expect(fieldsChanged(first, second)).toEqual(["body"]);
  // Stored exactly as written: the link the browser edited keeps only its href, and the fields
  // nobody touched are byte for byte what they were.
  expect(second.assessment).toEqual(first.assessment);
  expect(second.examples).toEqual(first.examples);
  expect(JSON.stringify(second.body)).not.toMatch(/noopener|_blank|"attrs":\{\}/);
  expect(second.body).toEqual(
    markdownToRichText(
      "Updates come from [the vendor's server](https://updates.example.org) over `TLS`. Each one is signed.",
    ),
  );
});
