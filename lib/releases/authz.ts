import "server-only";
import { type Participant, recordRefusal, requireParticipant } from "@/lib/community/authz";
import { holdsRole } from "@/lib/community/rules";
import { loadViewer, type Viewer } from "@/lib/community/viewer";
import type { Executor } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";

declare const releaseManager: unique symbol;

/**
 * A member of the secretariat or the chair of the advisory group, whose term is in force: the
 * people who prepare releases. Only `requireReleaseManager` attaches the brand.
 */
export type ReleaseManager = Participant & { readonly [releaseManager]: true };

/**
 * The only way to a `ReleaseManager`. The roles are read again as they stand at `now`, the
 * moment the release is prepared, whenever the viewer was loaded. A refusal is recorded.
 */
export async function requireReleaseManager(
  db: Executor,
  viewer: Viewer | null,
  now = new Date(),
): Promise<ReleaseManager> {
  const participant = requireParticipant(viewer);
  const current = await loadViewer(db, participant.id, now);
  if (current?.isSecretariat || (current && holdsRole(current.roles, "advisory_group", "chair"))) {
    return requireParticipant(current) as ReleaseManager;
  }
  await recordRefusal(db, participant.id, "releases.prepare", "not_release_manager");
  throw new DomainError("forbidden");
}
