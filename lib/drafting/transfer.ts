import "server-only";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/mutations";
import type { Secretariat } from "@/lib/community/authz";
import type { Database } from "@/lib/db/client";
import { listFrameworks } from "@/lib/drafting/frameworks";
import { formBytes, MAX_IMPORT_BYTES } from "@/lib/drafting/import-limits";
import { sortMappings } from "@/lib/drafting/mappings";
import { parseStandard } from "@/lib/drafting/markdown/document";
import { parsePlainDocument } from "@/lib/drafting/markdown/plain";
import type { ImportProblem, StandardDocument } from "@/lib/drafting/markdown/types";
import { listAxes } from "@/lib/drafting/queries";
import { clausePlainText } from "@/lib/drafting/rich-text";
import { parseRef } from "@/lib/drafting/rules";
import {
  clauseRevisions,
  clauses,
  clauseTexts,
  frameworks,
  levels,
  modules,
  standards,
} from "@/lib/drafting/schema";
import { DomainError, fieldError } from "@/lib/errors";
import { enforceLimit } from "@/lib/rate-limit";
import { plainLine, plainText } from "@/lib/validation";

/** The working draft of a standard as one document, ready for Markdown export. */
export async function loadStandardDocument(
  db: Database,
  slug: string,
): Promise<StandardDocument | null> {
  const [standard] = await db.select().from(standards).where(eq(standards.slug, slug));
  if (!standard) return null;
  const [[moduleRows, levelRows], frameworkRows, clauseRows] = await Promise.all([
    listAxes(db, standard.id),
    listFrameworks(db, standard.id),
    db
      .select({ clause: clauses, text: clauseTexts })
      .from(clauses)
      .innerJoin(clauseTexts, eq(clauseTexts.clauseId, clauses.id))
      .where(eq(clauses.standardId, standard.id))
      .orderBy(asc(clauses.position), asc(clauses.refNumber)),
  ]);
  const codeOf = new Map(moduleRows.map((module) => [module.id, module.code]));
  const levelName = new Map(levelRows.map((level) => [level.id, level.name]));
  return {
    slug: standard.slug,
    name: standard.name,
    summary: standard.summary,
    modules: moduleRows.map(({ code, name, summary }) => ({ code, name, summary })),
    levels: levelRows.map(({ name, summary }) => ({ name, summary })),
    ...(frameworkRows.length ? { frameworks: frameworkRows } : {}),
    clauses: moduleRows.flatMap((module) =>
      clauseRows
        .filter(({ clause }) => clause.moduleId === module.id)
        .map(({ clause, text }) => ({
          ref: `${clause.refCode}-${clause.refNumber}`,
          moduleCode: codeOf.get(clause.moduleId) ?? module.code,
          title: clause.title,
          level: clause.levelId ? (levelName.get(clause.levelId) ?? null) : null,
          strength: clause.strength,
          retired: clause.retiredAt !== null,
          body: text.body,
          assessment: text.assessment,
          examples: text.examples,
          ...(text.mappings.length ? { mappings: sortMappings(text.mappings) } : {}),
        })),
    ),
  };
}

/**
 * Creates a whole standard from an imported document, in one transaction: either every module,
 * level, clause and first revision is there afterwards, or nothing is.
 */
