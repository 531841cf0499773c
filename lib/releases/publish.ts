import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/mutations";
import type { Transaction } from "@/lib/db/client";
import { callSubjectId, releaseSubjectId } from "@/lib/paths";
import { contentDigest } from "@/lib/releases/content";
import { releaseCandidates, releases } from "@/lib/releases/schema";

/**
 * Publishes the candidate an adopted release call decided on, in the call's transaction. The
 * digest is computed again from the stored content, so what is published is what was hashed.
 */
export async function publishCandidate(
  tx: Transaction,
  call: { id: string; number: number; slug: string; releaseId: string | null },
  now: Date,
): Promise<void> {
  if (!call.releaseId) throw new Error(`call ${call.number} has no release candidate`);
  const [candidate] = await tx
    .select()
    .from(releaseCandidates)
    .where(eq(releaseCandidates.id, call.releaseId));
  if (!candidate) throw new Error(`release candidate of call ${call.number} is missing`);
  const digest = contentDigest(candidate.content);
  if (digest !== candidate.digest) {
    throw new Error(`release candidate ${candidate.version} does not match its digest`);
  }
  await tx.insert(releases).values({
    standardId: candidate.standardId,
    version: candidate.version,
    content: candidate.content,
    digest,
    trace: candidate.trace,
    candidateId: candidate.id,
    callId: call.id,
    publishedAt: now,
  });
  await recordAudit(tx, {
    at: now,
    actorId: null,
    action: "releases.published",
    subjectType: "release",
    subjectId: releaseSubjectId(call.slug, candidate.version),
    details: { digest, call: callSubjectId(call.slug, call.number) },
  });
}
