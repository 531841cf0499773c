import "server-only";
import type { Database } from "@/lib/db/client";
import { insertCall } from "@/lib/decisions/calls";
import type { ReleaseManager } from "@/lib/releases/authz";
import { insertCandidate, type PrepareReleaseInput } from "@/lib/releases/mutations";

/**
 * A release manager freezes the adopted text as a candidate and opens the call that may publish
 * it, in one transaction: the community decides on releases as on anything else.
 */
export async function prepareRelease(
  db: Database,
  manager: ReleaseManager,
  standardId: string,
  input: PrepareReleaseInput,
  now = new Date(),
): Promise<{ callNumber: number; leftOut: string[] }> {
  return db.transaction(async (tx) => {
    const candidate = await insertCandidate(tx, manager.id, standardId, input, now);
    const call = await insertCall(
      tx,
      manager.id,
      standardId,
      {
        kind: "release",
        title: `Publish ${candidate.standardName} ${input.version}`,
        description: input.notes,
        organisations: "",
        clauseId: null,
        revisionId: null,
        releaseId: candidate.id,
      },
      now,
    );
    return { callNumber: call.number, leftOut: candidate.leftOut };
  });
}