export async function importStandard(
  db: Database,
  secretary: Secretariat,
  document: StandardDocument,
  now = new Date(),
): Promise<{ slug: string; clauses: number }> {
  return db.transaction(async (tx) => {
    await enforceLimit(tx, "import", secretary.id, now);
    const [taken] = await tx.select().from(standards).where(eq(standards.slug, document.slug));
    // "import" is the address of this very page under /standards.
    if (taken || document.slug === "import")
      throw new DomainError("conflict", { slug: "slug_taken" });
    const [standard] = await tx
      .insert(standards)
      .values({ slug: document.slug, name: document.name, summary: document.summary })
      .returning({ id: standards.id });
    if (!standard) throw new DomainError("internal");
    const moduleRows = await tx
      .insert(modules)
      .values(
        document.modules.map((module, position) => ({
          ...module,
          standardId: standard.id,
          position,
        })),
      )
      .returning();
    const levelRows = document.levels.length
      ? await tx
          .insert(levels)
          .values(
            document.levels.map((level, position) => ({
              ...level,
              standardId: standard.id,
              position,
            })),
          )
          .returning()
      : [];
    if (document.frameworks?.length) {
      await tx
        .insert(frameworks)
        .values(
          document.frameworks.map((framework) => ({ ...framework, standardId: standard.id })),
        );
    }
    const positions = new Map<string, number>();
    for (const item of document.clauses) {
      const ref = parseRef(item.ref);
      const module = moduleRows.find((row) => row.code === item.moduleCode);
      if (!ref || !module) throw new DomainError("invalid_input", { markdown: "import_problems" });
      const position = positions.get(module.id) ?? 0;
      positions.set(module.id, position + 1);
      const levelId = levelRows.find((row) => row.name === item.level)?.id ?? null;
      const [clause] = await tx
        .insert(clauses)
        .values({
          standardId: standard.id,
          moduleId: module.id,
          refCode: ref.code,
          refNumber: ref.number,
          title: item.title,
          levelId,
          strength: item.strength,
          position,
          retiredAt: item.retired ? now : null,
          createdBy: secretary.id,
        })
        .returning({ id: clauses.id });
      if (!clause) throw new DomainError("internal");
      const fields = { body: item.body, assessment: item.assessment, examples: item.examples };
      const plainText = clausePlainText(fields);
      const mappings = sortMappings(item.mappings ?? []);
      await tx.insert(clauseTexts).values({ clauseId: clause.id, ...fields, mappings, plainText });
      await tx.insert(clauseRevisions).values({
        clauseId: clause.id,
        number: 1,
        kind: "imported",
        note: "Imported",
        title: item.title,
        strength: item.strength,
        levelId,
        ...fields,
        mappings,
        plainText,
        authorIds: [],
        createdBy: secretary.id,
      });
    }
    await recordAudit(tx, {
      actorId: secretary.id,
      action: "drafting.standard_imported",
      subjectType: "standard",
      subjectId: document.slug,
      details: { name: document.name, clauses: document.clauses.length },
    });
    return { slug: document.slug, clauses: document.clauses.length };
  });
}

export const importSchema = z.object({
  format: z.enum(["hum", "plain"], fieldError("required")),
  markdown: z
    .string(fieldError("required"))
    .min(1, fieldError("required"))
    // The length first, so an oversized text is refused without counting its bytes.
    .max(MAX_IMPORT_BYTES, fieldError("import_too_large"))
    .refine((markdown) => formBytes(markdown) <= MAX_IMPORT_BYTES, fieldError("import_too_large"))
    // Not trimmed: problems are reported by line number.
    .pipe(plainText(MAX_IMPORT_BYTES, { required: true, markup: true, trim: false })),
  slug: plainLine(60, { required: false }).optional().default(""),
  name: plainLine(160, { required: false }).optional().default(""),
});

export type ImportOutcome = { slug: string; clauses: number } | { problems: ImportProblem[] };

/**
 * The import form's work: only the secretariat gets as far as parsing (a large document costs
 * real time, hence the proof), then either the problems with their line numbers or the standard,
 * imported whole.
 */
export async function importMarkdown(
  db: Database,
  secretary: Secretariat,
  input: z.output<typeof importSchema>,
  now = new Date(),
): Promise<ImportOutcome> {
  const parsed =
    input.format === "hum"
      ? parseStandard(input.markdown)
      : parsePlainDocument(input.markdown, {
          slug: input.slug,
          name: input.name,
          levels: [
            { name: "Bronze", summary: "" },
            { name: "Silver", summary: "" },
            { name: "Gold", summary: "" },
          ],
        });
  if (!parsed.ok) return { problems: parsed.problems };
  return importStandard(db, secretary, parsed.standard, now);
}
