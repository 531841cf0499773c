import "server-only";
import { createHash } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Secretariat } from "@/lib/community/authz";
import type { Database, Executor, Transaction } from "@/lib/db/client";
import { listFrameworks } from "@/lib/drafting/frameworks";
import {
  type ImportedDocument,
  importLater,
  importNew,
  type LaterText,
} from "@/lib/drafting/import-apply";
import { formBytes, MAX_IMPORT_BYTES } from "@/lib/drafting/import-limits";
import { type ImportPreview, planLaterText, previewNew } from "@/lib/drafting/import-plan";
import { loadExisting } from "@/lib/drafting/import-write";
import { sortMappings } from "@/lib/drafting/mappings";
import { parseStandard } from "@/lib/drafting/markdown/document";
import { parsePlainDocument } from "@/lib/drafting/markdown/plain";
import type { ImportProblem, StandardDocument } from "@/lib/drafting/markdown/types";
import { listAxes } from "@/lib/drafting/queries";
import type { ReplaceWorkingText } from "@/lib/drafting/restore";
import { clauses, clauseTexts, sections, sectionTexts, standards } from "@/lib/drafting/schema";
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
  const [[moduleRows, levelRows], frameworkRows, clauseRows, sectionRows] = await Promise.all([
    listAxes(db, standard.id),
    listFrameworks(db, standard.id),
    db
      .select({ clause: clauses, text: clauseTexts })
      .from(clauses)
      .innerJoin(clauseTexts, eq(clauseTexts.clauseId, clauses.id))
      .where(eq(clauses.standardId, standard.id))
      .orderBy(asc(clauses.position), asc(clauses.refNumber)),
    db
      .select({ section: sections, text: sectionTexts })
      .from(sections)
      .innerJoin(sectionTexts, eq(sectionTexts.sectionId, sections.id))
      .where(eq(sections.standardId, standard.id))
      .orderBy(asc(sections.position)),
  ]);
  const codeOf = new Map(moduleRows.map((module) => [module.id, module.code]));
  const levelName = new Map(levelRows.map((level) => [level.id, level.name]));
  return {
    slug: standard.slug,
    name: standard.name,
    summary: standard.summary,
    ...(sectionRows.length
      ? {
          sections: sectionRows.map(({ section, text }) => ({
            slug: section.slug,
            kind: section.kind,
            title: section.title,
            retired: section.retiredAt !== null,
            body: text.body,
          })),
        }
      : {}),
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
  /** The existing standard a later text goes into; empty for a new standard. */
  into: plainLine(60, { required: false }).optional().default(""),
  /** A new standard's founding text, adopted by one call; for a later text, one last call. */
  adopt: z
    .enum(["on"])
    .optional()
    .transform((value) => value === "on"),
  /** Previewing stores nothing; confirming carries the digest of what the preview showed. */
  intent: z.enum(["preview", "confirm"], fieldError("required")).optional().default("preview"),
  digest: z.string().max(100).optional().default(""),
});
export type ImportInput = z.output<typeof importSchema>;

export type ImportOutcome =
  | { problems: ImportProblem[] }
  | { preview: ImportPreview; adopt: boolean; digest: string }
  | {
      slug: string;
      clauses: number;
      sections: number;
      retirements: number;
      callNumber: number | null;
    };

export type ImportOptions = {
  now?: Date;
  /** Clauses open in the editor get a later text's words through the collab server. */
  replaceWorkingText?: ReplaceWorkingText;
  /** Runs in the import's transaction: the decisions layer opens the adopting call there. */
  inTransaction?: (tx: Transaction, imported: ImportedDocument) => Promise<number | null>;
};

const levelsOfPlainDocuments = [
  { name: "Bronze", summary: "" },
  { name: "Silver", summary: "" },
  { name: "Gold", summary: "" },
];

function parse(input: ImportInput) {
  return input.format === "hum"
    ? parseStandard(input.markdown)
    : parsePlainDocument(input.markdown, {
        slug: input.slug,
        name: input.name,
        levels: levelsOfPlainDocuments,
      });
}

/** What was previewed, bound to the exact input and to the standard as it stood. */
function digestOf(input: ImportInput, preview: ImportPreview): string {
  const markdown = createHash("sha256").update(input.markdown).digest("base64url");
  const { format, slug, name, into, adopt } = input;
  return createHash("sha256")
    .update(JSON.stringify([format, slug, name, into, adopt, markdown, preview]))
    .digest("base64url");
}

async function planOf(
  db: Executor,
  input: ImportInput,
  document: StandardDocument,
): Promise<{ preview: ImportPreview; later: LaterText | null }> {
  if (!input.into) {
    const [taken] = await db.select().from(standards).where(eq(standards.slug, document.slug));
    // "import" is the address of the import page itself under /standards.
    if (taken || document.slug === "import")
      throw new DomainError("conflict", { slug: "slug_taken" });
    return { preview: previewNew(document), later: null };
  }
  const [standard] = await db.select().from(standards).where(eq(standards.slug, input.into));
  if (!standard) throw new DomainError("invalid_input", { into: "invalid" });
  const existing = await loadExisting(db, standard);
  const plan = planLaterText(existing, document);
  return { preview: plan.preview, later: { standard, existing, plan } };
}

/**
 * The import form's work: only the secretariat gets as far as parsing (a large document costs
 * real time, hence the proof). Previewing parses and plans, storing nothing; confirming is
 * refused unless it carries the digest of exactly that preview, so the secretariat imports
 * what it saw and nothing else. Then the standard (or the later text) is written whole, in one
 * transaction with the call that adopts it, or not at all.
 */
export async function importMarkdown(
  db: Database,
  secretary: Secretariat,
  input: ImportInput,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  const now = options.now ?? new Date();
  const parsed = parse(input);
  if (!parsed.ok) return { problems: parsed.problems };
  const document = parsed.standard;
  const { preview, later } = await planOf(db, input, document);
  const digest = digestOf(input, preview);
  if (input.intent === "preview") return { preview, adopt: input.adopt, digest };
  if (input.digest !== digest)
    throw new DomainError("invalid_input", { digest: "import_not_confirmed" });
  if (later) {
    for (const { existing } of later.plan.updated) {
      if (!later.existing.live.has(existing.id)) continue;
      if (!options.replaceWorkingText) throw new DomainError("internal");
      const incoming = later.plan.updated.find((u) => u.existing.id === existing.id)?.incoming;
      if (incoming) {
        const { body, assessment, examples } = incoming;
        await options.replaceWorkingText(existing.id, { body, assessment, examples }, secretary.id);
      }
    }
  }
  return db.transaction(async (tx) => {
    await enforceLimit(tx, "import", secretary.id, now);
    const imported = later
      ? await importLater(tx, secretary, later, input.adopt, now)
      : await importNew(tx, secretary, document, input.adopt, now);
    const callNumber = (await options.inTransaction?.(tx, imported)) ?? null;
    return {
      slug: imported.slug,
      clauses: imported.clauseIds.length,
      sections: imported.sectionIds.length,
      retirements: imported.retireClauseIds.length + imported.retireSectionIds.length,
      callNumber,
    };
  });
}

export { importStandard } from "@/lib/drafting/import-apply";
export type { ImportedDocument };
