import "server-only";
import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { standards } from "@/lib/drafting/schema";
import type { DeclarationRow } from "@/lib/registry/declaration-rows";
import { type Answer, requiredClauses } from "@/lib/registry/rules";
import {
  declarationReviews,
  declarations,
  declarationVersions,
  organisations,
} from "@/lib/registry/schema";
import type { ReleaseClause, ReleaseContent } from "@/lib/releases/content";
import { releases, releaseWithdrawals } from "@/lib/releases/schema";

/*
 * What the declaration pages read: the releases one may declare against, the working copy with
 * its release and the clauses its claims require, and the latest review's comments.
 */

export type ReleaseChoice = {
  standardSlug: string;
  standardName: string;
  version: string;
  publishedAt: Date;
};

/** Published, not withdrawn releases, newest first within each standard. */
export async function usableReleases(db: Executor, standardId?: string): Promise<ReleaseChoice[]> {
  return db
    .select({
      standardSlug: standards.slug,
      standardName: standards.name,
      version: releases.version,
      publishedAt: releases.publishedAt,
    })
    .from(releases)
    .innerJoin(standards, eq(standards.id, releases.standardId))
    .leftJoin(releaseWithdrawals, eq(releaseWithdrawals.releaseId, releases.id))
    .where(
      and(
        isNull(releaseWithdrawals.releaseId),
        standardId ? eq(releases.standardId, standardId) : undefined,
      ),
    )
    .orderBy(asc(standards.name), desc(releases.publishedAt));
}

export type LatestReview = {
  version: number;
  verdict: "approved" | "changes_requested";
  comments: Record<string, string>;
  at: Date;
};

async function latestReview(db: Executor, declarationId: string): Promise<LatestReview | null> {
  const [row] = await db
    .select({
      version: declarationReviews.version,
      verdict: declarationReviews.verdict,
      comments: declarationReviews.comments,
      at: declarationReviews.at,
    })
    .from(declarationReviews)
    .where(eq(declarationReviews.declarationId, declarationId))
    .orderBy(desc(declarationReviews.at))
    .limit(1);
  return row ?? null;
}

export type WorkingCopy = {
  declaration: DeclarationRow;
  organisation: { id: string; slug: string; name: string };
  standardName: string;
  /** The working copy's release, or null when it was withdrawn since. */
  content: ReleaseContent | null;
  releases: ReleaseChoice[];
  /** A release of the standard newer than the working copy's, when there is one. */
  newer: string | null;
  required: ReleaseClause[];
  answers: Map<string, Answer>;
  review: LatestReview | null;
};

/** The working copy of declaration `number`, with what its edit page shows beside it. */
export async function getWorkingCopy(db: Executor, number: number): Promise<WorkingCopy | null> {
  const [row] = await db
    .select({
      declaration: declarations,
      organisation: organisations,
      standardName: standards.name,
    })
    .from(declarations)
    .innerJoin(organisations, eq(organisations.id, declarations.organisationId))
    .innerJoin(standards, eq(standards.id, declarations.standardId))
    .where(eq(declarations.number, number));
  if (!row) return null;
  const { declaration } = row;
  const choices = await usableReleases(db, declaration.standardId);
  const [release] = await db
    .select({ content: releases.content })
    .from(releases)
    .where(
      and(
        eq(releases.standardId, declaration.standardId),
        eq(releases.version, declaration.working.release.version),
      ),
    );
  const content = release?.content ?? null;
  const current = choices.find((choice) => choice.version === declaration.working.release.version);
  const newest = choices[0];
  return {
    declaration,
    organisation: {
      id: row.organisation.id,
      slug: row.organisation.slug,
      name: row.organisation.name,
    },
    standardName: row.standardName,
    content,
    releases: choices,
    newer: newest && (!current || newest.publishedAt > current.publishedAt) ? newest.version : null,
    required: content ? requiredClauses(content, declaration.working.claims) : [],
    answers: new Map(declaration.working.answers.map((answer) => [answer.ref, answer])),
    review: await latestReview(db, declaration.id),
  };
}

export type PendingVersion = {
  declaration: DeclarationRow;
  organisationName: string;
  version: typeof declarationVersions.$inferSelect;
  content: ReleaseContent;
  clauses: Map<string, ReleaseClause>;
};

/** The version waiting for review, with its release's clauses; null when none is waiting. */
export async function getPendingVersion(
  db: Executor,
  number: number,
): Promise<PendingVersion | null> {
  const [row] = await db
    .select({
      declaration: declarations,
      organisationName: organisations.name,
      version: declarationVersions,
      content: releases.content,
    })
    .from(declarations)
    .innerJoin(organisations, eq(organisations.id, declarations.organisationId))
    .innerJoin(
      declarationVersions,
      and(
        eq(declarationVersions.declarationId, declarations.id),
        eq(declarationVersions.version, declarations.latestVersion),
      ),
    )
    .innerJoin(releases, eq(releases.id, declarationVersions.releaseId))
    .where(and(eq(declarations.number, number), eq(declarations.state, "pending_review")));
  if (!row) return null;
  return {
    ...row,
    clauses: new Map(row.content.clauses.map((clause) => [clause.ref, clause])),
  };
}
