import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/mutations";
import type { Secretariat } from "@/lib/community/authz";
import type { Database, Transaction } from "@/lib/db/client";
import { calls } from "@/lib/decisions/schema";
import { lockStandard } from "@/lib/drafting/queries";
import { standards } from "@/lib/drafting/schema";
import { DomainError, fieldError } from "@/lib/errors";
import { releaseSubjectId } from "@/lib/paths";
import { draftCandidate } from "@/lib/releases/build";
import { contentDigest, contentProblems, type ReleaseContent } from "@/lib/releases/content";
import { releaseCandidates, releases, releaseWithdrawals } from "@/lib/releases/schema";
import { compareVersions, parseVersion } from "@/lib/releases/versions";
import { plainText } from "@/lib/validation";

export const prepareReleaseSchema = z.object({
  version: z
    .string(fieldError("required"))
    .trim()
    .refine((value) => parseVersion(value) !== null, fieldError("invalid_version")),
  notes: plainText(10_000),
});
export type PrepareReleaseInput = z.output<typeof prepareReleaseSchema>;

/**
 * Freezes the adopted text of every clause as a candidate, in the caller's transaction, for the
 * call that may publish it. The version must come after every published one and not be claimed
 * by a pending call.
 */
export async function insertCandidate(
  tx: Transaction,
  managerId: string,
  standardId: string,
  input: PrepareReleaseInput,
  now: Date,
): Promise<{ id: string; standardName: string; leftOut: string[] }> {
  const version = parseVersion(input.version);
  if (!version) throw new DomainError("invalid_input", { version: "invalid_version" });
  const standard = await lockStandard(tx, standardId);
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
      preparedBy: managerId,
      preparedAt: now,
    })
    .returning({ id: releaseCandidates.id });
  if (!candidate) throw new DomainError("internal");
  return { id: candidate.id, standardName: standard.name, leftOut: draft.leftOut };
}

/** The secretariat marks a release withdrawn, with a reason; its content stays readable. */
export async function withdrawRelease(
  db: Database,
  secretary: Secretariat,
  releaseId: string,
  reason: string,
  now = new Date(),
): Promise<void> {
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
      subjectId: releaseSubjectId(release.slug, release.version),
      details: { reason },
    });
  });
}
