import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import type { Transaction } from "@/lib/db/client";
import { demoSections } from "@/lib/demo/sections";
import { canonicalRichText } from "@/lib/drafting/canonical-text";
import { markdownToRichText } from "@/lib/drafting/markdown/text";
import { plainTextOf } from "@/lib/drafting/rich-text";
import { sectionRevisions, sections, sectionTexts } from "@/lib/drafting/schema";
import { slugFromTitle } from "@/lib/drafting/sections-rules";

const DAY = 24 * 60 * 60 * 1000;

/**
 * The demo standard's scope, terminology and definitions, drafted with the clauses and adopted
 * as part of the founding text, so every release candidate of the demo holds them before its
 * modules.
 */
export async function seedDemoSections(
  tx: Transaction,
  standardId: string,
  emailOf: (key: string) => string,
  now: Date,
): Promise<void> {
  const [author] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, emailOf("rosa")));
  const at = new Date(now.getTime() - 130 * DAY);
  for (const [position, demo] of demoSections.entries()) {
    const body = canonicalRichText(markdownToRichText(demo.body));
    const plainText = plainTextOf(body).trim();
    const [section] = await tx
      .insert(sections)
      .values({
        standardId,
        kind: demo.kind,
        slug: slugFromTitle(demo.title),
        title: demo.title,
        position,
        createdBy: author?.id ?? null,
        createdAt: at,
      })
      .returning({ id: sections.id });
    if (!section) throw new Error("could not create a demo section");
    await tx.insert(sectionTexts).values({ sectionId: section.id, body, plainText, updatedAt: at });
    const [revision] = await tx
      .insert(sectionRevisions)
      .values({
        sectionId: section.id,
        number: 1,
        kind: "imported",
        note: "Founding text",
        title: demo.title,
        body,
        plainText,
        authorIds: author ? [author.id] : [],
        createdBy: author?.id ?? null,
        createdAt: at,
      })
      .returning({ id: sectionRevisions.id });
    await tx
      .update(sections)
      .set({ adoptedRevisionId: revision?.id ?? null })
      .where(eq(sections.id, section.id));
  }
}
