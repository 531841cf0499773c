import { asc, inArray } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { levels, modules, standards } from "@/lib/drafting/schema";

export type StandardOverview = {
  slug: string;
  name: string;
  summary: string;
  modules: { code: string; name: string; summary: string }[];
  levels: { name: string; summary: string }[];
};

/** Every standard with its modules and levels in order: three queries, whatever the count. */
export async function listStandards(db: Executor): Promise<StandardOverview[]> {
  const rows = await db.select().from(standards).orderBy(asc(standards.name));
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [moduleRows, levelRows] = await Promise.all([
    db
      .select()
      .from(modules)
      .where(inArray(modules.standardId, ids))
      .orderBy(asc(modules.position)),
    db.select().from(levels).where(inArray(levels.standardId, ids)).orderBy(asc(levels.position)),
  ]);
  return rows.map((standard) => ({
    slug: standard.slug,
    name: standard.name,
    summary: standard.summary,
    modules: moduleRows
      .filter((module) => module.standardId === standard.id)
      .map(({ code, name, summary }) => ({ code, name, summary })),
    levels: levelRows
      .filter((level) => level.standardId === standard.id)
      .map(({ name, summary }) => ({ name, summary })),
  }));
}
