import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { calls } from "@/lib/decisions/schema";
import { standards } from "@/lib/drafting/schema";
import { releaseCandidates, releases, releaseWithdrawals } from "@/lib/releases/schema";
import { compareVersions, parseVersion } from "@/lib/releases/versions";

/** A release as lists show it: everything but its content and trace, which may be megabytes. */
export type ReleaseSummary = Omit<typeof releases.$inferSelect, "content" | "trace"> & {
  callNumber: number;
  withdrawal: { reason: string; at: Date } | null;
  /** The release notes and the standard's name as the release recorded them. */
  notes: string;
  standardName: string;
};

/** One release in full, with what a list knows of it. */
export type ReleaseRow = ReleaseSummary & Pick<typeof releases.$inferSelect, "content" | "trace">;

/** Newest version first. */
function byVersionDescending(a: { version: string }, b: { version: string }): number {
  const left = parseVersion(a.version);
  const right = parseVersion(b.version);
  return left && right ? compareVersions(right, left) : 0;
}

/**
 * Every published release of a standard, newest version first, with withdrawals. Contents stay
 * in the database: a standard of a thousand clauses with ten releases would otherwise bring
 * every one of them to draw one.
 */
export async function listReleases(db: Executor, slug: string): Promise<ReleaseSummary[]> {
  const rows = await db
    .select({
      id: releases.id,
      standardId: releases.standardId,
      version: releases.version,
      digest: releases.digest,
      candidateId: releases.candidateId,
      callId: releases.callId,
      publishedAt: releases.publishedAt,
      notes: sql<string>`${releases.content}->>'notes'`,
      standardName: sql<string>`${releases.content}->'standard'->>'name'`,
      callNumber: calls.number,
      withdrawal: releaseWithdrawals,
    })
    .from(releases)
    .innerJoin(standards, eq(standards.id, releases.standardId))
    .innerJoin(calls, eq(calls.id, releases.callId))
    .leftJoin(releaseWithdrawals, eq(releaseWithdrawals.releaseId, releases.id))
    .where(eq(standards.slug, slug));
  return rows
    .map(({ withdrawal, ...release }) => ({
      ...release,
      notes: release.notes ?? "",
      standardName: release.standardName ?? "",
      withdrawal: withdrawal ? { reason: withdrawal.reason, at: withdrawal.withdrawnAt } : null,
    }))
    .sort(byVersionDescending);
}

export type ReleaseView = ReleaseRow & {
  /** The newest release that is not withdrawn: the one every other release points to. */
  latest: ReleaseSummary | null;
  all: ReleaseSummary[];
};

/** One release with what readers need around it; `version` "latest" means the current one. */
export async function getRelease(
  db: Executor,
  slug: string,
  version: string,
): Promise<ReleaseView | null> {
  const all = await listReleases(db, slug);
  const latest = all.find((release) => !release.withdrawal) ?? null;
  const release = version === "latest" ? latest : all.find((row) => row.version === version);
  if (!release) return null;
  const [full] = await db
    .select({ content: releases.content, trace: releases.trace })
    .from(releases)
    .where(eq(releases.id, release.id));
  return full ? { ...release, ...full, latest, all } : null;
}

/** The release candidate a release call decides on. */
export async function getCandidate(db: Executor, candidateId: string) {
  const [candidate] = await db
    .select()
    .from(releaseCandidates)
    .where(eq(releaseCandidates.id, candidateId));
  return candidate ?? null;
}

/** The version a candidate was published as, if it was. */
export async function releaseOfCandidate(db: Executor, candidateId: string) {
  const [row] = await db
    .select({ version: releases.version })
    .from(releases)
    .where(eq(releases.candidateId, candidateId));
  return row?.version ?? null;
}
