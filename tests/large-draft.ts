import type { Database } from "@/lib/db/client";
import type { RichText } from "@/lib/drafting/rich-text";
import { clauses, clauseTexts, levels, modules, standards } from "@/lib/drafting/schema";

const MODULES = ["ORG", "HW", "SW", "LEGAL", "DATA"];
const LEVELS = ["Bronze", "Silver", "Gold"];

const paragraph = (text: string): RichText => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});

/**
 * A standard of `count` clauses spread over five modules and three levels (every seventh one
 * recommended only, every eleventh retired), written straight to the tables in batches.
 */
export async function seedLargeDraft(db: Database, slug: string, count: number) {
  const [standard] = await db
    .insert(standards)
    .values({ slug, name: `Large ${slug}` })
    .returning({ id: standards.id });
  const standardId = standard?.id ?? "";
  const moduleRows = await db
    .insert(modules)
    .values(MODULES.map((code, position) => ({ standardId, code, name: code, position })))
    .returning();
  const levelRows = await db
    .insert(levels)
    .values(LEVELS.map((name, position) => ({ standardId, name, position })))
    .returning();
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, offset) => {
      const i = start + offset;
      const module = moduleRows[i % moduleRows.length];
      return {
        standardId,
        moduleId: module?.id ?? "",
        refCode: module?.code ?? "",
        refNumber: Math.floor(i / moduleRows.length) + 1,
        title: `Clause ${i}`,
        levelId: i % 7 === 0 ? null : (levelRows[i % levelRows.length]?.id ?? null),
        strength: "MUST" as const,
        position: Math.floor(i / moduleRows.length),
        retiredAt: i % 11 === 0 ? new Date() : null,
      };
    });
    const inserted = await db.insert(clauses).values(batch).returning({ id: clauses.id });
    await db.insert(clauseTexts).values(
      inserted.map(({ id }, offset) => {
        const body = paragraph(
          `Clause ${start + offset}: the vendor MUST publish how long the device gets security updates, and SHOULD say so on the box.`,
        );
        return {
          clauseId: id,
          body,
          assessment: paragraph("A public page states the end date."),
          examples: paragraph("Updates until 2031, stated on the product page."),
          plainText: "",
        };
      }),
    );
  }
  return { standardId, modules: moduleRows, levels: levelRows };
}
