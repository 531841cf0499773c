import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Participant } from "@/lib/community/authz";
import type { Database, Executor, Transaction } from "@/lib/db/client";
import {
  type FrameworkInput,
  keyOf,
  type Mapping,
  sameLink,
  sortMappings,
} from "@/lib/drafting/mappings";
import { formatRef } from "@/lib/drafting/rules";
import { clauses, clauseTexts, frameworks, standards } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import { enforceLimit } from "@/lib/rate-limit";

export type Framework = { key: string; name: string; version: string; url: string };

/** The frameworks a standard lists, by name then version. */
export async function listFrameworks(db: Executor, standardId: string): Promise<Framework[]> {
  return db
    .select({
      key: frameworks.key,
      name: frameworks.name,
      version: frameworks.version,
      url: frameworks.url,
    })
    .from(frameworks)
    .where(eq(frameworks.standardId, standardId))
    .orderBy(asc(frameworks.name), asc(frameworks.version), asc(frameworks.key));
}

/**
 * Lists an external framework for a standard, so its clauses can map to it. The key is what
 * mappings name; one already listed is refused rather than silently shared.
 */
export async function addFramework(
  db: Database,
  author: Participant,
  input: FrameworkInput & { standardSlug: string },
  now = new Date(),
): Promise<{ key: string }> {
  const key = keyOf(input);
  if (!key) throw new DomainError("invalid_input", { name: "invalid" });
  return db.transaction(async (tx) => {
    const [standard] = await tx
      .select()
      .from(standards)
      .where(eq(standards.slug, input.standardSlug));
    if (!standard) throw new DomainError("not_found");
    await enforceLimit(tx, "drafting", author.id, now);
    const inserted = await tx
      .insert(frameworks)
      .values({
        standardId: standard.id,
        key,
        name: input.name,
        version: input.version,
        url: input.url,
        createdBy: author.id,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: frameworks.id });
    if (inserted.length === 0) {
      throw new DomainError("invalid_input", {
        [input.key ? "key" : "name"]: "framework_key_taken",
      });
    }
    await recordAudit(tx, {
      at: now,
      actorId: author.id,
      action: "drafting.framework_added",
      subjectType: "standard",
      subjectId: standard.slug,
      details: { framework: key, title: input.name, version: input.version || null },
    });
    return { key };
  });
}

async function lockText(tx: Transaction, clauseId: string) {
  const [row] = await tx
    .select({ clause: clauses, mappings: clauseTexts.mappings })
    .from(clauses)
    .innerJoin(clauseTexts, eq(clauseTexts.clauseId, clauses.id))
    .where(eq(clauses.id, clauseId))
    .for("update");
  if (!row) throw new DomainError("not_found");
  if (row.clause.retiredAt) throw new DomainError("conflict");
  return row;
}

async function storeMappings(tx: Transaction, clauseId: string, mappings: Mapping[], now: Date) {
  await tx
    .update(clauseTexts)
    .set({ mappings: sortMappings(mappings), updatedAt: now })
    .where(eq(clauseTexts.clauseId, clauseId));
}

/**
 * Links a clause's working text to a provision of a framework its standard lists. It changes
 * the working text like an edit does: the next revision carries it, and it is adopted and
 * released with the text. The same link given again replaces its rationale.
 */
export async function addMapping(
  db: Database,
  author: Participant,
  clauseId: string,
  mapping: Mapping,
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const { clause, mappings } = await lockText(tx, clauseId);
    const [framework] = await tx
      .select({ id: frameworks.id })
      .from(frameworks)
      .where(
        and(eq(frameworks.standardId, clause.standardId), eq(frameworks.key, mapping.framework)),
      );
    if (!framework) throw new DomainError("invalid_input", { framework: "unknown_framework" });
    const kept = mappings.filter((entry) => !sameLink(entry, mapping));
    if (kept.length < mappings.length && mappings.some((entry) => sameMapping(entry, mapping))) {
      throw new DomainError("invalid_input", { provision: "no_changes" });
    }
    await enforceLimit(tx, "drafting", author.id, now);
    await storeMappings(tx, clauseId, [...kept, mapping], now);
    await recordAudit(tx, {
      at: now,
      actorId: author.id,
      action: "drafting.mapping_added",
      subjectType: "clause",
      subjectId: formatRef(clause.refCode, clause.refNumber),
      details: {
        framework: mapping.framework,
        provision: mapping.provision,
        relationship: mapping.relationship,
        rationale: mapping.rationale || null,
      },
    });
  });
}

const sameMapping = (a: Mapping, b: Mapping) => sameLink(a, b) && a.rationale === b.rationale;

/** Takes a link off a clause's working text; one that is not there is refused. */
export async function removeMapping(
  db: Database,
  author: Participant,
  clauseId: string,
  link: Omit<Mapping, "rationale">,
  now = new Date(),
): Promise<void> {
  await db.transaction(async (tx) => {
    const { clause, mappings } = await lockText(tx, clauseId);
    const kept = mappings.filter((entry) => !sameLink(entry, link));
    if (kept.length === mappings.length) throw new DomainError("not_found");
    await enforceLimit(tx, "drafting", author.id, now);
    await storeMappings(tx, clauseId, kept, now);
    await recordAudit(tx, {
      at: now,
      actorId: author.id,
      action: "drafting.mapping_removed",
      subjectType: "clause",
      subjectId: formatRef(clause.refCode, clause.refNumber),
      details: {
        framework: link.framework,
        provision: link.provision,
        relationship: link.relationship,
      },
    });
  });
}
