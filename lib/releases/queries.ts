import "server-only";
import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { calls } from "@/lib/decisions/schema";
import { standards } from "@/lib/drafting/schema";
import { releaseCandidates, releases, releaseWithdrawals } from "@/lib/releases/schema";
import { compareVersions, parseVersion } from "@/lib/releases/versions";

export type ReleaseRow = typeof releases.$inferSelect & {
  callNumber: number;
  withdrawal: { reason: string; at: Date } | null;
};

/** Newest version first. */
function byVersionDescending(a: { version: string }, b: { version: string }): number {
  const left = parseVersion(a.version);
  const right = parseVersion(b.version);
  return left && right ? compareVersions(right, left) : 0;
}

/** Every published release of a standard, newest version first, with withdrawals. */
export async function listReleases(db: Executor, slug: string): Promise<ReleaseRow[]> {
  const rows = await db
    .select({ release: releases, callNumber: calls.number, withdrawal: releaseWithdrawals })
    .from(releases)
    .innerJoin(standards, eq(standards.id, releases.standardId))
    .innerJoin(calls, eq(calls.id, releases.callId))
    .leftJoin(releaseWithdrawals, eq(releaseWithdrawals.releaseId, releases.id))
    .where(eq(standards.slug, slug));
  return rows
    .map(({ release, callNumber, withdrawal }) => ({
      ...release,
      callNumber,
      withdrawal: withdrawal ? { reason: withdrawal.reason, at: withdrawal.withdrawnAt } : null,
    }))
    .sort(byVersionDescending);
}

export type ReleaseView = ReleaseRow & {
  /** The newest release that is not withdrawn: the one every other release points to. */
  latest: ReleaseRow | null;
  all: ReleaseRow[];
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
  return release ? { ...release, latest, all } : null;
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
