import "server-only";
import { and, eq, inArray, or } from "drizzle-orm";
import type { AuditDetails } from "@/lib/audit/rules";
import type { Executor } from "@/lib/db/client";
import { threads } from "@/lib/discussion/schema";
import { formatRef, parseRef } from "@/lib/drafting/rules";
import { clauses, standards } from "@/lib/drafting/schema";
import type { Place } from "@/lib/transparency/sentence";

type Row = { id: number; subjectType: string; subjectId: string; details: AuditDetails };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const withSlug: ReadonlySet<string> = new Set([
  "call",
  "release",
  "charter",
  "standard",
  "section",
  "review",
]);
const slugOf = (id: string) => id.split("/")[0] ?? id;

/** The standard an entry names outright: in its subject, or in a detail. */
function namedSlug(row: Row): string | null {
  if (withSlug.has(row.subjectType)) return slugOf(row.subjectId);
  const { standard, call } = row.details;
  if (typeof standard === "string") return standard;
  if (typeof call === "string") return slugOf(call);
  return null;
}

/**
 * Which standard each entry concerns, so its sentence can link the clause, thread or charter it
 * names. Clause entries name the clause by its reference alone, which is unique within a standard:
 * the standard is read from the thread an entry names, or else from the one standard that has a
 * clause of that reference (none is guessed when several have).
 */
export async function placesOf(db: Executor, rows: Row[]): Promise<Map<number, Place>> {
  const slugs = new Map<number, string>();
  const viaThread = new Map<number, string>();
  const viaRef = new Map<number, { code: string; number: number }>();
  for (const row of rows) {
    const slug = namedSlug(row);
    if (slug) slugs.set(row.id, slug);
    else if (row.subjectType !== "clause") continue;
    else if (typeof row.details.thread === "string" && UUID.test(row.details.thread)) {
      viaThread.set(row.id, row.details.thread);
    } else {
      const ref = parseRef(row.subjectId);
      if (ref) viaRef.set(row.id, ref);
    }
  }
  const refs = [...viaRef.values()];
  const [threadRows, refRows] = await Promise.all([
    viaThread.size
      ? db
          .select({ id: threads.id, slug: standards.slug })
          .from(threads)
          .innerJoin(clauses, eq(clauses.id, threads.clauseId))
          .innerJoin(standards, eq(standards.id, clauses.standardId))
          .where(inArray(threads.id, [...new Set(viaThread.values())]))
      : [],
    refs.length
      ? db
          .selectDistinct({
            code: clauses.refCode,
            number: clauses.refNumber,
            slug: standards.slug,
          })
          .from(clauses)
          .innerJoin(standards, eq(standards.id, clauses.standardId))
          .where(
            or(
              ...refs.map((ref) =>
                and(eq(clauses.refCode, ref.code), eq(clauses.refNumber, ref.number)),
              ),
            ),
          )
      : [],
  ]);
  const threadSlugs = new Map(threadRows.map((row) => [row.id, row.slug]));
  for (const [id, thread] of viaThread) {
    const slug = threadSlugs.get(thread);
    if (slug) slugs.set(id, slug);
  }
  const refSlugs = new Map<string, string[]>();
  for (const row of refRows) {
    const key = formatRef(row.code, row.number);
    refSlugs.set(key, [...(refSlugs.get(key) ?? []), row.slug]);
  }
  for (const [id, ref] of viaRef) {
    const found = refSlugs.get(formatRef(ref.code, ref.number));
    if (found?.length === 1 && found[0]) slugs.set(id, found[0]);
  }

  const names = new Map(
    slugs.size
      ? (
          await db
            .select({ slug: standards.slug, name: standards.name })
            .from(standards)
            .where(inArray(standards.slug, [...new Set(slugs.values())]))
        ).map((row) => [row.slug, row.name])
      : [],
  );
  const places = new Map<number, Place>();
  for (const [id, slug] of slugs) {
    const name = names.get(slug);
    if (name !== undefined) places.set(id, { slug, name });
  }
  return places;
}
