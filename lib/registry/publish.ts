import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Database, Transaction } from "@/lib/db/client";
import { DomainError, type FieldErrors } from "@/lib/errors";
import { declarationSubjectId } from "@/lib/paths";
import type { Representative } from "@/lib/registry/authz";
import { refuseIf } from "@/lib/registry/declaration-input";
import {
  type DeclarationRow,
  lockDeclaration,
  type ReleaseRow,
  usableRelease,
} from "@/lib/registry/declaration-rows";
import { refuseBarredProduct } from "@/lib/registry/relisting";
import {
  addMonths,
  answerProblems,
  claimProblems,
  type DeclarationBody,
  type DeclarationState,
  declarationDigest,
  publishedBody,
  requiredClauses,
  sameBody,
} from "@/lib/registry/rules";
import {
  declarationEvidence,
  declarations,
  declarationVersions,
  evidenceLinks,
} from "@/lib/registry/schema";
import { markTermsOf, needsReview } from "@/lib/registry/terms";

/*
 * Publishing a declaration: its working copy, complete, frozen as a new immutable version with
 * the SHA-256 of its canonical JSON. A first publication lists it for a term (or sends it to
 * the advisory group where the charter asks for a review); a reaffirmation renews the term.
 */

/** When a listing's term runs: kept while one is running, a new one otherwise. */
export function termFrom(
  row: Pick<DeclarationRow, "listedAt" | "expiresAt" | "remindedDays">,
  months: number,
  now: Date,
) {
  if (row.listedAt && row.expiresAt && row.expiresAt > now) {
    return { listedAt: row.listedAt, expiresAt: row.expiresAt, remindedDays: row.remindedDays };
  }
  return { listedAt: now, expiresAt: addMonths(now, months), remindedDays: null };
}

/** "2027-11-29": how the log words a term's end. */
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

type Frozen = {
  body: DeclarationBody;
  release: ReleaseRow;
  version: number;
  digest: string;
  /** Whether the answers differ from the latest version's (always true for a first one). */
  changed: boolean;
};

async function latestBody(tx: Transaction, row: DeclarationRow) {
  if (row.latestVersion === 0) return null;
  const [latest] = await tx
    .select({ body: declarationVersions.body })
    .from(declarationVersions)
    .where(eq(declarationVersions.declarationId, row.id))
    .orderBy(desc(declarationVersions.version))
    .limit(1);
  return latest?.body ?? null;
}

/** Validates the working copy against its release and freezes it as the next version. */
async function freeze(
  tx: Transaction,
  rep: Representative,
  row: DeclarationRow,
  kind: "published" | "reaffirmed",
  now: Date,
): Promise<Frozen> {
  const release = await usableRelease(tx, row.standardId, row.working.release.version);
  const content = release.content;
  const problems: FieldErrors = {
    ...claimProblems(content, row.working.claims),
    ...answerProblems(requiredClauses(content, row.working.claims), row.working.answers),
  };
  refuseIf(problems);
  const body = publishedBody(content, {
    ...row.working,
    release: { version: release.version, digest: release.digest },
  });
  const previous = await latestBody(tx, row);
  const changed = previous === null || !sameBody(previous, body);
  if (kind === "published" && !changed) {
    throw new DomainError("invalid_input", { form: "no_changes" });
  }
  const version = row.latestVersion + 1;
  const digest = declarationDigest(body);
  await tx.insert(declarationVersions).values({
    declarationId: row.id,
    version,
    releaseId: release.id,
    body,
    digest,
    kind,
    publishedBy: rep.id,
    publishedAt: now,
  });
  await replaceEvidence(tx, row.id, body, now);
  return { body, release, version, digest, changed };
}

/** The checker's list follows the latest version: its URLs replace the previous ones. */
async function replaceEvidence(
  tx: Transaction,
  declarationId: string,
  body: DeclarationBody,
  now: Date,
) {
  await tx.delete(declarationEvidence).where(eq(declarationEvidence.declarationId, declarationId));
  const cited = body.answers.flatMap((answer) =>
    answer.evidence.map((url) => ({ declarationId, ref: answer.ref, url })),
  );
  if (cited.length === 0) return;
  await tx.insert(declarationEvidence).values(cited).onConflictDoNothing();
  const urls = [...new Set(cited.map((entry) => entry.url))];
  await tx
    .insert(evidenceLinks)
    .values(
      urls.map((url) => ({
        url,
        host: new URL(url).hostname,
        state: "unchecked" as const,
        changedAt: now,
        nextCheckAt: now,
      })),
    )
    .onConflictDoNothing();
}

