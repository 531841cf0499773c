import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Secretariat } from "@/lib/community/authz";
import type { Database, Transaction } from "@/lib/db/client";
import type { LaterTextPlan } from "@/lib/drafting/import-plan";
import {
  insertClauses,
  insertSections,
  type loadExisting,
  writeLaterText,
} from "@/lib/drafting/import-write";
import type { StandardDocument } from "@/lib/drafting/markdown/types";
import { frameworks, levels, modules, standards } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import { enforceLimit } from "@/lib/rate-limit";

// Writing an import once it is confirmed: a new standard whole, or a later text as working changes.

/** What was written, for the call that adopts it (lib/decisions/founding.ts). */
export type ImportedDocument = {
  mode: "new" | "later";
  proposerId: string;
  standardId: string;
  slug: string;
  name: string;
  adopt: boolean;
  clauseIds: string[];
  sectionIds: string[];
  retireClauseIds: string[];
  retireSectionIds: string[];
};

/** A later text with the standard it goes into and what it will change there. */
export type LaterText = {
  standard: typeof standards.$inferSelect;
  existing: Awaited<ReturnType<typeof loadExisting>>;
  plan: LaterTextPlan;
};

export async function importNew(
  tx: Transaction,
  secretary: Secretariat,
  document: StandardDocument,
  adopt: boolean,
  now: Date,
): Promise<ImportedDocument> {
  const [taken] = await tx.select().from(standards).where(eq(standards.slug, document.slug));
  // "import" is the address of this very page under /standards.
  if (taken || document.slug === "import")
    throw new DomainError("conflict", { slug: "slug_taken" });
  const [standard] = await tx
    .insert(standards)
    .values({ slug: document.slug, name: document.name, summary: document.summary })
    .returning({ id: standards.id });
  if (!standard) throw new DomainError("internal");
  const moduleRows = document.modules.length
    ? await tx
        .insert(modules)
        .values(
          document.modules.map((m, position) => ({ ...m, standardId: standard.id, position })),
        )
        .returning()
    : [];
  const levelRows = document.levels.length
    ? await tx
        .insert(levels)
        .values(document.levels.map((l, position) => ({ ...l, standardId: standard.id, position })))
        .returning()
    : [];
  if (document.frameworks?.length) {
    await tx
      .insert(frameworks)
      .values(document.frameworks.map((framework) => ({ ...framework, standardId: standard.id })));
  }
  const sectionIds = await insertSections(
    tx,
    standard.id,
    secretary.id,
    document.sections ?? [],
    now,
  );
  const clauseIds = await insertClauses(
    tx,
    standard.id,
    secretary.id,
    document.clauses,
    new Map(moduleRows.map((row) => [row.code, row.id])),
    new Map(levelRows.map((row) => [row.name, row.id])),
    now,
  );
  await recordAudit(tx, {
    actorId: secretary.id,
    action: "drafting.standard_imported",
    subjectType: "standard",
    subjectId: document.slug,
    details: { name: document.name, clauses: document.clauses.length },
  });
  const live = (ids: string[], items: { retired: boolean }[]) =>
    ids.filter((_, index) => !items[index]?.retired);
  return {
    mode: "new",
    proposerId: secretary.id,
    standardId: standard.id,
    slug: document.slug,
    name: document.name,
    adopt,
    clauseIds: live(clauseIds, document.clauses),
    sectionIds: live(sectionIds, document.sections ?? []),
    retireClauseIds: [],
    retireSectionIds: [],
  };
}

export async function importLater(
  tx: Transaction,
  secretary: Secretariat,
  later: LaterText,
  adopt: boolean,
  now: Date,
): Promise<ImportedDocument> {
  const { standard, existing, plan } = later;
  const written = await writeLaterText(tx, standard.id, secretary.id, plan, existing.live, now);
  await recordAudit(tx, {
    actorId: secretary.id,
    action: "drafting.later_text_imported",
    subjectType: "standard",
    subjectId: standard.slug,
    details: { clauses: plan.updated.length + plan.added.length },
  });
  return {
    mode: "later",
    proposerId: secretary.id,
    standardId: standard.id,
    slug: standard.slug,
    name: standard.name,
    adopt,
    ...written,
  };
}

/** Creates a whole standard from a document already read, in one transaction; no call. */
export async function importStandard(
  db: Database,
  secretary: Secretariat,
  document: StandardDocument,
  now = new Date(),
): Promise<{ slug: string; clauses: number }> {
  return db.transaction(async (tx) => {
    await enforceLimit(tx, "import", secretary.id, now);
    const imported = await importNew(tx, secretary, document, false, now);
    return { slug: imported.slug, clauses: document.clauses.length };
  });
}
