import "server-only";
import { and, eq, gt, isNull, lte, or } from "drizzle-orm";
import { type Participant, recordRefusal, requireParticipant } from "@/lib/community/authz";
import type { Viewer } from "@/lib/community/viewer";
import type { Executor } from "@/lib/db/client";
import { DomainError } from "@/lib/errors";
import { representatives } from "@/lib/registry/schema";

declare const representing: unique symbol;

/**
 * A representative of one organisation whose term is in force: the only proof the registry's
 * mutations on that organisation and its declarations accept. Minted only by
 * `requireRepresentative`, so a mutation that forgot to check does not compile.
 */
export type Representative = Participant & {
  readonly [representing]: true;
  readonly organisationId: string;
};

/** Whether `userId` represents `organisationId` at `now`. */
export async function isRepresentative(
  tx: Executor,
  organisationId: string,
  userId: string,
  now = new Date(),
): Promise<boolean> {
  const [row] = await tx
    .select({ id: representatives.id })
    .from(representatives)
    .where(
      and(
        eq(representatives.organisationId, organisationId),
        eq(representatives.userId, userId),
        lte(representatives.startsAt, now),
        or(isNull(representatives.endsAt), gt(representatives.endsAt, now)),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * The only way to a `Representative`. A signed-in person who is not one is refused on the
 * public record, as every refusal is.
 */
export async function requireRepresentative(
  tx: Executor,
  viewer: Viewer | null,
  organisationId: string,
  attempted: string,
  now = new Date(),
): Promise<Representative> {
  const participant = requireParticipant(viewer, attempted);
  if (!(await isRepresentative(tx, organisationId, participant.id, now))) {
    await recordRefusal(tx, participant.id, attempted, "not_representative");
    throw new DomainError("forbidden");
  }
  return { ...participant, organisationId } as Representative;
}
