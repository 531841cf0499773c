import "server-only";
import { and, eq } from "drizzle-orm";
import type { Viewer } from "@/lib/community/viewer";
import type { Executor, Transaction } from "@/lib/db/client";
import { standards } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import { type Representative, requireRepresentative } from "@/lib/registry/authz";
import type { DeclarationState } from "@/lib/registry/rules";
import { declarations } from "@/lib/registry/schema";
import { releases, releaseWithdrawals } from "@/lib/releases/schema";

/*
 * Reading and locking the rows the declaration mutations share: the declaration itself, and
 * the release it answers, which must be published and not withdrawn.
 */

export type DeclarationRow = typeof declarations.$inferSelect;
export type ReleaseRow = typeof releases.$inferSelect;

/** Withdrawn and struck off are final: the record stays, and nothing changes it again. */
export const finalStates: readonly DeclarationState[] = ["withdrawn", "struck_off"];

/**
 * A representative of the organisation that owns declaration `number`, for actions that know
 * only the number. An unknown number is "not found" before anyone is checked.
 */
export async function requireDeclarationRepresentative(
  db: Executor,
  viewer: Viewer | null,
  number: number,
  attempted: string,
  now = new Date(),
): Promise<Representative> {
  const [row] = await db
    .select({ organisationId: declarations.organisationId })
    .from(declarations)
    .where(eq(declarations.number, number));
  if (!row) throw new DomainError("not_found");
  return requireRepresentative(db, viewer, row.organisationId, attempted, now);
}

/**
 * Locks the declaration for a change by `rep`. A representative of another organisation is
 * refused: their proof is for their own organisation only. A final declaration refuses every
 * change with its own explanation.
 */
export async function lockDeclaration(
  tx: Transaction,
  rep: Representative,
  number: number,
): Promise<DeclarationRow> {
  const [row] = await tx
    .select()
    .from(declarations)
    .where(eq(declarations.number, number))
    .for("update");
  if (!row) throw new DomainError("not_found");
  if (row.organisationId !== rep.organisationId) throw new DomainError("forbidden");
  if (finalStates.includes(row.state)) throw new DomainError("declaration_closed");
  return row;
}

/**
 * The release a declaration may answer: one of `standardId`'s, published and not withdrawn.
 * Refused under `field` otherwise, so the form shows why next to the release's select.
 */
export async function usableRelease(
  tx: Executor,
  standardId: string,
  version: string,
  field = "release",
): Promise<ReleaseRow> {
  const [row] = await tx
    .select({ release: releases, withdrawn: releaseWithdrawals.releaseId })
    .from(releases)
    .leftJoin(releaseWithdrawals, eq(releaseWithdrawals.releaseId, releases.id))
    .where(and(eq(releases.standardId, standardId), eq(releases.version, version)));
  if (!row) throw new DomainError("invalid_input", { [field]: "unknown_release" });
  if (row.withdrawn) throw new DomainError("invalid_input", { [field]: "release_withdrawn" });
  return row.release;
}

/** A standard by slug; an unknown one is a release nobody can choose. */
export async function standardBySlug(tx: Executor, slug: string, field = "release") {
  const [row] = await tx
    .select({ id: standards.id, slug: standards.slug })
    .from(standards)
    .where(eq(standards.slug, slug));
  if (!row) throw new DomainError("invalid_input", { [field]: "unknown_release" });
  return row;
}
