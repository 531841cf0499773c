import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { addDays } from "@/lib/decisions/rules";
import { standards } from "@/lib/drafting/schema";
import type { Claim } from "@/lib/registry/rules";
import { declarations } from "@/lib/registry/schema";
import { markTermsOf } from "@/lib/registry/terms";
import { type TransitionChanges, whatNewReleaseRequires } from "@/lib/registry/transition";
import { releases, releaseWithdrawals } from "@/lib/releases/schema";
import { compareVersions, parseVersion } from "@/lib/releases/versions";

/** A release as the transition rules see it: which standard, which version, since when. */
export type ReleaseStanding = {
  id: string;
  standardId: string;
  version: string;
  publishedAt: Date;
  withdrawn: boolean;
};

/** Whether release `a` comes before release `b` by version; unparsable versions never do. */
export function isOlderRelease(a: { version: string }, b: { version: string }): boolean {
  const left = parseVersion(a.version);
  const right = parseVersion(b.version);
  return left !== null && right !== null && compareVersions(left, right) < 0;
}

/** Every release of the given standards (or of all), with whether it was withdrawn. */
export async function releaseStandings(
  tx: Executor,
  standardIds?: string[],
): Promise<ReleaseStanding[]> {
  const rows = await tx
    .select({
      id: releases.id,
      standardId: releases.standardId,
      version: releases.version,
      publishedAt: releases.publishedAt,
      withdrawnAt: releaseWithdrawals.withdrawnAt,
    })
    .from(releases)
    .leftJoin(releaseWithdrawals, eq(releaseWithdrawals.releaseId, releases.id))
    .where(standardIds ? inArray(releases.standardId, standardIds) : undefined);
  return rows.map(({ withdrawnAt, ...row }) => ({ ...row, withdrawn: withdrawnAt !== null }));
}

/** Each standard's newest release that is not withdrawn: the one listings must move to. */
export function latestByStandard(standings: ReleaseStanding[]): Map<string, ReleaseStanding> {
  const latest = new Map<string, ReleaseStanding>();
  for (const release of standings) {
    if (release.withdrawn) continue;
    const current = latest.get(release.standardId);
    if (!current || isOlderRelease(current, release)) latest.set(release.standardId, release);
  }
  return latest;
}

export type ReleaseTransition = {
  /** The release the declaration answers. */
  from: { id: string; version: string };
  /** The newest release of its standard. */
  latest: { id: string; version: string };
  standardSlug: string;
  publishedAt: Date;
  /** When the listing lapses unless it is declared again against the newest release. */
  transitionEndsAt: Date;
  changes: TransitionChanges;
};

/**
 * Where a declaration stands against the newest release of its standard: null while it answers
 * that release (or has published nothing), else what the newer release asks of it and until
 * when the listing keeps its state.
 */
export async function transitionOf(
  tx: Executor,
  declaration: { standardId: string; releaseId: string | null; claims: Claim[] | null },
): Promise<ReleaseTransition | null> {
  if (!declaration.releaseId) return null;
  const latest = latestByStandard(await releaseStandings(tx, [declaration.standardId])).get(
    declaration.standardId,
  );
  if (!latest || latest.id === declaration.releaseId) return null;
  const [pair, [standard], terms] = await Promise.all([
    tx
      .select({ id: releases.id, version: releases.version, content: releases.content })
      .from(releases)
      .where(inArray(releases.id, [declaration.releaseId, latest.id])),
    tx
      .select({ slug: standards.slug })
      .from(standards)
      .where(eq(standards.id, declaration.standardId)),
    markTermsOf(tx, declaration.standardId),
  ]);
  const from = pair.find((release) => release.id === declaration.releaseId);
  const to = pair.find((release) => release.id === latest.id);
  if (!from || !to || !standard || !isOlderRelease(from, to)) return null;
  return {
    from: { id: from.id, version: from.version },
    latest: { id: to.id, version: to.version },
    standardSlug: standard.slug,
    publishedAt: latest.publishedAt,
    transitionEndsAt: addDays(latest.publishedAt, terms.transitionDays),
    changes: whatNewReleaseRequires(from.content, to.content, declaration.claims ?? []),
  };
}

/** The same, for a declaration named by its id; null when there is no such declaration. */
export async function transitionOfDeclaration(
  tx: Executor,
  declarationId: string,
): Promise<ReleaseTransition | null> {
  const [row] = await tx
    .select({
      standardId: declarations.standardId,
      releaseId: declarations.releaseId,
      claims: declarations.claims,
    })
    .from(declarations)
    .where(eq(declarations.id, declarationId));
  return row ? transitionOf(tx, row) : null;
}
