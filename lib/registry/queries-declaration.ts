import "server-only";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { charters } from "@/lib/decisions/schema";
import { standards } from "@/lib/drafting/schema";
import type { DeclarationBody, DeclarationState } from "@/lib/registry/rules";
import {
  declarations,
  declarationVersions,
  evidenceLinks,
  organisations,
} from "@/lib/registry/schema";
import type { ReleaseContent, ReleaseLevel, ReleaseModule } from "@/lib/releases/content";
import { releases } from "@/lib/releases/schema";

export type EvidenceCheck = {
  state: "unchecked" | "ok" | "moved" | "broken";
  status: number | null;
  finalUrl: string | null;
  problem: string | null;
  checkedAt: Date | null;
};

export type VersionSummary = {
  version: number;
  kind: string;
  digest: string;
  publishedAt: Date;
};

export type PublicDeclaration = {
  id: string;
  organisationId: string;
  number: number;
  state: DeclarationState;
  stateReason: string | null;
  stateNote: string | null;
  stateChangedAt: Date;
  listedAt: Date | null;
  expiresAt: Date | null;
  /** Until when a struck-off product may not be listed again without the AG's leave. */
  relistingBarredUntil: Date | null;
  latestVersion: number;
  organisation: { name: string; slug: string; country: string; verifiedDomain: string | null };
  standard: { slug: string; name: string };
  /** The release the shown version answers, whole: clause titles and strengths come from it. */
  release: { version: string; content: ReleaseContent };
  /** The version shown, and its body exactly as published. */
  shown: VersionSummary & { body: DeclarationBody };
  versions: VersionSummary[];
  /** The last check of each evidence URL the shown version cites; absent ones are unchecked. */
  evidence: Map<string, EvidenceCheck>;
};

const versionColumns = {
  version: declarationVersions.version,
  kind: declarationVersions.kind,
  digest: declarationVersions.digest,
  publishedAt: declarationVersions.publishedAt,
};

/** The declaration's head row, if it was ever published: a draft is nobody's business yet. */
async function publishedHead(db: Executor, number: number) {
  if (!Number.isSafeInteger(number) || number < 1 || number > 2_147_483_647) return null;
  const [row] = await db
    .select({
      id: declarations.id,
      organisationId: declarations.organisationId,
      number: declarations.number,
      state: declarations.state,
      stateReason: declarations.stateReason,
      stateNote: declarations.stateNote,
      stateChangedAt: declarations.stateChangedAt,
      listedAt: declarations.listedAt,
      expiresAt: declarations.expiresAt,
      relistingBarredUntil: declarations.relistingBarredUntil,
      latestVersion: declarations.latestVersion,
      organisation: {
        name: organisations.name,
        slug: organisations.slug,
        country: organisations.country,
        verifiedDomain: organisations.verifiedDomain,
      },
      standard: { slug: standards.slug, name: standards.name },
    })
    .from(declarations)
    .innerJoin(organisations, eq(organisations.id, declarations.organisationId))
    .innerJoin(standards, eq(standards.id, declarations.standardId))
    .where(and(eq(declarations.number, number), gt(declarations.latestVersion, 0)));
  return row ?? null;
}

/** A declaration as the public reads it, at its latest version or at `version`. */
export async function publicDeclaration(
  db: Executor,
  number: number,
  version?: number,
): Promise<PublicDeclaration | null> {
  const head = await publishedHead(db, number);
  if (!head) return null;
  const wanted = version ?? head.latestVersion;
  const [versions, [shown]] = await Promise.all([
    db
      .select(versionColumns)
      .from(declarationVersions)
      .where(eq(declarationVersions.declarationId, head.id))
      .orderBy(asc(declarationVersions.version)),
    db
      .select({
        ...versionColumns,
        body: declarationVersions.body,
        releaseVersion: releases.version,
        content: releases.content,
      })
      .from(declarationVersions)
      .innerJoin(releases, eq(releases.id, declarationVersions.releaseId))
      .where(
        and(
          eq(declarationVersions.declarationId, head.id),
          eq(declarationVersions.version, wanted),
        ),
      ),
  ]);
  if (!shown) return null;
  const urls = [...new Set(shown.body.answers.flatMap((answer) => answer.evidence))];
  const checks =
    urls.length === 0
      ? []
      : await db
          .select({
            url: evidenceLinks.url,
            state: evidenceLinks.state,
            status: evidenceLinks.status,
            finalUrl: evidenceLinks.finalUrl,
            problem: evidenceLinks.problem,
            checkedAt: evidenceLinks.checkedAt,
          })
          .from(evidenceLinks)
          .where(inArray(evidenceLinks.url, urls));
  return {
    ...head,
    release: { version: shown.releaseVersion, content: shown.content },
    shown: {
      version: shown.version,
      kind: shown.kind,
      digest: shown.digest,
      publishedAt: shown.publishedAt,
      body: shown.body,
    },
    versions,
    evidence: new Map(checks.map(({ url, ...check }) => [url, check])),
  };
}

/** Two published versions' bodies, for a comparison; null unless both exist and differ. */
export async function declarationVersionPair(
  db: Executor,
  number: number,
  from: number,
  to: number,
) {
  if (from === to) return null;
  const head = await publishedHead(db, number);
  if (!head) return null;
  const rows = await db
    .select({ ...versionColumns, body: declarationVersions.body, content: releases.content })
    .from(declarationVersions)
    .innerJoin(releases, eq(releases.id, declarationVersions.releaseId))
    .where(
      and(
        eq(declarationVersions.declarationId, head.id),
        inArray(declarationVersions.version, [from, to]),
      ),
    );
  const older = rows.find((row) => row.version === from);
  const newer = rows.find((row) => row.version === to);
  if (!older || !newer) return null;
  return { head, from: older, to: newer };
}

/** Every published version with its body, oldest first: what the canonical JSON carries. */
export async function publishedVersions(db: Executor, number: number) {
  const head = await publishedHead(db, number);
  if (!head) return null;
  const versions = await db
    .select({ ...versionColumns, body: declarationVersions.body })
    .from(declarationVersions)
    .where(eq(declarationVersions.declarationId, head.id))
    .orderBy(asc(declarationVersions.version));
  return { head, versions };
}

/** What the badge needs: the row's own state, never a copy of it. */
export async function badgeFacts(db: Executor, number: number) {
  if (!Number.isSafeInteger(number) || number < 1 || number > 2_147_483_647) return null;
  const [row] = await db
    .select({
      state: declarations.state,
      claims: declarations.claims,
      /** Shown on the badge only where the standard's charter says so. */
      underChallenge: sql<boolean>`${declarations.openChallenges} > 0 and coalesce(${charters.challengeOnBadge}, false)`,
      standardName: standards.name,
      version: releases.version,
      modules: sql<ReleaseModule[]>`${releases.content}->'modules'`,
      levels: sql<ReleaseLevel[]>`${releases.content}->'levels'`,
    })
    .from(declarations)
    .innerJoin(standards, eq(standards.id, declarations.standardId))
    .innerJoin(releases, eq(releases.id, declarations.releaseId))
    .leftJoin(charters, eq(charters.standardId, declarations.standardId))
    .where(and(eq(declarations.number, number), gt(declarations.latestVersion, 0)));
  return row ?? null;
}
