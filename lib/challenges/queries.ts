import "server-only";
import { and, asc, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import { users } from "@/lib/auth/schema";
import { decidingBody } from "@/lib/challenges/rows";
import {
  type ChallengeKind,
  type ChallengePhase,
  challengePhases,
  finalPhases,
  type ResponseKind,
  type Verdict,
  verdictsFor,
  waitingPhases,
} from "@/lib/challenges/rules";
import { challengeAppeals, challenges, challengeVotes } from "@/lib/challenges/schema";
import { displayName } from "@/lib/community/rules";
import type { Viewer } from "@/lib/community/viewer";
import type { Database, Executor } from "@/lib/db/client";
import { votingStage } from "@/lib/decisions/deliberation";
import { hasConflict } from "@/lib/decisions/organisations";
import { bodyOf } from "@/lib/decisions/transitions";
import { standards } from "@/lib/drafting/schema";
import { isRepresentative } from "@/lib/registry/authz";
import { declarations, organisations } from "@/lib/registry/schema";
import { releases } from "@/lib/releases/schema";

export const CHALLENGES_PAGE_SIZE = 50;

/** "open": still waiting on someone; "closed": decided or withdrawn; or one phase exactly. */
export type ChallengeStateFilter = "open" | "closed" | ChallengePhase;

export type ChallengeSearch = {
  state?: ChallengeStateFilter;
  /** A standard's slug. */
  standard?: string;
  /** An organisation's slug. */
  organisation?: string;
  page?: number;
};

const stateFilters: readonly string[] = ["open", "closed", ...challengePhases];

/** The log's query string, read leniently: an unknown value is no filter at all. */
export function parseChallengeSearch(
  query: Record<string, string | string[] | undefined>,
): ChallengeSearch {
  const one = (name: string) => {
    const value = query[name];
    const text = typeof value === "string" ? value.trim() : "";
    return text === "" ? undefined : text.slice(0, 100);
  };
  const state = one("state");
  const page = Number(one("page") ?? "1");
  return {
    state: state && stateFilters.includes(state) ? (state as ChallengeStateFilter) : undefined,
    standard: one("standard"),
    organisation: one("organisation"),
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

export type ChallengeListRow = {
  number: number;
  kind: ChallengeKind;
  phase: ChallengePhase;
  filedAt: Date;
  decidedAt: Date | null;
  clauses: string[];
  standard: { slug: string; name: string };
  /** The declaration challenged; null for a misuse report. */
  declaration: { number: number; product: string | null } | null;
  organisation: { slug: string; name: string } | null;
  /** Who a misuse report names as showing the mark. */
  subjectName: string | null;
};

function phaseCondition(state: ChallengeStateFilter): SQL {
  if (state === "open") return inArray(challenges.phase, [...waitingPhases]);
  if (state === "closed") return inArray(challenges.phase, [...finalPhases]);
  return eq(challenges.phase, state);
}

/**
 * The log's filters, over challenges joined to their standard and (left) to the declaration and
 * its organisation, as the log reads them.
 */
export function challengeConditions(filter: ChallengeSearch): SQL[] {
  const conditions: SQL[] = [];
  if (filter.state) conditions.push(phaseCondition(filter.state));
  if (filter.standard) conditions.push(eq(standards.slug, filter.standard));
  if (filter.organisation) conditions.push(eq(organisations.slug, filter.organisation));
  return conditions;
}

/**
 * The public log's rows, from the challenges joined to what they concern: nothing in them names
 * who filed. Callers add their conditions, order and page.
 */
export function selectChallengeRows(db: Executor) {
  return db
    .select({
      number: challenges.number,
      kind: challenges.kind,
      phase: challenges.phase,
      filedAt: challenges.filedAt,
      decidedAt: challenges.decidedAt,
      clauses: challenges.clauses,
      subjectName: challenges.subjectName,
      standardSlug: standards.slug,
      standardName: standards.name,
      declarationNumber: declarations.number,
      product: declarations.productName,
      organisationSlug: organisations.slug,
      organisationName: organisations.name,
    })
    .from(challenges)
    .innerJoin(standards, eq(standards.id, challenges.standardId))
    .leftJoin(declarations, eq(declarations.id, challenges.declarationId))
    .leftJoin(organisations, eq(organisations.id, declarations.organisationId))
    .$dynamic();
}

/** The public log, newest first, one page: nothing in it names who filed. */
export async function listChallenges(
  db: Executor,
  filter: ChallengeSearch,
): Promise<{ rows: ChallengeListRow[]; total: number; page: number; pages: number }> {
  const where = and(...challengeConditions(filter));
  const page = filter.page ?? 1;
  const [rows, [totals]] = await Promise.all([
    selectChallengeRows(db)
      .where(where)
      .orderBy(desc(challenges.filedAt), desc(challenges.number))
      .limit(CHALLENGES_PAGE_SIZE)
      .offset((page - 1) * CHALLENGES_PAGE_SIZE),
    db
      .select({ total: count() })
      .from(challenges)
      .innerJoin(standards, eq(standards.id, challenges.standardId))
      .leftJoin(declarations, eq(declarations.id, challenges.declarationId))
      .leftJoin(organisations, eq(organisations.id, declarations.organisationId))
      .where(where),
  ]);
  const total = totals?.total ?? 0;
  return {
    rows: rows.map((row) => ({
      number: row.number,
      kind: row.kind,
      phase: row.phase,
      filedAt: row.filedAt,
      decidedAt: row.decidedAt,
      clauses: row.clauses,
      subjectName: row.subjectName,
      standard: { slug: row.standardSlug, name: row.standardName },
      declaration:
        row.declarationNumber === null
          ? null
          : { number: row.declarationNumber, product: row.product },
      organisation:
        row.organisationSlug === null || row.organisationName === null
          ? null
          : { slug: row.organisationSlug, name: row.organisationName },
    })),
    total,
    page,
    pages: Math.max(1, Math.ceil(total / CHALLENGES_PAGE_SIZE)),
  };
}

/** The standards and organisations that have challenges, for the log's filter menus. */
export async function challengeChoices(db: Executor) {
  const [standardRows, organisationRows] = await Promise.all([
    db
      .selectDistinct({ slug: standards.slug, name: standards.name })
      .from(challenges)
      .innerJoin(standards, eq(standards.id, challenges.standardId))
      .orderBy(asc(standards.name)),
    db
      .selectDistinct({ slug: organisations.slug, name: organisations.name })
      .from(challenges)
      .innerJoin(declarations, eq(declarations.id, challenges.declarationId))
      .innerJoin(organisations, eq(organisations.id, declarations.organisationId))
      .orderBy(asc(organisations.name)),
  ]);
  return { standards: standardRows, organisations: organisationRows };
}

export type ChallengeVoteRow = {
  stage: "ag" | "sc";
  voterName: string;
  choice: Verdict | "recuse";
  rationale: string;
  castAt: Date;
};

/** What the viewer may do now; only for showing forms: each mutation checks again. */
export type ChallengeAllowed = {
  respond: boolean;
  withdraw: boolean;
  /** The stage the viewer may vote at, or null. */
  vote: "ag" | "sc" | null;
  appeal: boolean;
};

export type ChallengeRecord = {
  number: number;
  kind: ChallengeKind;
  phase: ChallengePhase;
  standard: { slug: string; name: string };
  /** Null: the filer is shown as "a member of the public". */
  filerName: string | null;
  /** The name is withheld from the public and the declarant (a viewer may still see it). */
  withheld: boolean;
  viewerIsFiler: boolean;
  filedAt: Date;
  clauses: string[];
  reason: string;
  evidence: string[];
  declaration: {
    number: number;
    /** The version the challenge was filed against. */
    version: number | null;
    latestVersion: number;
    product: string | null;
    state: string;
    relistingBarredUntil: Date | null;
  } | null;
  organisation: { slug: string; name: string } | null;
  misuse: { subjectName: string | null; seenAt: string | null; subjectUrl: string | null };
  deadlines: { response: Date | null; ag: Date | null; appeal: Date | null };
  response: {
    kind: ResponseKind;
    text: string;
    evidence: string[];
    by: string | null;
    at: Date | null;
    cureVersion: number | null;
  } | null;
  votes: ChallengeVoteRow[];
  appeal: { party: "challenger" | "declarant"; reason: string; filedAt: Date } | null;
  agDecision: Verdict | null;
  agRationale: string | null;
  rationale: string | null;
  decidedAt: Date | null;
  /** The choices a vote offers: "upheld and cured" only after a cure. */
  verdicts: Verdict[];
  may: ChallengeAllowed;
};

/**
 * Whether the viewer may read a withheld challenger's name: a member of the advisory group or the
 * steering committee now, who is neither the declarant's representative nor conflicted with
 * the organisation (they take no part, and the declarant must not learn the name through them).
 */
async function seesWithheldNames(
  db: Executor,
  viewerId: string,
  challenge: { organisations: string[] },
  representative: boolean,
  now: Date,
): Promise<boolean> {
  if (representative) return false;
  const [ag, sc, [person]] = await Promise.all([
    bodyOf(db, "advisory_group", now),
    bodyOf(db, "steering_committee", now),
    db.select().from(users).where(eq(users.id, viewerId)),
  ]);
  if (!ag.memberIds.includes(viewerId) && !sc.memberIds.includes(viewerId)) return false;
  return !person || !hasConflict(person, challenge.organisations);
}

/**
 * One challenge as its record page shows it to `viewer`. The challenger's name is given only
 * when it is not withheld, or to the challenger themself and to the groups that decide.
 */
export async function challengeRecord(
  db: Database,
  number: number,
  viewer: Viewer | null,
  now = new Date(),
): Promise<ChallengeRecord | null> {
  if (!Number.isSafeInteger(number) || number < 1 || number > 2_147_483_647) return null;
  const [row] = await db
    .select({
      challenge: challenges,
      filerName: users.name,
      standardSlug: standards.slug,
      standardName: standards.name,
      declarationNumber: declarations.number,
      latestVersion: declarations.latestVersion,
      product: declarations.productName,
      declarationState: declarations.state,
      relistingBarredUntil: declarations.relistingBarredUntil,
      organisationId: organisations.id,
      organisationSlug: organisations.slug,
      organisationName: organisations.name,
    })
    .from(challenges)
    .innerJoin(users, eq(users.id, challenges.filedBy))
    .innerJoin(standards, eq(standards.id, challenges.standardId))
    .leftJoin(declarations, eq(declarations.id, challenges.declarationId))
    .leftJoin(organisations, eq(organisations.id, declarations.organisationId))
    .where(eq(challenges.number, number));
  if (!row) return null;
  const c = row.challenge;
  const responder = c.respondedBy
    ? db.select({ name: users.name }).from(users).where(eq(users.id, c.respondedBy))
    : Promise.resolve([]);
  const [votes, [appeal], [responderRow]] = await Promise.all([
    db
      .select({
        stage: challengeVotes.stage,
        voterId: challengeVotes.userId,
        voterName: users.name,
        choice: challengeVotes.choice,
        rationale: challengeVotes.rationale,
        castAt: challengeVotes.castAt,
      })
      .from(challengeVotes)
      .innerJoin(users, eq(users.id, challengeVotes.userId))
      .where(eq(challengeVotes.challengeId, c.id))
      .orderBy(asc(challengeVotes.castAt)),
    db
      .select({
        party: challengeAppeals.party,
        reason: challengeAppeals.reason,
        filedAt: challengeAppeals.filedAt,
      })
      .from(challengeAppeals)
      .where(eq(challengeAppeals.challengeId, c.id)),
    responder,
  ]);
  const viewerIsFiler = viewer !== null && viewer.id === c.filedBy;
  const representative =
    viewer !== null &&
    row.organisationId !== null &&
    (await isRepresentative(db, row.organisationId, viewer.id, now));
  const showName =
    !c.withholdName ||
    viewerIsFiler ||
    (viewer !== null && (await seesWithheldNames(db, viewer.id, c, representative, now)));
  const stage = votingStage(c.phase);
  let vote: "ag" | "sc" | null = null;
  if (viewer && stage) {
    const parties = { filedBy: c.filedBy, organisationId: row.organisationId };
    const group = stage === "ag" ? "advisory_group" : "steering_committee";
    const body = await decidingBody(db, parties, group, now);
    const voted = votes.some((entry) => entry.stage === stage && entry.voterId === viewer.id);
    if (body.memberIds.includes(viewer.id) && !voted) vote = stage;
  }
  const cured = c.response === "cure";
  return {
    number: c.number,
    kind: c.kind,
    phase: c.phase,
    standard: { slug: row.standardSlug, name: row.standardName },
    filerName: showName ? displayName({ id: c.filedBy, name: row.filerName }) : null,
    withheld: c.withholdName,
    viewerIsFiler,
    filedAt: c.filedAt,
    clauses: c.clauses,
    reason: c.reason,
    evidence: c.evidence,
    declaration:
      row.declarationNumber === null
        ? null
        : {
            number: row.declarationNumber,
            version: c.declarationVersion,
            latestVersion: row.latestVersion ?? 0,
            product: row.product,
            state: row.declarationState ?? "listed",
            relistingBarredUntil: row.relistingBarredUntil,
          },
    organisation:
      row.organisationSlug === null || row.organisationName === null
        ? null
        : { slug: row.organisationSlug, name: row.organisationName },
    misuse: { subjectName: c.subjectName, seenAt: c.seenAt, subjectUrl: c.subjectUrl },
    deadlines: { response: c.responseDeadline, ag: c.agDeadline, appeal: c.appealDeadline },
    response: c.response
      ? {
          kind: c.response,
          text: c.responseText ?? "",
          evidence: c.responseEvidence,
          by: c.respondedBy
            ? displayName({ id: c.respondedBy, name: responderRow?.name ?? null })
            : null,
          at: c.respondedAt,
          cureVersion: c.cureVersion,
        }
      : null,
    votes: votes.map(({ voterId, voterName, ...entry }) => ({
      ...entry,
      voterName: displayName({ id: voterId, name: voterName }),
    })),
    appeal: appeal ?? null,
    agDecision: c.agDecision,
    agRationale: c.agRationale,
    rationale: c.rationale,
    decidedAt: c.decidedAt,
    verdicts: verdictsFor[c.kind].filter((verdict) => verdict !== "uphold_cured" || cured),
    may: {
      respond: representative && c.kind === "challenge" && c.phase === "responding",
      withdraw: viewerIsFiler && (c.phase === "responding" || c.phase === "escalated_ag"),
      vote,
      appeal: (viewerIsFiler || representative) && c.phase === "ag_decided" && appeal === undefined,
    },
  };
}

export type DeclarationChallenge = {
  number: number;
  kind: ChallengeKind;
  phase: ChallengePhase;
  clauses: string[];
  filedAt: Date;
  decidedAt: Date | null;
  rationale: string | null;
};

/** A declaration's challenges, newest first, for its page: never who filed them. */
export async function challengesOfDeclaration(
  db: Executor,
  declarationId: string,
): Promise<DeclarationChallenge[]> {
  return db
    .select({
      number: challenges.number,
      kind: challenges.kind,
      phase: challenges.phase,
      clauses: challenges.clauses,
      filedAt: challenges.filedAt,
      decidedAt: challenges.decidedAt,
      rationale: challenges.rationale,
    })
    .from(challenges)
    .where(eq(challenges.declarationId, declarationId))
    .orderBy(desc(challenges.filedAt), desc(challenges.number));
}

/** Who filed, for the timeline's own check; never shown by itself. */
export async function challengeFiler(db: Executor, number: number): Promise<string | null> {
  const [row] = await db
    .select({ filedBy: challenges.filedBy })
    .from(challenges)
    .where(eq(challenges.number, number));
  return row?.filedBy ?? null;
}

/** The standards whose mark can be misused: those with a published release. */
export async function reportableStandards(db: Executor): Promise<{ slug: string; name: string }[]> {
  return db
    .selectDistinct({ slug: standards.slug, name: standards.name })
    .from(standards)
    .innerJoin(releases, eq(releases.standardId, standards.id))
    .orderBy(asc(standards.name));
}
