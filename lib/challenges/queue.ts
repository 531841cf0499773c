import "server-only";
import {
  and,
  asc,
  eq,
  gt,
  inArray,
  isNull,
  lte,
  ne,
  notExists,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import type { ChallengeKind, ChallengePhase } from "@/lib/challenges/rules";
import { challenges, challengeVotes } from "@/lib/challenges/schema";
import { memberships } from "@/lib/community/schema";
import type { Executor } from "@/lib/db/client";
import { standards } from "@/lib/drafting/schema";
import { declarations, organisations, representatives } from "@/lib/registry/schema";

/*
 * Challenges in the groups' queues, beside the calls: the advisory group decides an escalated
 * challenge, the steering committee a tie, a missed deadline or an appeal. Public: the queue
 * names the declaration or the report's subject, never the challenger.
 */

/** The phases in which a group owes a decision, and which group. */
const groupOf = {
  escalated_ag: "advisory_group",
  escalated_sc: "steering_committee",
  appealed: "steering_committee",
} as const;
type QueuedPhase = keyof typeof groupOf;
const queuedPhases = Object.keys(groupOf) as QueuedPhase[];

export type QueuedChallenge = {
  id: string;
  number: number;
  kind: ChallengeKind;
  phase: QueuedPhase;
  /** The group that decides now. */
  group: (typeof groupOf)[QueuedPhase];
  /** The advisory group's deadline; the steering committee's stages have none. */
  deadline: Date | null;
  filedAt: Date;
  standard: string;
  /** The declaration challenged, or null for a misuse report. */
  declarationNumber: number | null;
  product: string | null;
  organisation: string | null;
  /** A misuse report's subject: who shows the mark. */
  subjectName: string | null;
};

const isQueued = (phase: ChallengePhase): phase is QueuedPhase => phase in groupOf;

function selectQueued(db: Executor, where: SQL | undefined) {
  return db
    .select({
      id: challenges.id,
      number: challenges.number,
      kind: challenges.kind,
      phase: challenges.phase,
      agDeadline: challenges.agDeadline,
      filedAt: challenges.filedAt,
      standard: standards.name,
      declarationNumber: declarations.number,
      product: declarations.productName,
      organisation: organisations.name,
      subjectName: challenges.subjectName,
    })
    .from(challenges)
    .innerJoin(standards, eq(standards.id, challenges.standardId))
    .leftJoin(declarations, eq(declarations.id, challenges.declarationId))
    .leftJoin(organisations, eq(organisations.id, declarations.organisationId))
    .where(and(inArray(challenges.phase, queuedPhases), where))
    .orderBy(sql`${challenges.agDeadline} asc nulls last`, asc(challenges.number));
}

function queued(rows: Awaited<ReturnType<typeof selectQueued>>): QueuedChallenge[] {
  return rows.flatMap(({ agDeadline, ...row }) => {
    const phase = row.phase as ChallengePhase;
    if (!isQueued(phase)) return [];
    return [
      {
        ...row,
        phase,
        group: groupOf[phase],
        deadline: phase === "escalated_ag" ? agDeadline : null,
      },
    ];
  });
}

/** Every challenge a group owes a decision on, the advisory group's soonest deadline first. */
export async function challengesAwaitingGroups(db: Executor): Promise<QueuedChallenge[]> {
  return queued(await selectQueued(db, undefined));
}

/**
 * What needs this person's vote now: challenges before a group they are a current member of,
 * on which they have not voted at that stage (a member of both groups may owe each once), and
 * to which they are not a party.
 */
export async function challengesWaitingFor(
  db: Executor,
  userId: string,
  now: Date,
): Promise<QueuedChallenge[]> {
  const current = await db
    .selectDistinct({ group: memberships.group })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, userId),
        lte(memberships.startsAt, now),
        or(isNull(memberships.endsAt), gt(memberships.endsAt, now)),
      ),
    );
  const groups = new Set(current.map((row) => row.group));
  const phases = queuedPhases.filter((phase) => groups.has(groupOf[phase]));
  if (phases.length === 0) return [];
  const stage = sql`case when ${challenges.phase} = 'escalated_ag' then 'ag' else 'sc' end`;
  const rows = await selectQueued(
    db,
    and(
      inArray(challenges.phase, phases),
      // Its parties take no part in deciding it (lib/challenges/rows.ts decidingBody).
      ne(challenges.filedBy, userId),
      notExists(
        db
          .select({ id: representatives.id })
          .from(representatives)
          .where(
            and(
              eq(representatives.organisationId, declarations.organisationId),
              eq(representatives.userId, userId),
              lte(representatives.startsAt, now),
              or(isNull(representatives.endsAt), gt(representatives.endsAt, now)),
            ),
          ),
      ),
      notExists(
        db
          .select({ id: challengeVotes.id })
          .from(challengeVotes)
          .where(
            and(
              eq(challengeVotes.challengeId, challenges.id),
              eq(challengeVotes.userId, userId),
              sql`${challengeVotes.stage}::text = ${stage}`,
            ),
          ),
      ),
    ),
  );
  return queued(rows);
}
