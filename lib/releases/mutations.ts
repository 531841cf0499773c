import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/mutations";
import { recordRefusal, requireSecretariat } from "@/lib/community/authz";
import { holdsRole } from "@/lib/community/rules";
import { loadViewer, type Viewer } from "@/lib/community/viewer";
import type { Database } from "@/lib/db/client";
import { insertCall } from "@/lib/decisions/mutations";
import { calls } from "@/lib/decisions/schema";
import { standards } from "@/lib/drafting/schema";
import { DomainError } from "@/lib/errors";
import { draftCandidate } from "@/lib/releases/build";
import { contentDigest, contentProblems, type ReleaseContent } from "@/lib/releases/content";
import { releaseCandidates, releases, releaseWithdrawals } from "@/lib/releases/schema";
import { compareVersions, parseVersion } from "@/lib/releases/versions";
import { plainText } from "@/lib/validation";

export const prepareReleaseSchema = z.object({
  version: z
    .string({ error: "required" })
    .trim()
    .refine((value) => parseVersion(value) !== null, { error: "invalid_version" }),
  notes: plainText(10_000),
});
export type PrepareReleaseInput = z.output<typeof prepareReleaseSchema>;

/** The secretariat and the AG chair prepare releases; checked against the terms at `now`. */
async function requireReleaseManager(db: Database, viewer: Viewer | null, now: Date) {
  if (!viewer) throw new DomainError("unauthenticated");
  const current = await loadViewer(db, viewer.id, now);
  if (current?.isSecretariat || (current && holdsRole(current.roles, "advisory_group", "chair"))) {
    return current;
  }
  await recordRefusal(db, viewer.id, "releases.prepare", "not_release_manager");
  throw new DomainError("forbidden");
}

/**
 * Freezes the adopted text of every clause as a candidate and opens the call that may publish
 * it. The version must come after every published one and not be claimed by a pending call.
 */
export async function prepareRelease(
  db: Database,
  viewer: Viewer | null,
  standardId: string,
  input: PrepareReleaseInput,
  now = new Date(),
): Promise<{ callNumber: number; leftOut: string[] }> {
  const manager = await requireReleaseManager(db, viewer, now);
  const version = parseVersion(input.version);
  if (!version) throw new DomainError("invalid_input", { version: "invalid_version" });
  return db.transaction(async (tx) => {
    const [standard] = await tx
      .select()
      .from(standards)
      .where(eq(standards.id, standardId))
      .for("update");
    if (!standard) throw new DomainError("not_found");
    const published = await tx
      .select({ version: releases.version })
      .from(releases)
      .where(eq(releases.standardId, standardId));
    for (const row of published) {
      const other = parseVersion(row.version);
      if (other && compareVersions(version, other) <= 0) {
        throw new DomainError("invalid_input", { version: "version_not_later" });
      }
    }
    const pending = await tx
      .select({ id: calls.id })
      .from(calls)
      .innerJoin(releaseCandidates, eq(releaseCandidates.id, calls.releaseId))
      .where(
        and(
          eq(releaseCandidates.version, input.version),
          eq(releaseCandidates.standardId, standardId),
          inArray(calls.phase, ["open", "escalated_ag", "ag_decided", "escalated_sc", "appealed"]),
        ),
      );
    if (pending.length > 0) throw new DomainError("invalid_input", { version: "version_pending" });
    const draft = await draftCandidate(tx, standardId);
    const content: ReleaseContent = {
      ...draft.content,
      version: input.version,
      notes: input.notes,
    };
    if (content.clauses.length === 0) {
      throw new DomainError("invalid_input", { version: "nothing_adopted" });
    }
    const problems = contentProblems(content);
    if (problems.length > 0)
      throw new Error(`release content is inconsistent: ${problems.join("; ")}`);
    const [candidate] = await tx
      .insert(releaseCandidates)
      .values({
        standardId,
        version: input.version,
        content,
        digest: contentDigest(content),
        trace: draft.trace,
        leftOut: draft.leftOut,
        preparedBy: manager.id,
        preparedAt: now,
      })
      .returning({ id: releaseCandidates.id });
    if (!candidate) throw new DomainError("internal");
    const call = await insertCall(
      tx,
      manager.id,
      standardId,
      {
        kind: "release",
        title: `Publish ${standard.name} ${input.version}`,
        description: input.notes,
        organisations: "",
        clauseId: null,
        revisionId: null,
        releaseId: candidate.id,
      },
      now,
    );
    return { callNumber: call.number, leftOut: draft.leftOut };
  });
}

/** The secretariat marks a release withdrawn, with a reason; its content stays readable. */
export async function withdrawRelease(
  db: Database,
  viewer: Viewer | null,
  releaseId: string,
  reason: string,
  now = new Date(),
): Promise<void> {
  const secretary = await requireSecretariat(db, viewer, "releases.withdraw");
  if (!reason.trim()) throw new DomainError("invalid_input", { reason: "required" });
  await db.transaction(async (tx) => {
    const [release] = await tx
      .select({ version: releases.version, slug: standards.slug })
      .from(releases)
      .innerJoin(standards, eq(standards.id, releases.standardId))
      .where(eq(releases.id, releaseId));
    if (!release) throw new DomainError("not_found");
    const inserted = await tx
      .insert(releaseWithdrawals)
      .values({ releaseId, reason, withdrawnBy: secretary.id, withdrawnAt: now })
      .onConflictDoNothing()
      .returning({ id: releaseWithdrawals.releaseId });
    if (inserted.length === 0) throw new DomainError("conflict");
    await recordAudit(tx, {
      at: now,
      actorId: secretary.id,
      action: "releases.withdrawn",
      subjectType: "release",
      subjectId: `${release.slug}/${release.version}`,
      details: { reason },
    });
  });
}