async function settle(
  tx: Transaction,
  rep: Representative,
  row: DeclarationRow,
  frozen: Frozen,
  next: { state: DeclarationState; term: ReturnType<typeof termFrom> | null },
  now: Date,
) {
  const becameListed = next.state === "listed" && row.state !== "listed";
  await tx
    .update(declarations)
    .set({
      releaseId: frozen.release.id,
      latestVersion: frozen.version,
      productName: frozen.body.product.name,
      claims: frozen.body.claims,
      state: next.state,
      stateReason: null,
      ...(next.state !== row.state ? { stateChangedAt: now } : {}),
      ...(next.term ?? {}),
      updatedAt: now,
    })
    .where(and(eq(declarations.id, row.id), eq(declarations.latestVersion, row.latestVersion)));
  if (becameListed && next.term) {
    await recordAudit(tx, {
      at: now,
      actorId: rep.id,
      action: "registry.declaration_listed",
      subjectType: "declaration",
      subjectId: declarationSubjectId(row.number),
      details: { expires: isoDay(next.term.expiresAt) },
    });
  }
}

/**
 * Publishes the working copy as version n+1. It is listed at once, or waits for the advisory
 * group where the charter asks for a review of these claims. A body identical to the latest
 * version is refused: that is a reaffirmation, not a change.
 */
export async function publishDeclaration(
  db: Database,
  rep: Representative,
  number: number,
  now = new Date(),
): Promise<{ version: number; state: DeclarationState }> {
  return db.transaction(async (tx) => {
    const row = await lockDeclaration(tx, rep, number);
    await refuseBarredProduct(
      tx,
      {
        organisationId: row.organisationId,
        productName: row.working.product.name,
        except: row.id,
      },
      now,
    );
    const frozen = await freeze(tx, rep, row, "published", now);
    const terms = await markTermsOf(tx, row.standardId);
    const levels = frozen.release.content.levels.map((level) => level.name);
    const claimed = frozen.body.claims.map((claim) => claim.level);
    const state = needsReview(terms, claimed, levels) ? "pending_review" : "listed";
    await recordAudit(tx, {
      at: now,
      actorId: rep.id,
      action: "registry.declaration_published",
      subjectType: "declaration",
      subjectId: declarationSubjectId(number),
      details: {
        version: frozen.version,
        product: frozen.body.product.name,
        digest: frozen.digest,
      },
    });
    const term = state === "listed" ? termFrom(row, terms.listingTermMonths, now) : null;
    await settle(tx, rep, row, frozen, { state, term }, now);
    return { version: frozen.version, state };
  });
}

/**
 * Renews a listed or lapsed declaration for a new term, as version n+1, with or without
 * changes. Changed answers wait for a review where the charter asks for one.
 */
export async function reaffirmDeclaration(
  db: Database,
  rep: Representative,
  number: number,
  now = new Date(),
): Promise<{ version: number; state: DeclarationState; expiresAt: Date }> {
  return db.transaction(async (tx) => {
    const row = await lockDeclaration(tx, rep, number);
    if (row.state !== "listed" && row.state !== "lapsed") throw new DomainError("conflict");
    const frozen = await freeze(tx, rep, row, "reaffirmed", now);
    const terms = await markTermsOf(tx, row.standardId);
    const levels = frozen.release.content.levels.map((level) => level.name);
    const claimed = frozen.body.claims.map((claim) => claim.level);
    const review = frozen.changed && needsReview(terms, claimed, levels);
    const expiresAt = addMonths(now, terms.listingTermMonths);
    // A lapsed listing comes back as a new listing; a running one keeps the day it began.
    const listedAt = row.state === "lapsed" || !row.listedAt ? now : row.listedAt;
    const term = { listedAt, expiresAt, remindedDays: null };
    await recordAudit(tx, {
      at: now,
      actorId: rep.id,
      action: "registry.declaration_reaffirmed",
      subjectType: "declaration",
      subjectId: declarationSubjectId(number),
      details: { version: frozen.version, expires: isoDay(expiresAt) },
    });
    const state = review ? "pending_review" : "listed";
    await settle(tx, rep, row, frozen, { state, term }, now);
    return { version: frozen.version, state, expiresAt };
  });
}
